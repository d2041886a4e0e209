package org.hotpath.pool;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.hotpath.testing.Race;
import org.junit.jupiter.api.Test;

/**
 * Steady-state acquire and release allocate zero bytes: on one thread for both pools, including
 * the surplus path (a miss served by a factory that allocates nothing itself, then the drop), and
 * for the concurrent pool on two threads that hand objects to each other, each measuring its own
 * allocation.
 */
class PoolAllocationTest {

  private static final int CAPACITY = 64;
  /** Objects held at once per round: several, so that the stack is exercised below its top. */
  private static final int HELD = 16;

  /** Where results go so that the JIT cannot drop the calls; racy on purpose, never read. */
  private static long sink;

  /**
   * A factory that makes the members, then hands out preallocated spare objects in turn: the
   * pool's miss and drop paths can be measured without the factory's own allocation.
   */
  private static final class PreallocatedFactory implements Supplier<Item> {
    private final Item[] objects;
    private int next;

    PreallocatedFactory(int count) {
      objects = new Item[count];
      for (int i = 0; i < count; i++) {
        objects[i] = new Item(i);
      }
    }

    @Override
    public Item get() {
      Item item = objects[next];
      next = next + 1 == objects.length ? CAPACITY : next + 1; // members once, then spares
      return item;
    }
  }

  private final Item[] held = new Item[HELD];

  @Test
  void objectPoolAcquireAndReleaseAllocateNothing() {
    ObjectPool<Item> pool = new ObjectPool<>(CAPACITY, new Item.Factory(), Item::reset, WhenEmpty.THROW);
    assertAllocationFree("ObjectPool acquire/release", () -> {
      for (int i = 0; i < HELD; i++) {
        held[i] = pool.acquire();
      }
      for (int i = 0; i < HELD; i++) {
        pool.release(held[i]);
      }
      sink += pool.available() + pool.outstanding() + pool.misses() + pool.drops();
    });
    assertEquals(CAPACITY, pool.available());
  }

  @Test
  void concurrentPoolAcquireAndReleaseAllocateNothingOnOneThread() {
    ConcurrentObjectPool<Item> pool =
        new ConcurrentObjectPool<>(CAPACITY, new Item.Factory(), Item::reset, WhenEmpty.THROW);
    assertAllocationFree("ConcurrentObjectPool acquire/release", () -> {
      for (int i = 0; i < HELD; i++) {
        held[i] = pool.acquire();
      }
      for (int i = 0; i < HELD; i++) {
        pool.release(held[i]);
      }
      sink += pool.available() + pool.outstanding() + pool.misses() + pool.drops();
    });
    assertEquals(CAPACITY, pool.available());
  }

  @Test
  void objectPoolMissAndSurplusDropAllocateNothingBeyondTheFactory() {
    ObjectPool<Item> pool =
        new ObjectPool<>(CAPACITY, new PreallocatedFactory(CAPACITY + HELD), Item::reset);
    for (int i = 0; i < CAPACITY; i++) {
      pool.acquire();
    }
    assertAllocationFree("ObjectPool miss and drop", () -> {
      for (int i = 0; i < HELD; i++) {
        held[i] = pool.acquire(); // a miss: the factory hands out a spare
      }
      for (int i = 0; i < HELD; i++) {
        pool.release(held[i]); // dropped
      }
    });
    assertEquals(pool.misses(), pool.drops());
    assertEquals(CAPACITY, pool.outstanding());
  }

  @Test
  void concurrentPoolMissAndSurplusDropAllocateNothingBeyondTheFactory() {
    ConcurrentObjectPool<Item> pool =
        new ConcurrentObjectPool<>(CAPACITY, new PreallocatedFactory(CAPACITY + HELD), Item::reset);
    for (int i = 0; i < CAPACITY; i++) {
      pool.acquire();
    }
    assertAllocationFree("ConcurrentObjectPool miss and drop", () -> {
      for (int i = 0; i < HELD; i++) {
        held[i] = pool.acquire();
      }
      for (int i = 0; i < HELD; i++) {
        pool.release(held[i]);
      }
    });
    assertEquals(pool.misses(), pool.drops());
    assertEquals(CAPACITY, pool.outstanding());
  }

  /**
   * Two threads each acquire objects and send them to the other through a ring, and release what
   * they receive: every object is released by another thread than the one that acquired it. Each
   * thread asserts its own allocation; one that has proved its claim keeps releasing what it
   * receives until the other has too, so neither waits forever. The pool throws when empty, so a
   * lost object would fail the test rather than allocate.
   */
  @Test
  void concurrentPoolHandOffBetweenTwoThreadsAllocatesNothing() {
    ConcurrentObjectPool<Item> pool =
        new ConcurrentObjectPool<>(2 * Ring.SIZE + 2, new Item.Factory(), Item::reset, WhenEmpty.THROW);
    Ring[] rings = {new Ring(), new Ring()}; // rings[t]: objects sent to thread t
    AtomicInteger proving = new AtomicInteger(2);
    Race.run(2, thread -> {
      Ring outbox = rings[1 - thread];
      Ring inbox = rings[thread];
      assertAllocationFree("hand-off on thread " + thread, () -> {
        for (int i = 0; i < HELD; i++) {
          Item item = pool.acquire();
          item.dirty = true;
          while (!outbox.offer(item)) {
            releaseOne(pool, inbox); // the other thread may be waiting for room too
          }
          releaseOne(pool, inbox);
        }
      });
      proving.decrementAndGet();
      while (proving.get() > 0) {
        releaseOne(pool, inbox);
      }
      while (releaseOne(pool, inbox)) {
        // drain what the other thread sent last
      }
    });
    assertEquals(pool.capacity(), pool.available());
    assertEquals(0, pool.outstanding());
    assertEquals(0, pool.misses());
  }

  private static boolean releaseOne(ConcurrentObjectPool<Item> pool, Ring inbox) {
    Item item = inbox.poll();
    if (item == null) {
      Thread.onSpinWait();
      return false;
    }
    pool.release(item);
    return true;
  }

  /**
   * A single-producer single-consumer ring that allocates nothing: a slot is null when empty, and
   * its volatile store and load hand the object over with a happens-before edge.
   */
  private static final class Ring {
    static final int SIZE = 32;
    private final AtomicReferenceArray<Item> slots = new AtomicReferenceArray<>(SIZE);
    private int producer; // touched by the producing thread only
    private int consumer; // touched by the consuming thread only

    boolean offer(Item item) {
      int i = producer & (SIZE - 1);
      if (slots.get(i) != null) {
        return false;
      }
      slots.set(i, item);
      producer++;
      return true;
    }

    Item poll() {
      int i = consumer & (SIZE - 1);
      Item item = slots.get(i);
      if (item != null) {
        slots.set(i, null);
        consumer++;
      }
      return item;
    }
  }
}
