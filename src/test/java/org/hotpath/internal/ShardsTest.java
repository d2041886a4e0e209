package org.hotpath.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The shard selector spreads every key family evenly over the shards, and the keys that share a
 * shard still spread over that shard's table: the two hashes are independent.
 */
class ShardsTest {

  private static final int KEYS = 200_000;

  @Test
  void shouldSpreadEveryKeyFamilyEvenlyAndIndependentlyOfTheShardTables() {
    for (int shards : new int[] {16, 64, 256}) {
      check("sequential", shards, i -> i);
      check("negative", shards, i -> -i);
      check("times 17", shards, i -> i * 17L);
      for (int shift : new int[] {1, 4, 8, 12, 16, 24, 32, 38, 45}) {
        check("shifted by " + shift, shards, i -> (long) i << shift);
      }
      check("int keys strided by 2^14", shards, i -> i << 14); // wraps negative, distinct
    }
  }

  /**
   * Each shard holds the mean share within six standard deviations, and its keys spread over the
   * first chunks of the shard's table, sized as the maps size them: at load 0.8 a uniform hash
   * crowds about 9% of keys out of a full first chunk. The whole map must stay under 13%; each
   * shard under 20% while shards hold over 3,000 keys (smaller tables vary more by chance).
   */
  private static void check(String family, int shards, IntToLongFunction keyOf) {
    int mask = shards - 1;
    int[] counts = new int[shards];
    for (int i = 1; i <= KEYS; i++) {
      counts[Shards.of(keyOf.applyAsLong(i), mask)]++;
    }
    double mean = KEYS / (double) shards;
    double sigma = Math.sqrt(mean);
    long[][] members = new long[shards][];
    for (int s = 0; s < shards; s++) {
      assertTrue(
          Math.abs(counts[s] - mean) < 6 * sigma,
          family + ": shard " + s + " of " + shards + " holds " + counts[s] + ", mean " + mean);
      members[s] = new long[counts[s]];
      counts[s] = 0;
    }
    for (int i = 1; i <= KEYS; i++) {
      long key = keyOf.applyAsLong(i);
      int s = Shards.of(key, mask);
      members[s][counts[s]++] = key;
    }
    long total = 0;
    for (int s = 0; s < shards; s++) {
      long crowded = crowdedOut(members[s]);
      total += crowded;
      double fraction = crowded / (double) members[s].length;
      assertTrue(
          shards > 64 || fraction < 0.2,
          family + ": shard " + s + " of " + shards + " crowds out " + fraction);
    }
    double overall = total / (double) KEYS;
    assertTrue(overall < 0.13, family + " over " + shards + " shards: crowded out " + overall);
  }

  /** Keys beyond the seven slots of their first chunk, in a table sized for them at load 0.8. */
  private static long crowdedOut(long[] keys) {
    int chunks = Chunks.chunksFor(keys.length, Shards.LOAD_FACTOR);
    long mul1 = Chunks.mul1(0, chunks);
    int[] load = new int[chunks];
    long crowded = 0;
    for (long key : keys) {
      if (++load[Chunks.chunk(Chunks.hash(key, mul1), chunks)] > Chunks.SLOTS) {
        crowded++;
      }
    }
    return crowded;
  }

  @Test
  void shouldSizeEachShardForItsShareWithHeadroom() {
    assertEquals(Chunks.chunksFor(0, 0.8f), Shards.chunksPerShard(0, 16));
    assertEquals(
        Chunks.chunksFor(1000, 0.8f), Shards.chunksPerShard(1000, 1), "one shard needs no headroom");
    int large = Shards.chunksPerShard(1_000_000, 16);
    assertEquals(Chunks.chunksFor(62_500, 0.8f), large, "the load band absorbs the spread");
    assertTrue(Shards.threshold(large) >= 62_500 + 4 * 250, "threshold " + Shards.threshold(large));
    int small = Shards.chunksPerShard(1000, 16);
    assertTrue(Shards.threshold(small) >= 62.5 + 4 * 7.7, "threshold " + Shards.threshold(small));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Shards.chunksPerShard(-1, 4));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void shouldDefaultToAPowerOfTwo() {
    int shards = Shards.defaultCount();
    assertEquals(1, Integer.bitCount(shards));
    assertEquals(shards, Shards.checkCount(shards));
  }
}
