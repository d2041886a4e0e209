package org.hotpath.jcstress;

import org.hotpath.internal.OpenAddressing;

/**
 * White-box key choice for the sharded-map tests: keys whose home slots coincide in a one-shard
 * map's table, so that one sits in the other's probe chain (insert after it, or be shifted back by
 * its removal). Uses the library's own hash ({@code org.hotpath.internal} is not exported, but the
 * uber jar runs on the class path, where module boundaries do not apply), with the table size
 * read from the map ({@code capacity()} of a one-shard map) and the seed the shard derives from it.
 * The keys are found by search, so they keep colliding if the hash function changes; a shard that
 * stops deriving its seed from its capacity alone would make them ordinary keys (the tests would
 * still pass, on a less interesting layout).
 */
final class Keys {

  private Keys() {}

  /** Two distinct {@code long} keys from {@code avoidBelow} up with one home slot: {b, a}. */
  static long[] collidingLongs(int capacity, long avoidBelow) {
    long seed = OpenAddressing.seedFor(capacity);
    long first = avoidBelow;
    int home = OpenAddressing.slot(first, seed, capacity);
    for (long k = first + 1; ; k++) {
      if (OpenAddressing.slot(k, seed, capacity) == home) {
        return new long[] {first, k};
      }
    }
  }

  /** Two distinct {@code int} keys from {@code avoidBelow} up with one home slot: {b, a}. */
  static int[] collidingInts(int capacity, int avoidBelow) {
    long seed = OpenAddressing.seedFor(capacity);
    int first = avoidBelow;
    int home = OpenAddressing.slot(first, seed, capacity);
    for (int k = first + 1; ; k++) {
      if (OpenAddressing.slot(k, seed, capacity) == home) {
        return new int[] {first, k};
      }
    }
  }
}
