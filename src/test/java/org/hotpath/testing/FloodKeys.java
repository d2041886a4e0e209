package org.hotpath.testing;

import java.util.Arrays;
import java.util.function.LongPredicate;
import org.hotpath.internal.Chunks;

/**
 * The keys an attacker who has read {@link Chunks} would send to a hash table: keys whose two
 * chunks both lie among the first {@code crowd} chunks of a table of known size, for each public
 * seed in turn, so that every public seed finds those chunks overfull. Found by scanning keys in
 * order, as an attacker with the source and a few CPU seconds would.
 */
public final class FloodKeys {

  private FloodKeys() {}

  /**
   * Keys that overflow {@code crowd} chunks under each public seed (0, 1, 2), seed 0's first.
   *
   * @param chunks the chunk count of the table under attack
   * @param crowd how many chunks to crowd
   * @param from the first key to try, at least 0
   * @param accept which keys may be used (all, or those of one shard)
   * @return {@code 3 * (7 * crowd + 1)} distinct keys (as longs; int keys fit in the low half)
   */
  public static long[] forEveryPublicSeed(int chunks, int crowd, long from, LongPredicate accept) {
    int perSeed = Chunks.SLOTS * crowd + 1;
    long[] keys = new long[3 * perSeed];
    int n = 0;
    if (from < 0) {
      throw new IllegalArgumentException("from must not be negative, but was " + from);
    }
    long next = from;
    for (long seed = 0; seed < 3; seed++) {
      long mul1 = Chunks.mul1(seed, chunks);
      long mul2 = Chunks.mul2(seed, chunks);
      for (int found = 0; found < perSeed; next++) {
        long key = next; // below 2^31: the same key, and the same hash, as an int or a long
        int c1 = Chunks.chunk(Chunks.hash(key, mul1), chunks);
        if (c1 < crowd
            && Chunks.second(Chunks.hash(key, mul2), c1, chunks) < crowd
            && accept.test(key)
            && !contains(keys, n, key)) {
          keys[n++] = key;
          found++;
        }
      }
    }
    return keys;
  }

  private static boolean contains(long[] keys, int n, long key) {
    return Arrays.stream(keys, 0, n).anyMatch(k -> k == key);
  }
}
