package org.hotpath.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.Shards;
import org.hotpath.testing.FloodKeys;
import org.junit.jupiter.api.Test;

/**
 * Keys chosen from the source for one shard and for that shard's table under every public seed
 * (shared counters keyed by client address): the shard keeps every key, rebuilds once per public
 * seed and ends on a secret seed; the other shards are untouched.
 */
class ShardedFloodDefenceTest {

  private static final int SIZE = 5_000;
  private static final int SHARDS = 16;

  @Test
  void shouldDefendTheTargetedShardOfTheIntMap() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(SIZE, SHARDS);
    long[] attack = attackOnShardZero();
    int[] keys = withRandomKeys(attack);
    for (int key : keys) {
      map.addAndGet(key, 3);
    }
    assertEquals(SIZE, map.size());
    for (int key : keys) {
      assertEquals(3, map.get(key), "key " + key);
    }
    assertEquals(3, map.floodDefences(), "one rebuild per public seed, in the targeted shard");
    assertTrue(Chunks.isSecret(map.hashSeed((int) attack[0])));
  }

  @Test
  void shouldDefendTheTargetedShardOfTheObjectMap() {
    ShardedLong2ObjectMap<String> map = new ShardedLong2ObjectMap<>(SIZE, SHARDS);
    long[] attack = attackOnShardZero();
    int[] keys = withRandomKeys(attack);
    for (int key : keys) {
      map.put(key, "v" + key);
    }
    assertEquals(SIZE, map.size());
    for (int key : keys) {
      assertEquals("v" + key, map.get(key), "key " + key);
    }
    assertEquals(3, map.floodDefences());
    assertTrue(Chunks.isSecret(map.hashSeed(attack[0])));
  }

  private static long[] attackOnShardZero() {
    int chunks = Shards.chunksPerShard(SIZE, SHARDS);
    return FloodKeys.forEveryPublicSeed(chunks, 2, 0, k -> Shards.of(k, SHARDS - 1) == 0);
  }

  /** The attack keys first, then distinct random keys up to {@link #SIZE}. */
  private static int[] withRandomKeys(long[] attack) {
    int[] keys = new int[SIZE];
    Set<Integer> seen = new HashSet<>();
    int n = 0;
    for (long k : attack) {
      keys[n++] = (int) k;
      seen.add((int) k);
    }
    SplittableRandom random = new SplittableRandom(11);
    while (n < SIZE) {
      int k = random.nextInt();
      if (seen.add(k)) {
        keys[n++] = k;
      }
    }
    return keys;
  }
}
