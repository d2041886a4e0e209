package org.hotpath.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.IdentityHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.hotpath.testing.Race;
import org.junit.jupiter.api.Test;

/**
 * Real threads on one {@link ConcurrentObjectPool}: no object is ever held by two holders at once,
 * the reset action's writes are seen by the next holder, counters balance once the threads are
 * done, and of two threads racing to release one object exactly one succeeds. More threads than
 * the machine's cores on purpose: preemption between a pop's read and its CAS is what exposes ABA.
 * A few seconds in all.
 */
class ConcurrentObjectPoolStressTest {

  private static final int PRODUCERS = 3;
  private static final int OBJECTS_PER_PRODUCER = 300_000;

  /** A pooled object that knows whether someone holds it. */
  static final class Owned {
    /** 1 while a holder has it: set after acquire, cleared before release. */
    final AtomicInteger holders = new AtomicInteger();
    /** Written by holders, cleared by the reset action; must read 0 right after acquire. */
    int payload;
  }

  /** Makes {@link Owned} objects and counts them, from whichever thread misses. */
  static final class CountingFactory implements Supplier<Owned> {
    final AtomicLong made = new AtomicLong();

    @Override
    public Owned get() {
      made.incrementAndGet();
      return new Owned();
    }
  }

  @Test
  void producersHandObjectsToAConsumerWithoutEverSharingOne() {
    CountingFactory factory = new CountingFactory();
    int capacity = 8; // small: producers outrun the consumer, so misses and drops happen too
    ConcurrentObjectPool<Owned> pool =
        new ConcurrentObjectPool<>(capacity, factory, o -> o.payload = 0, WhenEmpty.ALLOCATE);
    BlockingQueue<Owned> queue = new ArrayBlockingQueue<>(64);
    Owned poison = new Owned();
    AtomicInteger producing = new AtomicInteger(PRODUCERS);
    Race.run(PRODUCERS + 1, thread -> {
      if (thread < PRODUCERS) {
        for (int n = 0; n < OBJECTS_PER_PRODUCER; n++) {
          Owned o = pool.acquire();
          take(o);
          o.payload = thread + 1;
          if ((n & 1) == 0) { // half go to the consumer, half come straight back
            queue.put(o);
          } else {
            give(o);
            pool.release(o);
          }
        }
        if (producing.decrementAndGet() == 0) {
          queue.put(poison);
        }
      } else {
        for (Owned o = queue.take(); o != poison; o = queue.take()) {
          give(o);
          pool.release(o);
        }
      }
    });
    assertEquals(capacity, pool.available());
    assertEquals(0, pool.outstanding());
    assertEquals(factory.made.get() - capacity, pool.misses(), "one surplus object per miss");
    assertEquals(pool.misses(), pool.drops(), "every surplus object came back");
    assertTrue(pool.misses() > 0, "the test should exercise misses: " + pool);
  }

  @Test
  void threadsSharingATightPoolNeverShareAnObject() {
    int capacity = 4;
    ConcurrentObjectPool<Owned> pool =
        new ConcurrentObjectPool<>(capacity, Owned::new, o -> o.payload = 0, WhenEmpty.THROW);
    AtomicLong misses = new AtomicLong();
    Race.run(PRODUCERS + 1, thread -> {
      Owned[] held = new Owned[2];
      for (int n = 0; n < OBJECTS_PER_PRODUCER; n++) {
        int k = 0;
        try {
          for (; k < held.length; k++) {
            held[k] = pool.acquire();
            take(held[k]);
            held[k].payload = thread + 1;
          }
        } catch (IllegalStateException empty) {
          misses.incrementAndGet();
        }
        for (int j = k - 1; j >= 0; j--) {
          give(held[j]);
          pool.release(held[j]);
        }
      }
    });
    assertEquals(capacity, pool.available());
    assertEquals(0, pool.outstanding());
    assertEquals(misses.get(), pool.misses());
    assertEquals(0, pool.drops());
  }

  @Test
  void exactlyOneOfTwoRacingReleasesOfAnObjectSucceeds() {
    int capacity = 256;
    int rounds = 400;
    ConcurrentObjectPool<Owned> pool =
        new ConcurrentObjectPool<>(capacity, Owned::new, o -> o.payload++, WhenEmpty.THROW);
    Owned[] out = new Owned[capacity];
    AtomicInteger[] successes = new AtomicInteger[capacity];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < capacity; i++) {
        out[i] = pool.acquire();
        successes[i] = new AtomicInteger();
      }
      Race.run(2, thread -> {
        for (int i = 0; i < capacity; i++) {
          try {
            pool.release(out[i]);
            successes[i].incrementAndGet();
          } catch (IllegalStateException twice) {
            assertTrue(twice.getMessage().startsWith("released twice"), twice.getMessage());
          }
        }
      });
      for (int i = 0; i < capacity; i++) {
        assertEquals(1, successes[i].get(), "successful releases of object " + i);
      }
      assertEquals(capacity, pool.available());
      IdentityHashMap<Owned, Boolean> distinct = new IdentityHashMap<>();
      for (int i = 0; i < capacity; i++) {
        out[i] = pool.acquire();
        assertFalse(distinct.containsKey(out[i]), "handed out twice");
        distinct.put(out[i], true);
      }
      for (int i = 0; i < capacity; i++) {
        pool.release(out[i]);
      }
    }
    long resets = 0;
    for (Owned o : out) {
      resets += o.payload;
    }
    assertEquals(2L * rounds * capacity, resets, "one reset per successful release");
  }

  /** Marks {@code o} held; fails if someone else holds it or its reset was not seen. */
  private static void take(Owned o) {
    if (!o.holders.compareAndSet(0, 1)) {
      fail("an object was handed to two holders at once");
    }
    if (o.payload != 0) {
      fail("the reset action's write was not seen by the next holder: " + o.payload);
    }
  }

  private static void give(Owned o) {
    if (!o.holders.compareAndSet(1, 0)) {
      fail("an object was held by no one when released");
    }
  }
}
