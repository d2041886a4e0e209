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
   * Each shard holds the mean share within six standard deviations, and linear probing in the
   * shards' tables, sized as the maps size them, keeps keys near home: at load 0.75 a uniform hash
   * displaces keys 1.5 slots on average. The whole map must stay under 2; each shard under 4 while
   * shards hold over 3,000 keys (smaller tables vary more by chance: SplitMix64's finalizer as the
   * selector had single 200-key shards at 6).
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
      long displacement = displacement(members[s]);
      total += displacement;
      double perKey = displacement / (double) members[s].length;
      assertTrue(
          shards > 64 || perKey < 4.0,
          family + ": shard " + s + " of " + shards + " mean displacement " + perKey);
    }
    double overall = total / (double) KEYS;
    assertTrue(overall < 2.0, family + " over " + shards + " shards: mean displacement " + overall);
  }

  private static long displacement(long[] keys) {
    int capacity = OpenAddressing.capacityFor(keys.length, OpenAddressing.DEFAULT_LOAD_FACTOR);
    long seed = OpenAddressing.seedFor(capacity);
    boolean[] used = new boolean[capacity];
    long displacement = 0;
    for (long key : keys) {
      int slot = OpenAddressing.slot(key, seed, capacity);
      while (used[slot]) {
        displacement++;
        if (++slot == capacity) {
          slot = 0;
        }
      }
      used[slot] = true;
    }
    return displacement;
  }

  @Test
  void shouldSizeEachShardForItsShareWithHeadroom() {
    assertEquals(OpenAddressing.capacityFor(0, 0.75f), Shards.capacityPerShard(0, 16));
    assertEquals(
        OpenAddressing.capacityFor(1000, 0.75f),
        Shards.capacityPerShard(1000, 1),
        "one shard needs no headroom");
    int large = Shards.capacityPerShard(1_000_000, 16);
    assertEquals(OpenAddressing.capacityFor(62_500, 0.75f), large, "the load band absorbs the spread");
    assertTrue(Shards.threshold(large) >= 62_500 + 4 * 250, "threshold " + Shards.threshold(large));
    int small = Shards.capacityPerShard(1000, 16);
    assertTrue(Shards.threshold(small) >= 62.5 + 4 * 7.7, "threshold " + Shards.threshold(small));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Shards.capacityPerShard(-1, 4));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void shouldDefaultToAPowerOfTwo() {
    int shards = Shards.defaultCount();
    assertEquals(1, Integer.bitCount(shards));
    assertEquals(shards, Shards.checkCount(shards));
  }
}
