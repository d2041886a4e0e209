package org.hotpath.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hotpath.internal.Chunks;
import org.hotpath.testing.FloodKeys;
import org.junit.jupiter.api.Test;

/**
 * Keys chosen from the source to overflow a few chunks under every public seed: the maps keep
 * every key, rebuild exactly three times (once per public seed) and end on a secret seed. Every
 * lookup reads at most the key's two chunks, so once every key is found, no lookup can be made
 * slower. Time is measured in JMH ({@code FloodBenchmark}), not here.
 */
class FloodDefenceTest {

  private static final int SIZE = 5_000;

  @Test
  void shouldKeepEveryKeyAndTurnSecretAfterThePublicSeedsAreFlooded() {
    Int2IntHashMap map = new Int2IntHashMap(SIZE);
    int capacity = map.capacity();
    long[] attack = FloodKeys.forEveryPublicSeed(capacity / Chunks.SLOTS, 2, 0, k -> true);
    int[] keys = withRandomKeys(attack);
    for (int key : keys) {
      map.put(key, ~key);
    }
    assertEquals(SIZE, map.size());
    for (int key : keys) {
      assertEquals(~key, map.get(key), "key " + key);
    }
    assertEquals(3, map.floodDefences(), "one rebuild per public seed");
    assertTrue(Chunks.isSecret(map.hashSeed()));
    assertEquals(capacity, map.capacity(), "a presized map does not grow to defend itself");
  }

  @Test
  void shouldDefendLongKeysTheSameWay() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>(SIZE);
    long[] attack = FloodKeys.forEveryPublicSeed(map.capacity() / Chunks.SLOTS, 2, 0, k -> true);
    int[] keys = withRandomKeys(attack);
    for (int key : keys) {
      map.put(key, "v" + key);
    }
    assertEquals(SIZE, map.size());
    for (int key : keys) {
      assertEquals("v" + key, map.get(key), "key " + key);
    }
    assertEquals(3, map.floodDefences());
    assertTrue(Chunks.isSecret(map.hashSeed()));
  }

  @Test
  void shouldStayDeterministicWhileOnlyOnePublicSeedIsFlooded() {
    Int2IntHashMap map = new Int2IntHashMap(SIZE);
    long[] attack = FloodKeys.forEveryPublicSeed(map.capacity() / Chunks.SLOTS, 2, 0, k -> true);
    for (int i = 0; i < attack.length / 3; i++) { // seed 0's keys only
      map.put((int) attack[i], 1);
    }
    assertEquals(1, map.floodDefences());
    assertEquals(1, map.hashSeed(), "the next public seed: iteration order is still deterministic");
  }

  @Test
  void shouldNeverTripOnRandomKeysAtTheLargestLoadFactorEvenUnderChurn() {
    int n = 200_000;
    SplittableRandom random = new SplittableRandom(20);
    Int2IntHashMap ints = new Int2IntHashMap(n, Chunks.MAX_LOAD_FACTOR);
    Long2ObjectHashMap<Boolean> longs = new Long2ObjectHashMap<>(n, Chunks.MAX_LOAD_FACTOR);
    int[] intRing = new int[n];
    long[] longRing = new long[n];
    for (int i = 0; i < n; i++) {
      intRing[i] = freshInt(ints, random);
      longRing[i] = freshLong(longs, random);
    }
    for (int churn = 0; churn < 2 * n; churn++) { // remove the oldest, insert a new key, full
      int p = churn % n;
      ints.remove(intRing[p]);
      intRing[p] = freshInt(ints, random);
      longs.remove(longRing[p]);
      longRing[p] = freshLong(longs, random);
    }
    assertEquals(n, ints.size());
    assertEquals(n, longs.size());
    assertEquals(0, ints.floodDefences(), "random keys made the defence trip");
    assertEquals(0, longs.floodDefences(), "random keys made the defence trip");
    assertFalse(Chunks.isSecret(ints.hashSeed()));
  }

  private static int freshInt(Int2IntHashMap map, SplittableRandom random) {
    int k;
    do {
      k = random.nextInt();
    } while (map.containsKey(k));
    map.put(k, 1);
    return k;
  }

  private static long freshLong(Long2ObjectHashMap<Boolean> map, SplittableRandom random) {
    long k;
    do {
      k = random.nextLong();
    } while (map.containsKey(k));
    map.put(k, Boolean.TRUE);
    return k;
  }

  /** The attack keys first, then distinct random keys up to {@link #SIZE}. */
  private static int[] withRandomKeys(long[] attack) {
    int[] keys = new int[SIZE];
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    int n = 0;
    for (long k : attack) {
      keys[n++] = (int) k;
      seen.add((int) k);
    }
    SplittableRandom random = new SplittableRandom(7);
    while (n < SIZE) {
      int k = random.nextInt();
      if (seen.add(k)) {
        keys[n++] = k;
      }
    }
    return keys;
  }
}
