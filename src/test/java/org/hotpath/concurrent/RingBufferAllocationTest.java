package org.hotpath.concurrent;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.hotpath.testing.Race;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Claiming, publishing, offering and draining allocate zero bytes in steady state: on one thread,
 * and on producer and consumer threads that each measure their own bytes while the ring fills,
 * waits and drains between them.
 */
class RingBufferAllocationTest {

  /** A slot: a message written in place. */
  static final class Msg {
    long id;
    long value;
  }

  /** Where results go so that the JIT cannot drop the calls; racy on purpose, never read. */
  private static long sink;

  /** A handler; as a static method reference it captures nothing, so it allocates nothing. */
  private static void handle(Msg m) {
    sink += m.id ^ m.value;
  }

  /** A writer for offer: the data comes in as the argument, nothing is captured. */
  private static void write(Msg m, long[] data) {
    m.id = data[0];
    m.value = data[1];
  }

  private static RingBuffer<Msg> ring(boolean multiProducer, int capacity) {
    return multiProducer
        ? RingBuffer.multiProducer(capacity, Msg::new)
        : RingBuffer.singleProducer(capacity, Msg::new);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void claimPublishOfferAndDrainAllocateNothingOnOneThread(boolean multiProducer) {
    RingBuffer<Msg> ring = ring(multiProducer, 64);
    IdleStrategy idle = new BackoffIdleStrategy();
    long[] data = {1, 2};
    assertAllocationFree(
        "RingBuffer (" + (multiProducer ? "multi" : "single") + "-producer) on one thread",
        () -> {
          for (int i = 0; i < 16; i++) {
            long s = ring.tryClaim();
            ring.slot(s).id = s;
            ring.publish(s);
          }
          long first = ring.tryClaim(16);
          for (long s = first; s < first + 16; s++) {
            ring.slot(s).value = s;
          }
          ring.publish(first, first + 15);
          long claimed = ring.claim(idle);
          ring.cancel(claimed);
          long batch = ring.claim(8, idle);
          ring.publish(batch, batch + 7);
          for (int i = 0; i < 8; i++) {
            ring.offer(RingBufferAllocationTest::write, data);
          }
          sink += ring.size() + (ring.isEmpty() ? 1 : 0) + ring.capacity();
          sink += ring.drain(RingBufferAllocationTest::handle, 10);
          sink += ring.drain(RingBufferAllocationTest::handle);
        });
    assertTrue(ring.isEmpty());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void producersAndTheConsumerAllocateNothingWhileWaitingOnEachOther(int producers) {
    // A small ring, so that producers often find it full and wait in claim.
    RingBuffer<Msg> ring = ring(producers > 1, 16);
    Race.whileWriting(
        producers,
        thread ->
            assertAllocationFree(
                "RingBuffer producer " + thread,
                new Runnable() {
                  private final IdleStrategy idle = new BackoffIdleStrategy();
                  private long count;

                  @Override
                  public void run() {
                    for (int i = 0; i < 64; i++) {
                      long s = ring.claim(idle);
                      Msg m = ring.slot(s);
                      m.id = thread;
                      m.value = count++;
                      ring.publish(s);
                    }
                  }
                }),
        consumer -> assertAllocationFree("RingBuffer consumer", () -> sink += ring.drain(RingBufferAllocationTest::handle)));
    ring.drain(RingBufferAllocationTest::handle);
    assertEquals(0, ring.size());
  }
}
