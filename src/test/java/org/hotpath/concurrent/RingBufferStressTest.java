package org.hotpath.concurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.hotpath.testing.Race;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Producers and one consumer move 10^7 sequenced messages through a small ring: every message
 * arrives exactly once, intact, and in each producer's order. More threads than the machine has
 * cores, so threads are preempted mid-claim and mid-handler; producers mix single claims, batch
 * claims, offers and cancellations; the consumer drains with random limits. Meanwhile a watcher
 * reads the statistics again and again: no read throws or shows an impossible figure, and the
 * final figures are exact.
 */
class RingBufferStressTest {

  private static final int MESSAGES = 10_000_000;

  /** A message: who sent it, its number in that producer's stream, and a check of both. */
  static final class Msg {
    int producer;
    long number;
    long check;

    void write(int producer, long number) {
      this.producer = producer;
      this.number = number;
      this.check = checkOf(producer, number);
    }
  }

  static long checkOf(int producer, long number) {
    return (number * 0x9E3779B97F4A7C15L) ^ producer;
  }

  /** The consumer's record: the next number expected from each producer. */
  static final class Receiver {
    final long[] next;
    long received;

    Receiver(int producers) {
      next = new long[producers];
    }

    void accept(Msg m) {
      if (m.check != checkOf(m.producer, m.number)) {
        fail("torn message: producer " + m.producer + ", number " + m.number + ", check " + m.check);
      }
      if (m.number != next[m.producer]) {
        fail(
            "producer "
                + m.producer
                + ": expected message "
                + next[m.producer]
                + " but got "
                + m.number
                + (m.number < next[m.producer] ? " (a duplicate)" : " (one was lost)"));
      }
      next[m.producer]++;
      received++;
    }
  }

  @ParameterizedTest(name = "{0} producer(s), capacity {1}")
  @CsvSource({"1, 64", "3, 256"})
  void everyMessageArrivesExactlyOnceInEachProducersOrder(int producers, int capacity) {
    RingBuffer<Msg> ring =
        producers == 1
            ? RingBuffer.singleProducer(capacity, Msg::new)
            : RingBuffer.multiProducer(capacity, Msg::new);
    long[] quota = new long[producers];
    for (int p = 0; p < producers; p++) {
      quota[p] = (long) MESSAGES / producers + (p < MESSAGES % producers ? 1 : 0);
    }
    Receiver receiver = new Receiver(producers);
    AtomicInteger running = new AtomicInteger(producers);
    AtomicLong cancelled = new AtomicLong();
    List<Race.Body> bodies = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      bodies.add(
          thread -> {
            try {
              cancelled.addAndGet(produce(ring, thread, quota[thread]));
            } finally {
              running.decrementAndGet();
            }
          });
    }
    bodies.add(
        thread -> {
          SplittableRandom random = new SplittableRandom(thread);
          IdleStrategy idle = new BackoffIdleStrategy();
          // Until all messages are in, or the producers have stopped (a producer that failed, or
          // a lost message) and nothing more can come.
          boolean stopped = false;
          while (receiver.received < MESSAGES && !stopped) {
            stopped = running.get() == 0;
            int limit = random.nextInt(4) == 0 ? 1 + random.nextInt(8) : Integer.MAX_VALUE;
            int handled = ring.drain(receiver::accept, limit);
            stopped &= handled == 0;
            idle.idle(handled);
          }
        });
    bodies.add(thread -> watchStats(ring, running));
    Race.run(bodies);
    assertArrayEquals(quota, receiver.next, "messages received per producer");
    assertEquals(0, ring.drain(receiver::accept), "nothing extra");
    assertEquals(0, ring.size());
    RingBufferStats s = ring.readStats(new RingBufferStats());
    assertEquals(MESSAGES, s.delivered(), s.toString());
    assertEquals(cancelled.get(), s.cancelled(), s.toString());
    assertEquals(MESSAGES + cancelled.get(), s.claimed(), s.toString());
    assertEquals(s.claimed(), s.consumed(), s.toString());
    assertEquals(0, s.occupancy());
  }

  /** Reads the statistics until the producers stop, checking what every snapshot must hold. */
  private static void watchStats(RingBuffer<Msg> ring, AtomicInteger running) {
    RingBufferStats s = new RingBufferStats();
    RingBufferStats last = ring.readStats(new RingBufferStats());
    int capacity = ring.capacity();
    while (running.get() > 0) {
      ring.readStats(s);
      if (s.occupancy() < 0 || s.occupancy() > s.highWater() || s.highWater() > capacity
          || s.delivered() > s.consumed() || s.consumed() > s.claimed()
          || s.claimed() - s.consumed() < s.occupancy() || s.largestBatch() > capacity
          || s.highWater() < last.highWater() || s.claimed() < last.claimed()
          || s.consumed() < last.consumed() || s.delivered() < last.delivered()
          || s.failedClaims() < last.failedClaims() || s.waitedClaims() < last.waitedClaims()
          || s.batches() < last.batches()) {
        fail("impossible statistics: " + s + " after " + last);
      }
      RingBufferStats swap = last;
      last = s;
      s = swap;
      LockSupport.parkNanos(50_000); // a monitor, not a third spinning thread on two cores
    }
  }

  /** Sends {@code quota} messages; returns how many slots it cancelled on the way. */
  private static long produce(RingBuffer<Msg> ring, int producer, long quota) {
    SplittableRandom random = new SplittableRandom(1000 + producer);
    IdleStrategy idle = new BackoffIdleStrategy();
    long number = 0;
    long cancelled = 0;
    while (number < quota) {
      switch (random.nextInt(8)) {
        case 0 -> { // a batch of 1-4 (fewer at the end of the quota)
          int n = (int) Math.min(1 + random.nextInt(4), quota - number);
          long first = ring.claim(n, idle);
          for (int i = 0; i < n; i++) {
            ring.slot(first + i).write(producer, number++);
          }
          ring.publish(first, first + n - 1);
        }
        case 1 -> { // a slot claimed, written with garbage, then cancelled: never delivered
          long s = ring.claim(idle);
          ring.slot(s).write(producer, -1);
          ring.cancel(s);
          cancelled++;
        }
        case 2 -> { // offer, waiting while full
          long current = number;
          idle.reset();
          while (!ring.offer((m, p) -> m.write(p, current), producer)) {
            idle.idle();
          }
          number++;
        }
        default -> {
          long s = ring.claim(idle);
          ring.slot(s).write(producer, number++);
          ring.publish(s);
        }
      }
    }
    return cancelled;
  }
}
