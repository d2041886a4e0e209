package org.hotpath.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.IdleStrategy;
import org.hotpath.testing.AllocationAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RingBuffer#readStats}: every figure against what the test did, on one thread for both
 * kinds of ring, a claim that waits on a second thread, bad input, and reading without garbage.
 * The model-based property ({@code RingBufferProperties}) checks the figures after every step of
 * random sequences; the stress test checks them while producers and the consumer race.
 */
class RingBufferStatsTest {

  static final class Msg {
    long value;
  }

  private static RingBuffer<Msg> ring(boolean multiProducer, int capacity) {
    return multiProducer
        ? RingBuffer.multiProducer(capacity, Msg::new)
        : RingBuffer.singleProducer(capacity, Msg::new);
  }

  private static RingBufferStats stats(RingBuffer<?> ring) {
    return ring.readStats(new RingBufferStats());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldReportTheKindAndCapacityAndZerosWhenNew(boolean multiProducer) {
    RingBufferStats s = stats(ring(multiProducer, 8));
    assertEquals(multiProducer, s.multiProducer());
    assertEquals(8, s.capacity());
    assertEquals(0, s.occupancy());
    assertEquals(0, s.highWater());
    assertEquals(0, s.claimed());
    assertEquals(0, s.consumed());
    assertEquals(0, s.delivered());
    assertEquals(0, s.cancelled());
    assertEquals(0, s.timesFoundFull());
    assertEquals(0, s.batches());
    assertEquals(0, s.largestBatch());
    assertEquals(0.0, s.meanBatch());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldCountClaimsDeliveriesCancellationsAndBatchesAsTheTestDidThem(boolean multiProducer) {
    RingBuffer<Msg> ring = ring(multiProducer, 8);
    for (int i = 0; i < 5; i++) {
      assertTrue(ring.offer((m, v) -> m.value = v, (long) i));
    }
    ring.cancel(ring.tryClaim());
    long pending = ring.tryClaim(); // claimed, not yet published
    RingBufferStats s = stats(ring);
    assertEquals(7, s.occupancy());
    assertEquals(7, s.highWater());
    assertEquals(7, s.claimed());
    assertEquals(0, s.consumed());

    assertEquals(2, ring.drain(m -> {}, 2)); // a batch of 2
    assertEquals(3, ring.drain(m -> {})); // 3 delivered and the cancelled one: a batch of 4
    assertEquals(0, ring.drain(m -> {})); // stops at the pending one: no batch
    ring.publish(pending);
    assertEquals(1, ring.drain(m -> {}));

    s = ring.readStats(s);
    assertEquals(0, s.occupancy());
    assertEquals(7, s.highWater(), "the high-water mark stays");
    assertEquals(7, s.claimed());
    assertEquals(7, s.consumed());
    assertEquals(6, s.delivered());
    assertEquals(1, s.cancelled());
    assertEquals(3, s.batches());
    assertEquals(4, s.largestBatch());
    assertEquals(7.0 / 3, s.meanBatch(), 1e-9);
    assertEquals(0, s.timesFoundFull());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldCountEveryClaimAndOfferThatFoundTheRingFull(boolean multiProducer) {
    RingBuffer<Msg> ring = ring(multiProducer, 4);
    ring.publish(ring.tryClaim(), ring.tryClaim(3) + 2);
    assertEquals(-1, ring.tryClaim());
    assertEquals(-1, ring.tryClaim(2));
    assertFalse(ring.offer((m, v) -> m.value = v, 1L));
    RingBufferStats s = stats(ring);
    assertEquals(3, s.failedClaims());
    assertEquals(0, s.waitedClaims());
    assertEquals(3, s.timesFoundFull());
    assertEquals(4, s.highWater(), "a failed single claim saw the ring full");
    assertEquals(4, s.occupancy());

    ring.drain(m -> {}, 1);
    assertEquals(-1, ring.tryClaim(2), "one slot free, two wanted");
    assertEquals(4, ring.readStats(s).failedClaims());
    assertEquals(3, s.occupancy());
    assertEquals(4, s.highWater());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldCountAClaimThatWaitedOnceHoweverLongItWaited(boolean multiProducer) throws Exception {
    RingBuffer<Msg> ring = ring(multiProducer, 2);
    ring.publish(ring.tryClaim(2), 1);
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicLong idles = new AtomicLong();
    IdleStrategy signalling =
        new IdleStrategy() {
          @Override
          public void idle(int workCount) {
            idle();
          }

          @Override
          public void idle() {
            idles.incrementAndGet();
            waiting.countDown();
            Thread.onSpinWait();
          }

          @Override
          public void reset() {}
        };
    AtomicLong claimed = new AtomicLong(-1);
    Thread producer = new Thread(() -> claimed.set(ring.claim(signalling)));
    producer.start();
    waiting.await(); // the producer has found the ring full and is waiting
    ring.drain(m -> {});
    producer.join();
    assertEquals(2, claimed.get());
    RingBufferStats s = stats(ring);
    assertEquals(1, s.waitedClaims(), "after " + idles.get() + " idle calls");
    assertEquals(0, s.failedClaims(), "claim's own retries are not failed claims");
    assertEquals(1, s.timesFoundFull());
    assertEquals(2, s.highWater());
    assertEquals(1, s.occupancy());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldRejectANullSnapshotAndLeaveTheRingUnchanged(boolean multiProducer) {
    RingBuffer<Msg> ring = ring(multiProducer, 4);
    ring.offer((m, v) -> m.value = v, 1L);
    String before = stats(ring).toString();
    NullPointerException e = assertThrows(NullPointerException.class, () -> ring.readStats(null));
    assertEquals("into", e.getMessage());
    assertEquals(before, stats(ring).toString());
    assertEquals(1, ring.size());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldFillAndReturnTheGivenSnapshot(boolean multiProducer) {
    RingBuffer<Msg> ring = ring(multiProducer, 4);
    RingBufferStats mine = new RingBufferStats();
    assertSame(mine, ring.readStats(mine));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldPrintOneReadableLineStartingWithTheName(boolean multiProducer) {
    RingBuffer<Msg> ring = ring(multiProducer, 4);
    ring.publish(ring.tryClaim(4), 3);
    ring.tryClaim();
    ring.drain(m -> {});
    String line = stats(ring).toString();
    assertEquals(
        "RingBuffer stats: " + (multiProducer ? "multi" : "single") + "-producer, capacity=4,"
            + " occupancy=0, high-water=4, producers found it full 1 times (1 failed claims, 0"
            + " waits), claimed=4, consumed=4 (delivered=4, cancelled=0), batches=1 (mean 4.0,"
            + " largest 4)",
        line);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readingTheStatisticsAllocatesNothing(boolean multiProducer) {
    RingBuffer<Msg> ring = ring(multiProducer, 64);
    RingBufferStats s = new RingBufferStats();
    AllocationAssertions.assertAllocationFree(
        "RingBuffer.readStats",
        () -> {
          for (int i = 0; i < 8; i++) {
            ring.tryClaim(); // fills, then fails: the counting paths run too
            sinkOf(ring.readStats(s));
          }
          ring.publish(ring.readStats(s).consumed(), ring.readStats(s).claimed() - 1);
          ring.drain(RingBufferStatsTest::handle);
        });
  }

  private static long sink;

  private static void handle(Msg m) {
    sink = sink + m.value;
  }

  private static void sinkOf(RingBufferStats s) {
    sink = sink + s.occupancy() + s.highWater() + s.failedClaims();
  }
}
