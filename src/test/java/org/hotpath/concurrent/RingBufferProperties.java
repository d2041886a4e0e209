package org.hotpath.concurrent;

import static org.hotpath.testing.ModelBased.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hotpath.testing.ModelBased;
import org.hotpath.testing.ModelBased.Operation;

/**
 * On one thread, a RingBuffer behaves like an {@code ArrayDeque} of claimed messages, bounded by
 * the capacity, under any sequence of claims (single and batch), publications in any order,
 * cancellations, offers (including a writer that throws) and drains (including a handler that
 * throws); and after every step its statistics ({@link RingBuffer#readStats}) match what the
 * model counted, the high-water mark between every proven occupancy and the true peak. Concurrency
 * is covered by the stress test and by jcstress ({@code src/jcstress}).
 */
class RingBufferProperties {

  /** The consumer's view of one claimed sequence. */
  enum State {
    CLAIMED,
    PUBLISHED,
    CANCELLED
  }

  /** A claimed sequence in the model. */
  static final class Entry {
    final long sequence;
    final long value;
    State state = State.CLAIMED;

    Entry(long sequence, long value) {
      this.sequence = sequence;
      this.value = value;
    }
  }

  /** A slot's contents. */
  static final class Msg {
    long value;
  }

  /** The ring under test and its model: the claimed, not yet consumed sequences, oldest first. */
  static final class Subject {
    final RingBuffer<Msg> ring;
    final int capacity;
    final ArrayDeque<Entry> model = new ArrayDeque<>();
    /** Claimed, neither published nor cancelled: candidates for publish and cancel steps. */
    final List<Entry> pending = new ArrayList<>();

    long nextSequence;

    /* The statistics' model. */
    final RingBufferStats stats = new RingBufferStats();
    long failedClaims;
    long delivered;
    long batches;
    int largestBatch;
    /** The most sequences ever in use at once: the true peak. */
    int maxOccupancy;
    /** What failed claims prove about the peak: a failed claim of n saw more than capacity - n. */
    int provenPeak;
    int lastHighWater;
    /** Entries removed by the last expectedDrain: the batch it frees. */
    int walked;

    Subject(boolean multiProducer, int capacity) {
      this.capacity = capacity;
      this.ring =
          multiProducer
              ? RingBuffer.multiProducer(capacity, Msg::new)
              : RingBuffer.singleProducer(capacity, Msg::new);
    }

    /** Claims n (on both sides) and writes value, value + 1, ...; returns the entries or null. */
    List<Entry> claim(int n, long value) {
      long first = n == 1 ? ring.tryClaim() : ring.tryClaim(n);
      if (model.size() + n > capacity) {
        assertEquals(-1, first, "claim of " + n + " with " + model.size() + " of " + capacity);
        foundFull(n);
        return null;
      }
      assertEquals(nextSequence, first, "claimed sequence");
      List<Entry> claimed = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Entry e = new Entry(nextSequence++, value + i);
        ring.slot(e.sequence).value = e.value;
        model.addLast(e);
        claimed.add(e);
      }
      maxOccupancy = Math.max(maxOccupancy, model.size());
      return claimed;
    }

    /** A claim of {@code n} (or an offer, n = 1) that found no room. */
    void foundFull(int n) {
      failedClaims++;
      provenPeak = Math.max(provenPeak, capacity - n + 1);
    }

    /** An offer that found room, published or (writer threw) cancelled. */
    void offered(Entry e) {
      model.addLast(e);
      maxOccupancy = Math.max(maxOccupancy, model.size());
    }

    /** What drain(limit) must deliver: the model's prefix of published and cancelled entries. */
    List<Long> expectedDrain(int limit, int failAt) {
      List<Long> delivered = new ArrayList<>();
      walked = 0;
      for (Iterator<Entry> it = model.iterator(); it.hasNext() && walked < Math.min(limit, capacity); ) {
        Entry e = it.next();
        if (e.state == State.CLAIMED) {
          break;
        }
        it.remove();
        walked++;
        if (e.state == State.PUBLISHED) {
          delivered.add(e.value);
          if (delivered.size() == failAt) {
            break;
          }
        }
      }
      this.delivered += delivered.size();
      if (walked > 0) {
        batches++;
        largestBatch = Math.max(largestBatch, walked);
      }
      return delivered;
    }

    void checkInvariants() {
      assertEquals(model.size(), ring.size(), "size");
      assertEquals(model.isEmpty(), ring.isEmpty(), "isEmpty");
      assertEquals(capacity, ring.capacity(), "capacity");
      checkStats();
    }

    /** Every figure as the model counted it; the high-water mark within what it can know. */
    void checkStats() {
      RingBufferStats s = ring.readStats(stats);
      long consumed = nextSequence - model.size();
      assertEquals(capacity, s.capacity(), "stats capacity");
      assertEquals(model.size(), s.occupancy(), "stats occupancy");
      assertEquals(nextSequence, s.claimed(), "stats claimed");
      assertEquals(consumed, s.consumed(), "stats consumed");
      assertEquals(delivered, s.delivered(), "stats delivered");
      assertEquals(consumed - delivered, s.cancelled(), "stats cancelled");
      assertEquals(failedClaims, s.failedClaims(), "stats failed claims");
      assertEquals(0, s.waitedClaims(), "stats waited claims: claim is never called here");
      assertEquals(batches, s.batches(), "stats batches");
      assertEquals(largestBatch, s.largestBatch(), "stats largest batch");
      int hw = s.highWater();
      assertTrue(hw >= s.occupancy() && hw >= provenPeak && hw >= largestBatch, "high-water " + hw + " too low: " + s);
      assertTrue(hw <= maxOccupancy, "high-water " + hw + " above the true peak " + maxOccupancy);
      assertTrue(hw >= lastHighWater, "high-water went down from " + lastHighWater + " to " + hw);
      lastHighWater = hw;
    }
  }

  @Property(tries = 400)
  void behavesLikeABoundedArrayDeque(
      @ForAll boolean multiProducer,
      @ForAll("capacities") int capacity,
      @ForAll("operations") List<Operation<Subject>> operations) {
    ModelBased.run(new Subject(multiProducer, capacity), operations, Subject::checkInvariants);
  }

  @Provide
  Arbitrary<Integer> capacities() {
    return Arbitraries.of(1, 2, 4, 8, 16);
  }

  @Provide
  Arbitrary<List<Operation<Subject>>> operations() {
    Arbitrary<Long> values = Arbitraries.longs();
    Arbitrary<Operation<Subject>> send =
        values.map(
            v ->
                op(
                    "send(" + v + ")",
                    s -> {
                      List<Entry> claimed = s.claim(1, v);
                      if (claimed != null) {
                        s.ring.publish(claimed.get(0).sequence);
                        claimed.get(0).state = State.PUBLISHED;
                      }
                    }));
    Arbitrary<Operation<Subject>> claimOnly =
        values.map(
            v ->
                op(
                    "claimOnly(" + v + ")",
                    s -> {
                      List<Entry> claimed = s.claim(1, v);
                      if (claimed != null) {
                        s.pending.addAll(claimed);
                      }
                    }));
    Arbitrary<Operation<Subject>> batch =
        Arbitraries.integers()
            .between(1, 16)
            .map(
                n ->
                    op(
                        "batch(" + n + ")",
                        s -> {
                          if (n > s.capacity) {
                            assertThrows(IllegalArgumentException.class, () -> s.ring.tryClaim(n));
                            return;
                          }
                          List<Entry> claimed = s.claim(n, 1000L * n);
                          if (claimed != null) {
                            long first = claimed.get(0).sequence;
                            s.ring.publish(first, first + n - 1);
                            claimed.forEach(e -> e.state = State.PUBLISHED);
                          }
                        }));
    Arbitrary<Operation<Subject>> publishPending =
        Arbitraries.integers()
            .between(0, 15)
            .map(
                i ->
                    op(
                        "publishPending(" + i + ")",
                        s -> {
                          if (!s.pending.isEmpty()) {
                            Entry e = s.pending.remove(i % s.pending.size());
                            s.ring.publish(e.sequence);
                            e.state = State.PUBLISHED;
                            assertThrows(IllegalStateException.class, () -> s.ring.publish(e.sequence));
                          }
                        }));
    Arbitrary<Operation<Subject>> cancelPending =
        Arbitraries.integers()
            .between(0, 15)
            .map(
                i ->
                    op(
                        "cancelPending(" + i + ")",
                        s -> {
                          if (!s.pending.isEmpty()) {
                            Entry e = s.pending.remove(i % s.pending.size());
                            s.ring.cancel(e.sequence);
                            e.state = State.CANCELLED;
                          }
                        }));
    Arbitrary<Operation<Subject>> offer =
        values.map(
            v ->
                op(
                    "offer(" + v + ")",
                    s -> {
                      boolean room = s.model.size() < s.capacity;
                      assertEquals(room, s.ring.offer((m, x) -> m.value = x, v));
                      if (room) {
                        Entry e = new Entry(s.nextSequence++, v);
                        e.state = State.PUBLISHED;
                        s.offered(e);
                      } else {
                        s.foundFull(1);
                      }
                    }));
    Arbitrary<Operation<Subject>> offerThrowing =
        Arbitraries.just(
            op(
                "offerThrowing",
                s -> {
                  if (s.model.size() < s.capacity) {
                    assertThrows(
                        ArithmeticException.class,
                        () -> s.ring.offer((m, x) -> m.value = 1 / x, 0L));
                    Entry e = new Entry(s.nextSequence++, 0);
                    e.state = State.CANCELLED;
                    s.offered(e);
                  } else {
                    assertFalse(s.ring.offer((m, x) -> m.value = 1 / x, 0L));
                    s.foundFull(1);
                  }
                }));
    Arbitrary<Operation<Subject>> drain =
        Arbitraries.integers()
            .between(0, 20)
            .map(
                limit ->
                    op(
                        "drain(" + limit + ")",
                        s -> {
                          List<Long> expected = s.expectedDrain(limit, -1);
                          List<Long> actual = new ArrayList<>();
                          assertEquals(expected.size(), s.ring.drain(m -> actual.add(m.value), limit));
                          assertEquals(expected, actual, "delivered");
                        }));
    Arbitrary<Operation<Subject>> drainFailing =
        Arbitraries.integers()
            .between(1, 4)
            .map(
                failAt ->
                    op(
                        "drainFailingAt(" + failAt + ")",
                        s -> {
                          List<Long> expected = s.expectedDrain(Integer.MAX_VALUE, failAt);
                          List<Long> actual = new ArrayList<>();
                          if (expected.size() < failAt) {
                            assertEquals(expected.size(), s.ring.drain(m -> actual.add(m.value)));
                          } else {
                            assertThrows(
                                IllegalStateException.class,
                                () ->
                                    s.ring.drain(
                                        m -> {
                                          actual.add(m.value);
                                          if (actual.size() == failAt) {
                                            throw new IllegalStateException("handler failed");
                                          }
                                        }));
                          }
                          assertEquals(expected, actual, "delivered");
                        }));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, send),
            net.jqwik.api.Tuple.of(2, claimOnly),
            net.jqwik.api.Tuple.of(2, batch),
            net.jqwik.api.Tuple.of(3, publishPending),
            net.jqwik.api.Tuple.of(1, cancelPending),
            net.jqwik.api.Tuple.of(2, offer),
            net.jqwik.api.Tuple.of(1, offerThrowing),
            net.jqwik.api.Tuple.of(4, drain),
            net.jqwik.api.Tuple.of(1, drainFailing))
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 50)
  void deliversEveryPublishedValueExactlyOnceAcrossManyLaps(
      @ForAll boolean multiProducer, @ForAll("capacities") int capacity) {
    Subject s = new Subject(multiProducer, capacity);
    List<Long> received = new ArrayList<>();
    for (long v = 0; v < 50L * capacity; v++) {
      if (!s.ring.offer((m, x) -> m.value = x, v)) {
        s.ring.drain(m -> received.add(m.value));
        assertTrue(s.ring.offer((m, x) -> m.value = x, v));
      }
    }
    s.ring.drain(m -> received.add(m.value));
    for (int i = 0; i < received.size(); i++) {
      assertEquals(i, received.get(i));
    }
    assertEquals(50L * capacity, received.size());
  }
}
