package org.hotpath.jcstress;

import org.hotpath.internal.Chunks;

/**
 * White-box key choice for the sharded-map tests: keys that share their first chunk in a
 * one-shard map's table, so that one is inserted beside the other (or freed beside it). Uses the
 * library's own hash ({@code org.hotpath.internal} is not exported, but the uber jar runs on the
 * class path, where module boundaries do not apply), with the chunk count read from the map
 * ({@code capacity()} of a one-shard map, seven slots per chunk) and the public seed 0 a new shard
 * starts with. The keys are found by search, so they keep sharing a chunk if the hash changes; a
 * shard that stopped starting on seed 0 would make them ordinary keys (the tests would still pass,
 * on a less interesting layout).
 */
final class Keys {

  private Keys() {}

  /** Two distinct {@code long} keys from {@code avoidBelow} up with one first chunk: {b, a}. */
  static long[] collidingLongs(int capacity, long avoidBelow) {
    int chunks = capacity / Chunks.SLOTS;
    long mul1 = Chunks.mul1(0, chunks);
    long first = avoidBelow;
    int home = Chunks.chunk(Chunks.hash(first, mul1), chunks);
    for (long k = first + 1; ; k++) {
      if (Chunks.chunk(Chunks.hash(k, mul1), chunks) == home) {
        return new long[] {first, k};
      }
    }
  }

  /** Two distinct {@code int} keys from {@code avoidBelow} up with one first chunk: {b, a}. */
  static int[] collidingInts(int capacity, int avoidBelow) {
    int chunks = capacity / Chunks.SLOTS;
    long mul1 = Chunks.mul1(0, chunks);
    int first = avoidBelow;
    int home = Chunks.chunk(Chunks.hash(first, mul1), chunks);
    for (int k = first + 1; ; k++) {
      if (Chunks.chunk(Chunks.hash(k, mul1), chunks) == home) {
        return new int[] {first, k};
      }
    }
  }
}
