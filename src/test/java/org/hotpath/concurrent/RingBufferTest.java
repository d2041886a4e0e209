package org.hotpath.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples of RingBuffer's contract: sizing, bad input, claiming, publishing and draining. */
class RingBufferTest {

  /** A mutable message, as a slot would be in real use. */
  static final class Msg {
    long value;

    @Override
    public String toString() {
      return "Msg[" + value + "]";
    }
  }

  private static RingBuffer<Msg> ring(boolean multiProducer, int capacity) {
    return multiProducer
        ? RingBuffer.multiProducer(capacity, Msg::new)
        : RingBuffer.singleProducer(capacity, Msg::new);
  }

  private static void send(RingBuffer<Msg> ring, long value) {
    long sequence = ring.tryClaim();
    assertTrue(sequence >= 0, "ring full: " + ring);
    ring.slot(sequence).value = value;
    ring.publish(sequence);
  }

  private static List<Long> drainValues(RingBuffer<Msg> ring, int limit) {
    List<Long> values = new ArrayList<>();
    int handled = ring.drain(m -> values.add(m.value), limit);
    assertEquals(values.size(), handled, "drain's count");
    return values;
  }

  /* ---------------- Construction -------------- */

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 3, 6, 1000, (1 << 30) + 1, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void shouldRejectACapacityThatIsNotAPowerOfTwoInRange(int capacity) {
    for (boolean multi : new boolean[] {false, true}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ring(multi, capacity));
      assertTrue(e.getMessage().endsWith(": " + capacity), e.getMessage());
    }
  }

  @Test
  void shouldCreateEverySlotOnceUpFront() {
    int[] calls = {0};
    RingBuffer<Msg> ring =
        RingBuffer.singleProducer(
            8,
            () -> {
              calls[0]++;
              return new Msg();
            });
    assertEquals(8, calls[0]);
    for (int i = 0; i < 20; i++) {
      send(ring, i);
      ring.drain(m -> {});
    }
    assertEquals(8, calls[0], "no slot created after construction");
  }

  @Test
  void shouldRejectANullFactoryOrANullSlot() {
    NullPointerException nullFactory =
        assertThrows(NullPointerException.class, () -> RingBuffer.singleProducer(4, null));
    assertEquals("factory", nullFactory.getMessage());
    int[] calls = {0};
    Supplier<Msg> thirdIsNull = () -> calls[0]++ == 2 ? null : new Msg();
    NullPointerException nullSlot =
        assertThrows(NullPointerException.class, () -> RingBuffer.multiProducer(4, thirdIsNull));
    assertEquals("factory returned null for slot 2", nullSlot.getMessage());
  }

  @Test
  void shouldRejectAFactoryThatReturnsTheSameObjectTwice() {
    Msg shared = new Msg();
    int[] calls = {0};
    Supplier<Msg> fourthRepeatsFirst = () -> ++calls[0] == 4 ? shared : calls[0] == 1 ? shared : new Msg();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RingBuffer.singleProducer(8, fourthRepeatsFirst));
    assertEquals("factory returned the same object for slots 0 and 3", e.getMessage());
  }

  /* ---------------- Claim and publish -------------- */

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldDeliverInSequenceOrderAndReuseTheSameSlots(boolean multi) {
    RingBuffer<Msg> ring = ring(multi, 4);
    List<Msg> first = new ArrayList<>();
    for (int lap = 0; lap < 3; lap++) {
      for (int i = 0; i < 4; i++) {
        send(ring, lap * 10 + i);
      }
      List<Msg> seen = new ArrayList<>();
      List<Long> values = new ArrayList<>();
      assertEquals(4, ring.drain(m -> {
        seen.add(m);
        values.add(m.value);
      }));
      assertEquals(List.of(lap * 10L, lap * 10L + 1, lap * 10L + 2, lap * 10L + 3), values);
      if (lap == 0) {
        first.addAll(seen);
      } else {
        for (int i = 0; i < 4; i++) {
          assertSame(first.get(i), seen.get(i), "slot " + i + " on lap " + lap);
        }
      }
    }
    assertNotSame(first.get(0), first.get(1));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldReturnMinusOneWhenFullAndClaimAgainOnceDrained(boolean multi) {
    RingBuffer<Msg> ring = ring(multi, 2);
    send(ring, 1);
    send(ring, 2);
    assertEquals(-1, ring.tryClaim());
    assertEquals(-1, ring.tryClaim(1));
    assertEquals(2, ring.size());
    assertEquals(List.of(1L), drainValues(ring, 1));
    assertEquals(2, ring.tryClaim(), "sequences keep counting");
    assertEquals(-1, ring.tryClaim());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldStopAtTheFirstClaimedButUnpublishedSlot(boolean multi) {
    RingBuffer<Msg> ring = ring(multi, 8);
    long a = ring.tryClaim();
    long b = ring.tryClaim();
    ring.slot(a).value = 10;
    ring.slot(b).value = 20;
    ring.publish(b);
    assertEquals(List.of(), drainValues(ring, 8), "b waits for a");
    ring.publish(a);
    assertEquals(List.of(10L, 20L), drainValues(ring, 8));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldClaimAndPublishABatch(boolean multi) {
    RingBuffer<Msg> ring = ring(multi, 8);
    send(ring, 100);
    long first = ring.tryClaim(5);
    assertEquals(1, first);
    for (long s = first; s < first + 5; s++) {
      ring.slot(s).value = s;
    }
    assertEquals(-1, ring.tryClaim(3), "only two free");
    ring.publish(first, first + 4);
    assertEquals(List.of(100L, 1L, 2L, 3L, 4L, 5L), drainValues(ring, 100));
    assertEquals(6, ring.tryClaim(8), "a whole ring once empty");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 9, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void shouldRejectABatchSizeOutOfRange(int n) {
    RingBuffer<Msg> ring = ring(true, 8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring.tryClaim(n));
    assertEquals("batch size must be between 1 and the capacity 8: " + n, e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ring.claim(n, new BusySpinIdleStrategy()));
    assertEquals(0, ring.tryClaim(), "nothing was claimed");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldRejectPublishingASequenceNotClaimed(boolean multi) {
    RingBuffer<Msg> ring = ring(multi, 4);
    long s = ring.tryClaim();
    for (long bad : new long[] {-1, s + 1, 99, Long.MIN_VALUE}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ring.publish(bad));
      assertEquals(
          "sequence " + bad + " has not been claimed (claimed so far: below 1)", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ring.cancel(bad));
    }
    assertEquals(List.of(), drainValues(ring, 4), "nothing published");
    ring.publish(s);
    assertEquals(1, ring.drain(m -> {}));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldRejectPublishingTwiceOrAfterCancelling(boolean multi) {
    RingBuffer<Msg> ring = ring(multi, 4);
    long a = ring.tryClaim();
    long b = ring.tryClaim();
    ring.publish(a);
    ring.cancel(b);
    for (long done : new long[] {a, b}) {
      assertEquals(
          "sequence " + done + " has already been published or cancelled",
          assertThrows(IllegalStateException.class, () -> ring.publish(done)).getMessage());
      assertThrows(IllegalStateException.class, () -> ring.cancel(done));
    }
    assertEquals(1, ring.drain(m -> {}));
    // Long after: its slot has been claimed again on a later lap.
    for (int i = 0; i < 8; i++) {
      send(ring, i);
      ring.drain(m -> {});
    }
    assertThrows(IllegalStateException.class, () -> ring.publish(a));
  }

  @Test
  void shouldCheckAWholeBatchBeforePublishingAnyOfIt() {
    RingBuffer<Msg> ring = ring(true, 8);
    long first = ring.tryClaim(3);
    ring.publish(first + 1);
    assertThrows(IllegalStateException.class, () -> ring.publish(first, first + 2));
    assertThrows(IllegalArgumentException.class, () -> ring.publish(first + 2, first + 3));
    IllegalArgumentException backwards =
        assertThrows(IllegalArgumentException.class, () -> ring.publish(first + 2, first));
    assertEquals("last sequence 0 is before first sequence 2", backwards.getMessage());
    assertEquals(List.of(), drainValues(ring, 8), "first still unpublished");
    ring.publish(first);
    ring.publish(first + 2);
    assertEquals(3, ring.drain(m -> {}));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldSkipACancelledSlot(boolean multi) {
    RingBuffer<Msg> ring = ring(multi, 4);
    send(ring, 1);
    long s = ring.tryClaim();
    ring.slot(s).value = 666;
    ring.cancel(s);
    send(ring, 3);
    assertEquals(3, ring.size());
    assertEquals(List.of(1L, 3L), drainValues(ring, 4));
    assertTrue(ring.isEmpty());
  }

  /* ---------------- offer and claim with waiting -------------- */

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldOfferUntilFull(boolean multi) {
    RingBuffer<Msg> ring = ring(multi, 2);
    assertTrue(ring.offer((m, v) -> m.value = v, 7L));
    assertTrue(ring.offer((m, v) -> m.value = v, 8L));
    int[] calls = {0};
    assertFalse(ring.offer((m, v) -> calls[0]++, 9L));
    assertEquals(0, calls[0], "writer not called when full");
    assertEquals(List.of(7L, 8L), drainValues(ring, 2));
  }

  @Test
  void shouldCancelTheSlotWhenTheWriterThrowsAndStayUsable() {
    RingBuffer<Msg> ring = ring(true, 4);
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                ring.offer(
                    (m, v) -> {
                      m.value = v;
                      throw boom;
                    },
                    5L));
    assertSame(boom, thrown);
    assertTrue(ring.offer((m, v) -> m.value = v, 6L));
    assertEquals(List.of(6L), drainValues(ring, 4), "the half-written message is never seen");
  }

  @Test
  void shouldRejectNullArgumentsWithTheirNames() {
    RingBuffer<Msg> ring = ring(false, 4);
    assertEquals("writer", assertThrows(NullPointerException.class, () -> ring.offer(null, 1L)).getMessage());
    assertEquals("idle", assertThrows(NullPointerException.class, () -> ring.claim(null)).getMessage());
    assertEquals("handler", assertThrows(NullPointerException.class, () -> ring.drain(null)).getMessage());
    assertEquals(0, ring.size(), "nothing claimed");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldWaitInClaimUntilTheConsumerFreesASlot(boolean multi) throws Exception {
    RingBuffer<Msg> ring = ring(multi, 2);
    send(ring, 1);
    send(ring, 2);
    AtomicInteger idles = new AtomicInteger();
    IdleStrategy counting =
        new IdleStrategy() {
          @Override
          public void idle(int workCount) {
            if (workCount <= 0) {
              idle();
            }
          }

          @Override
          public void idle() {
            idles.incrementAndGet();
            Thread.onSpinWait();
          }

          @Override
          public void reset() {}
        };
    CompletableFuture<Long> claimed = CompletableFuture.supplyAsync(() -> ring.claim(counting));
    while (idles.get() == 0 && !claimed.isDone()) {
      Thread.onSpinWait();
    }
    assertFalse(claimed.isDone(), "full: claim must wait");
    assertEquals(1, ring.drain(m -> {}, 1));
    assertEquals(2, claimed.get(30, TimeUnit.SECONDS));
  }

  /* ---------------- drain -------------- */

  @Test
  void shouldDrainAtMostTheLimitAndNeverMoreThanOneLap() {
    RingBuffer<Msg> ring = ring(false, 4);
    for (int i = 0; i < 4; i++) {
      send(ring, i);
    }
    assertEquals(0, ring.drain(m -> {}, 0));
    assertEquals(List.of(0L), drainValues(ring, 1));
    send(ring, 4);
    assertEquals(List.of(1L, 2L, 3L, 4L), drainValues(ring, Integer.MAX_VALUE));
    assertEquals(List.of(), drainValues(ring, Integer.MAX_VALUE));
  }

  @Test
  void shouldRejectANegativeLimit() {
    RingBuffer<Msg> ring = ring(false, 4);
    send(ring, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ring.drain(m -> {}, -3));
    assertEquals("limit must not be negative: -3", e.getMessage());
    assertEquals(List.of(1L), drainValues(ring, 4), "the message is still there");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldConsumeTheFailedSlotWhenAHandlerThrowsAndStayUsable(boolean multi) {
    RingBuffer<Msg> ring = ring(multi, 4);
    for (int i = 1; i <= 4; i++) {
      send(ring, i);
    }
    List<Long> seen = new ArrayList<>();
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                ring.drain(
                    m -> {
                      seen.add(m.value);
                      if (m.value == 2) {
                        throw new IllegalStateException("poison " + m.value);
                      }
                    }));
    assertEquals("poison 2", thrown.getMessage());
    assertEquals(List.of(1L, 2L), seen);
    assertEquals(2, ring.size(), "1 and 2 are consumed; 3 and 4 wait");
    send(ring, 5);
    send(ring, 6);
    assertEquals(-1, ring.tryClaim(), "both freed slots reused, no more");
    assertEquals(List.of(3L, 4L, 5L, 6L), drainValues(ring, 4), "not delivered again");
  }

  @Test
  void shouldRefuseADrainFromInsideAHandlerAndKeepGoing() {
    RingBuffer<Msg> ring = ring(false, 4);
    send(ring, 1);
    send(ring, 2);
    List<Throwable> inner = new ArrayList<>();
    List<Long> seen = new ArrayList<>();
    assertEquals(
        2,
        ring.drain(
            m -> {
              seen.add(m.value);
              inner.add(assertThrows(IllegalStateException.class, () -> ring.drain(x -> {})));
            }));
    assertEquals(List.of(1L, 2L), seen);
    assertEquals("drain called from a handler of the same ring", inner.get(0).getMessage());
    send(ring, 3);
    assertEquals(List.of(3L), drainValues(ring, 4), "drain works again afterwards");
  }

  /* ---------------- Queries -------------- */

  @Test
  void shouldCountClaimedSlotsUntilTheyAreDrained() {
    RingBuffer<Msg> ring = ring(true, 8);
    assertTrue(ring.isEmpty());
    assertEquals(8, ring.capacity());
    long s = ring.tryClaim();
    assertEquals(1, ring.size(), "claimed, not yet published");
    assertFalse(ring.isEmpty());
    ring.publish(s);
    ring.tryClaim(3);
    assertEquals(4, ring.size());
    assertEquals(1, ring.drain(m -> {}));
    assertEquals(3, ring.size());
    assertEquals("RingBuffer[multi-producer, capacity=8, size=3]", ring.toString());
    assertEquals("RingBuffer[single-producer, capacity=2, size=0]", ring(false, 2).toString());
  }
}
