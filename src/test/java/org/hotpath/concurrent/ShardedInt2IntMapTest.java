package org.hotpath.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples of ShardedInt2IntMap's contract: sizing, bad input, callbacks and their limits. */
class ShardedInt2IntMapTest {

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 3, 6, 1 << 17, Integer.MIN_VALUE})
  void shouldRejectAShardCountThatIsNotAPowerOfTwoInRange(int shards) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ShardedInt2IntMap(10, shards));
    assertTrue(e.getMessage().contains("but was " + shards), e.getMessage());
  }

  @Test
  void shouldRejectANegativeExpectedSize() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ShardedInt2IntMap(-5));
    assertTrue(e.getMessage().contains("-5"), e.getMessage());
  }

  @Test
  void shouldDefaultToAPowerOfTwoShardsPerProcessor() {
    int shards = new ShardedInt2IntMap(0).shardCount();
    assertEquals(1, Integer.bitCount(shards));
    assertTrue(shards >= Runtime.getRuntime().availableProcessors(), "shards " + shards);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 16, 1000, 100_000})
  void shouldNotGrowWhileHoldingAtMostExpectedSizeEntries(int expectedSize) {
    for (int shards : new int[] {1, 4, 64}) {
      ShardedInt2IntMap sequential = new ShardedInt2IntMap(expectedSize, shards);
      ShardedInt2IntMap strided = new ShardedInt2IntMap(expectedSize, shards);
      long capacity = sequential.capacity();
      for (int i = 0; i < expectedSize; i++) {
        sequential.put(i, i);
        strided.put(i << 12, i);
      }
      assertEquals(capacity, sequential.capacity(), "sequential keys, " + shards + " shards");
      assertEquals(capacity, strided.capacity(), "keys strided by 2^12, " + shards + " shards");
      assertEquals(expectedSize, sequential.size());
    }
  }

  @Test
  void shouldStoreTheMissingValueAndTellItFromAnAbsentKey() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(8, 2, -1);
    assertEquals(-1, map.get(7));
    assertFalse(map.containsKey(7));
    assertEquals(-1, map.put(7, -1));
    assertTrue(map.containsKey(7));
    assertEquals(-1, map.get(7));
    assertEquals(5, map.getOrDefault(8, 5));
  }

  @Test
  void shouldRejectNullCallbacksByName() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(8);
    assertEquals(
        "mappingFunction",
        assertThrows(NullPointerException.class, () -> map.computeIfAbsent(1, null)).getMessage());
    assertEquals("action", assertThrows(NullPointerException.class, () -> map.forEach(null)).getMessage());
    assertEquals("filter", assertThrows(NullPointerException.class, () -> map.removeIf(null)).getMessage());
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldFailAMappingFunctionThatModifiesItsShardAndLeaveTheMapUnchanged() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(8, 1);
    map.put(1, 10);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> map.computeIfAbsent(2, k -> map.put(3, 30)));
    assertTrue(e.getMessage().contains("must not modify"), e.getMessage());
    assertEquals("{1=10}", map.toString());
    assertEquals(20, map.computeIfAbsent(2, k -> 20), "the lock was released");
  }

  @Test
  void shouldLetAMappingFunctionReadTheMap() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(8, 1);
    map.put(1, 10);
    assertEquals(11, map.computeIfAbsent(2, k -> map.get(1) + 1));
    assertEquals(11, map.get(2));
  }

  @Test
  void shouldLeaveTheMapUnchangedAndUsableWhenAMappingFunctionThrows() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(8, 1);
    map.put(1, 10);
    assertThrows(
        ArithmeticException.class,
        () ->
            map.computeIfAbsent(
                2,
                k -> {
                  throw new ArithmeticException("boom");
                }));
    assertFalse(map.containsKey(2));
    assertEquals(1, map.size());
    map.put(2, 20);
    assertEquals(20, map.get(2));
  }

  @Test
  void shouldFailACallbackThatModifiesTheShardItWalks() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(8, 1);
    map.put(1, 10);
    map.put(2, 20);
    assertThrows(IllegalStateException.class, () -> map.forEach((k, v) -> map.remove(k)));
    assertThrows(IllegalStateException.class, () -> map.removeIf((k, v) -> map.put(k, v + 1) < 0));
    assertEquals(2, map.size());
    assertEquals(10, map.get(1));
    assertEquals(20, map.get(2));
  }

  @Test
  void shouldReadAShardWhileAMappingFunctionHoldsItsLock() throws Exception {
    ShardedInt2IntMap map = new ShardedInt2IntMap(8, 1);
    map.put(1, 10);
    CountDownLatch inFunction = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> computing =
          pool.submit(
              () ->
                  map.computeIfAbsent(
                      2,
                      k -> {
                        inFunction.countDown();
                        await(release);
                        return 20;
                      }));
      assertTrue(inFunction.await(30, TimeUnit.SECONDS));
      // The reader runs on another thread: if it waited for the function, it would never finish.
      Future<Integer> reading = pool.submit(() -> map.get(1) + (map.containsKey(2) ? 1 : 0));
      assertEquals(10, reading.get(30, TimeUnit.SECONDS));
      release.countDown();
      assertEquals(20, computing.get(30, TimeUnit.SECONDS));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void shouldClearAndCompactEveryShard() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(0, 4);
    long empty = map.capacity();
    for (int i = -500; i < 500; i++) {
      map.put(i, i);
    }
    assertTrue(map.capacity() > empty);
    map.clear();
    assertTrue(map.isEmpty());
    assertEquals(0, map.size());
    assertFalse(map.containsKey(0));
    map.compact();
    assertEquals(empty, map.capacity());
    map.put(0, 1);
    assertEquals("{0=1}", map.toString());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
