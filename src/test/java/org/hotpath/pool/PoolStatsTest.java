package org.hotpath.pool;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicInteger;
import org.hotpath.pool.PoolKind.Pool;
import org.hotpath.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both pools' {@code readStats}: the figures of a scripted run (the model-based property, {@code
 * PoolProperties}, checks them after every random step), bad input, the log line, reading without
 * garbage, and reads racing acquires and releases on a concurrent pool.
 */
class PoolStatsTest {

  private static long sink;

  @Test
  void aNewSnapshotHoldsZerosAndTheDefaultPolicy() {
    PoolStats s = new PoolStats();
    assertFalse(s.concurrent());
    assertEquals(WhenEmpty.ALLOCATE, s.whenEmpty());
    assertEquals(0, s.capacity());
    assertEquals(0, s.available());
    assertEquals(0, s.outstanding());
    assertEquals(0, s.surplusOut());
    assertEquals(0, s.misses());
    assertEquals(0, s.drops());
  }

  @ParameterizedTest
  @EnumSource(PoolKind.class)
  void shouldCarryCapacityAvailableOutstandingMissesAndDropsAsTheTestCausedThem(PoolKind kind) {
    Pool<Item> pool = kind.create(2, new Item.Factory(), Item::reset, WhenEmpty.ALLOCATE);
    Item a = pool.acquire();
    Item b = pool.acquire();
    Item surplus1 = pool.acquire(); // miss
    Item surplus2 = pool.acquire(); // miss
    pool.release(surplus1); // drop
    pool.release(a);
    PoolStats s = pool.readStats(new PoolStats());
    assertEquals(kind.concurrent(), s.concurrent());
    assertEquals(WhenEmpty.ALLOCATE, s.whenEmpty());
    assertEquals(2, s.capacity());
    assertEquals(1, s.available());
    assertEquals(2, s.outstanding(), "b and one surplus object");
    assertEquals(1, s.surplusOut());
    assertEquals(2, s.misses());
    assertEquals(1, s.drops());
    pool.release(b);
    pool.release(surplus2);
    pool.readStats(s);
    assertEquals(2, s.available());
    assertEquals(0, s.outstanding());
    assertEquals(0, s.surplusOut());
    assertEquals(2, s.drops());
  }

  @ParameterizedTest
  @EnumSource(PoolKind.class)
  void shouldCountMissesUnderThrowWithoutSurplus(PoolKind kind) {
    Pool<Item> pool = kind.create(1, new Item.Factory(), Item::reset, WhenEmpty.THROW);
    pool.acquire();
    assertThrows(IllegalStateException.class, pool::acquire);
    PoolStats s = pool.readStats(new PoolStats());
    assertEquals(WhenEmpty.THROW, s.whenEmpty());
    assertEquals(1, s.misses());
    assertEquals(0, s.drops());
    assertEquals(0, s.surplusOut());
    assertEquals(1, s.outstanding());
  }

  @ParameterizedTest
  @EnumSource(PoolKind.class)
  void shouldRejectANullSnapshotAndLeaveThePoolUnchanged(PoolKind kind) {
    Pool<Item> pool = kind.create(4, new Item.Factory(), Item::reset, WhenEmpty.ALLOCATE);
    pool.acquire();
    String before = pool.toString();
    NullPointerException e = assertThrows(NullPointerException.class, () -> pool.readStats(null));
    assertEquals("into", e.getMessage());
    assertEquals(before, pool.toString());
  }

  @ParameterizedTest
  @EnumSource(PoolKind.class)
  void shouldFillAndReturnTheGivenSnapshotOverwritingWhatItHeld(PoolKind kind) {
    Pool<Item> big = kind.create(8, new Item.Factory(), Item::reset, WhenEmpty.THROW);
    Pool<Item> small = kind.create(1, new Item.Factory(), Item::reset, WhenEmpty.ALLOCATE);
    PoolStats s = big.readStats(new PoolStats());
    assertSame(s, small.readStats(s));
    assertEquals(1, s.capacity());
    assertEquals(WhenEmpty.ALLOCATE, s.whenEmpty());
  }

  @ParameterizedTest
  @EnumSource(PoolKind.class)
  void shouldPrintOneReadableLineStartingWithThePoolsName(PoolKind kind) {
    Pool<Item> pool = kind.create(2, new Item.Factory(), Item::reset, WhenEmpty.ALLOCATE);
    pool.acquire();
    pool.acquire();
    pool.release(pool.acquire());
    pool.acquire();
    String name = kind.concurrent() ? "ConcurrentObjectPool" : "ObjectPool";
    assertEquals(
        name + " stats: capacity=2, available=0, outstanding=3 (1 surplus), misses=2, drops=1,"
            + " when empty: ALLOCATE",
        pool.readStats(new PoolStats()).toString());
  }

  @Test
  void readingAnObjectPoolsStatisticsAllocatesNothing() {
    ObjectPool<Item> pool = new ObjectPool<>(64, new Item.Factory(), Item::reset);
    PoolStats s = new PoolStats();
    assertAllocationFree("ObjectPool.readStats", () -> {
      pool.release(pool.acquire());
      sink = sink + pool.readStats(s).available() + s.misses();
    });
  }

  @Test
  void readingAConcurrentPoolsStatisticsAllocatesNothing() {
    ConcurrentObjectPool<Item> pool = new ConcurrentObjectPool<>(64, new Item.Factory(), Item::reset);
    PoolStats s = new PoolStats();
    assertAllocationFree("ConcurrentObjectPool.readStats", () -> {
      pool.release(pool.acquire());
      sink = sink + pool.readStats(s).available() + s.misses();
    });
  }

  /**
   * Two threads acquire past the capacity (misses and drops) and release, while a watcher reads
   * the statistics: no snapshot is impossible, the counters never go down, and the figures balance
   * once the threads are done.
   */
  @Test
  void readsRacingAcquiresAndReleasesNeverShowImpossibleFigures() {
    final int capacity = 8;
    final int rounds = 200_000;
    ConcurrentObjectPool<Item> pool = new ConcurrentObjectPool<>(capacity, new Item.Factory(), Item::reset);
    AtomicInteger writing = new AtomicInteger(2);
    PoolStats last = new PoolStats();
    Race.run(java.util.List.of(
        thread -> {
          try {
            Item[] held = new Item[6];
            for (int r = 0; r < rounds; r++) {
              for (int i = 0; i < held.length; i++) {
                held[i] = pool.acquire();
              }
              for (Item item : held) {
                pool.release(item);
              }
            }
          } finally {
            writing.decrementAndGet();
          }
        },
        thread -> {
          try {
            Item[] held = new Item[6];
            for (int r = 0; r < rounds; r++) {
              for (int i = 0; i < held.length; i++) {
                held[i] = pool.acquire();
              }
              for (Item item : held) {
                pool.release(item);
              }
            }
          } finally {
            writing.decrementAndGet();
          }
        },
        thread -> {
          PoolStats s = new PoolStats();
          while (writing.get() > 0) {
            pool.readStats(s);
            if (s.available() < 0 || s.available() > capacity || s.outstanding() < 0
                || s.surplusOut() < 0 || s.drops() > s.misses() || s.misses() < last.misses()
                || s.drops() < last.drops() || s.capacity() != capacity) {
              fail("impossible statistics: " + s + " after " + last);
            }
            pool.readStats(last);
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
          }
        }));
    PoolStats s = pool.readStats(new PoolStats());
    assertEquals(capacity, s.available());
    assertEquals(0, s.outstanding());
    assertEquals(0, s.surplusOut());
    assertEquals(s.misses(), s.drops(), s.toString());
  }
}
