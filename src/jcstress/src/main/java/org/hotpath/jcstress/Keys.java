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

  /** Residents of each of the two full chunks in {@link #cuckooKeys}. */
  static final int PER_CHUNK = Chunks.SLOTS;

  /**
   * Keys that make an insertion move another key, for a one-shard map's table on seed 0: {@code
   * [0, 7)} have first chunk X, {@code [7, 14)} first chunk Y, none of them has X or Y as its
   * second chunk, and {@code [14]} has first chunk X and second chunk Y. With the fourteen in the
   * map (inserted in that order, they fill X and Y), inserting {@code [14]} must move one of them
   * to its second chunk, which is empty. Non-negative and below 2^31, so each is also an {@code
   * int} key with the same hash.
   */
  static long[] cuckooKeys(int capacity, long avoidBelow) {
    int chunks = capacity / Chunks.SLOTS;
    long mul1 = Chunks.mul1(0, chunks);
    long mul2 = Chunks.mul2(0, chunks);
    long a = avoidBelow;
    int x = Chunks.chunk(Chunks.hash(a, mul1), chunks);
    int y = Chunks.second(Chunks.hash(a, mul2), x, chunks);
    long[] keys = new long[2 * PER_CHUNK + 1];
    int inX = 0;
    int inY = 0;
    for (long k = a + 1; inX < PER_CHUNK || inY < PER_CHUNK; k++) {
      int c1 = Chunks.chunk(Chunks.hash(k, mul1), chunks);
      int c2 = Chunks.second(Chunks.hash(k, mul2), c1, chunks);
      if (c1 == x && c2 != y && inX < PER_CHUNK) {
        keys[inX++] = k;
      } else if (c1 == y && c2 != x && inY < PER_CHUNK) {
        keys[PER_CHUNK + inY++] = k;
      }
    }
    keys[2 * PER_CHUNK] = a;
    return keys;
  }
}
