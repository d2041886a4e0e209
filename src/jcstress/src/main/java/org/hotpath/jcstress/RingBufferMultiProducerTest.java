package org.hotpath.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.hotpath.concurrent.RingBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Multi-producer publication and delivery. Two producers race to claim, fill and publish; the
 * consumer drains twice during the race, and the {@link Arbiter} (which runs after every actor, as
 * the consumer) drains what is left. The documented guarantees checked:
 *
 * <ul>
 *   <li>a handled slot is fully written (publication orders the producer's writes);
 *   <li>slots are handled in sequence order, and the consumer stops at the first unpublished one,
 *       so the k-th slot handled is the slot of sequence k: {@code ring.slot(k)}, by identity;
 *   <li>nothing is delivered twice and nothing is lost: after the arbiter, each message exactly
 *       once.
 * </ul>
 *
 * <p>Results: {@code r1} = slots handled by the consumer actor during the race (0, 1 or 2: all
 * fine); {@code r2} = slots handled in total, arbiter included; {@code r3} = bit mask of the
 * producers whose message was delivered (producer p writes {@code a = p}, p = 1, 2); {@code r4} =
 * anomalies: 1 torn slot, 2 out of order, 4 duplicate delivery.
 */
public final class RingBufferMultiProducerTest {

  static final int TORN = 1;
  static final int OUT_OF_ORDER = 2;
  static final int DUPLICATE = 4;

  private RingBufferMultiProducerTest() {}

  /** The consumer's bookkeeping, touched by the consumer actor and then the arbiter only. */
  abstract static class Checked {
    final RingBuffer<Message> ring = RingBuffer.multiProducer(2, Message::new);
    int handled;
    int delivered;
    int anomalies;

    void handle(Message m) {
      if (m != ring.slot(handled)) {
        anomalies |= OUT_OF_ORDER; // the k-th slot handled must be sequence k's
      }
      if (!m.consistent() || m.a > 2) {
        anomalies |= TORN;
      } else {
        if ((delivered & m.a) != 0) {
          anomalies |= DUPLICATE;
        }
        delivered |= m.a;
      }
      handled++;
    }
  }

  /**
   * Both producers claim, fill and publish (one with claim/publish, the other with offer) while a
   * third thread consumes. Needs 3 CPUs: jcstress skips it on 2 ("No scheduling is possible"); see
   * {@link ProducerThenConsumer} for the 2-CPU form.
   */
  @JCStressTest
  @Description("Multi producer: two producers publish, consumer drains twice, arbiter drains rest")
  @Outcome(id = "0, 2, 3, 0", expect = ACCEPTABLE, desc = "Consumer ran before any publication")
  @Outcome(id = "1, 2, 3, 0", expect = ACCEPTABLE, desc = "Consumer saw sequence 0 only")
  @Outcome(id = "2, 2, 3, 0", expect = ACCEPTABLE, desc = "Consumer saw both, in order")
  @Outcome(
      expect = FORBIDDEN,
      desc = "Lost or duplicated message (r2 != 2, r3 != 3), torn slot, or out of sequence order")
  @State
  public static class TwoProducersAndConsumer extends Checked {
    private final Integer two = 2;

    @Actor
    public void producer1() {
      long s = ring.tryClaim();
      if (s < 0) {
        throw new AssertionError("tryClaim found a ring of 2 full after at most 1 claim");
      }
      ring.slot(s).fill(1);
      ring.publish(s);
    }

    @Actor
    public void producer2() {
      if (!ring.offer(Message::write, two)) {
        throw new AssertionError("offer found a ring of 2 full after at most 1 claim");
      }
    }

    @Actor
    public void consumer(IIII_Result r) {
      ring.drain(this::handle);
      ring.drain(this::handle);
      r.r1 = handled;
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
      ring.drain(this::handle);
      r.r2 = handled;
      r.r3 = delivered;
      r.r4 = anomalies;
    }
  }

  /**
   * The 2-CPU form of {@link TwoProducersAndConsumer}: the second thread offers its message, then
   * consumes. If its offer got sequence 1 while producer 1 has not yet published sequence 0, the
   * consumer must handle nothing (it stops at the first unpublished slot) rather than sequence 1.
   * The consumer reads producer 1's slot across threads: this checks claim/publish; {@link
   * OfferThenConsume} checks offer the same way.
   */
  @JCStressTest
  @Description("Multi producer: producer 1 publishes; thread 2 offers, then drains twice")
  @Outcome(id = "0, 2, 3, 0", expect = ACCEPTABLE, desc = "Sequence 0 (producer 1's) unpublished")
  @Outcome(id = "1, 2, 3, 0", expect = ACCEPTABLE, desc = "Consumer saw sequence 0 only")
  @Outcome(id = "2, 2, 3, 0", expect = ACCEPTABLE, desc = "Consumer saw both, in order")
  @Outcome(
      expect = FORBIDDEN,
      desc = "Lost or duplicated message (r2 != 2, r3 != 3), torn slot, or out of sequence order")
  @State
  public static class ProducerThenConsumer extends Checked {
    private final Integer two = 2;

    @Actor
    public void producer1() {
      long s = ring.tryClaim();
      if (s < 0) {
        throw new AssertionError("tryClaim found a ring of 2 full after at most 1 claim");
      }
      ring.slot(s).fill(1);
      ring.publish(s);
    }

    @Actor
    public void producer2ThenConsumer(IIII_Result r) {
      if (!ring.offer(Message::write, two)) {
        throw new AssertionError("offer found a ring of 2 full after at most 1 claim");
      }
      ring.drain(this::handle);
      ring.drain(this::handle);
      r.r1 = handled;
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
      ring.drain(this::handle);
      r.r2 = handled;
      r.r3 = delivered;
      r.r4 = anomalies;
    }
  }

  /**
   * {@link ProducerThenConsumer} with the roles of the two calls swapped: producer 1 offers, so
   * that offer's publication is what the consumer reads across threads (the consumer's own
   * message, published in the same thread, would hide a publication bug).
   */
  @JCStressTest
  @Description("Multi producer: producer 1 offers; thread 2 claims, publishes, then drains twice")
  @Outcome(id = "0, 2, 3, 0", expect = ACCEPTABLE, desc = "Sequence 0 (producer 1's) unpublished")
  @Outcome(id = "1, 2, 3, 0", expect = ACCEPTABLE, desc = "Consumer saw sequence 0 only")
  @Outcome(id = "2, 2, 3, 0", expect = ACCEPTABLE, desc = "Consumer saw both, in order")
  @Outcome(
      expect = FORBIDDEN,
      desc = "Lost or duplicated message (r2 != 2, r3 != 3), torn slot, or out of sequence order")
  @State
  public static class OfferThenConsume extends Checked {
    private final Integer one = 1;

    @Actor
    public void producer1() {
      if (!ring.offer(Message::write, one)) {
        throw new AssertionError("offer found a ring of 2 full after at most 1 claim");
      }
    }

    @Actor
    public void producer2ThenConsumer(IIII_Result r) {
      long s = ring.tryClaim();
      if (s < 0) {
        throw new AssertionError("tryClaim found a ring of 2 full after at most 1 claim");
      }
      ring.slot(s).fill(2);
      ring.publish(s);
      ring.drain(this::handle);
      ring.drain(this::handle);
      r.r1 = handled;
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
      ring.drain(this::handle);
      r.r2 = handled;
      r.r3 = delivered;
      r.r4 = anomalies;
    }
  }

  /**
   * Producer 1 claims, half-writes its slot and cancels it; thread 2 publishes its own message,
   * then consumes. The consumer skips the cancelled sequence (never hands it over) and delivers
   * producer 2's message once, whatever the order of claims; if producer 2 got sequence 1, it
   * waits (handles nothing) until sequence 0 is cancelled.
   */
  @JCStressTest
  @Description("Multi producer: one producer cancels its claimed slot, the other publishes")
  @Outcome(id = "0, 1, 2, 0", expect = ACCEPTABLE, desc = "Sequence 0 claimed, not yet cancelled")
  @Outcome(id = "1, 1, 2, 0", expect = ACCEPTABLE, desc = "Consumer delivered producer 2's slot")
  @Outcome(
      expect = FORBIDDEN,
      desc = "The cancelled slot was handed over (r3 has bit 1 or r4 TORN), or a message was "
          + "lost or delivered twice")
  @State
  public static class CancelledSlot extends Checked {

    @Actor
    public void producer1() {
      long s = ring.tryClaim();
      ring.slot(s).a = 1; // half written: b stays 0, so handing it over reads as torn
      ring.cancel(s);
    }

    @Actor
    public void producer2ThenConsumer(IIII_Result r) {
      long s = ring.tryClaim();
      ring.slot(s).fill(2);
      ring.publish(s);
      ring.drain(this::handleSkipping);
      ring.drain(this::handleSkipping);
      r.r1 = handled;
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
      ring.drain(this::handleSkipping);
      r.r2 = handled;
      r.r3 = delivered;
      r.r4 = anomalies;
    }

    /** As handle, but sequence order is by the one published slot: cancelled ones are skipped. */
    private void handleSkipping(Message m) {
      if (!m.consistent() || m.a != 2) {
        anomalies |= TORN; // the cancelled slot (a = 1, b = 0) or a torn one
        if (m.a == 1) {
          delivered |= 1;
        }
      } else {
        if ((delivered & 2) != 0) {
          anomalies |= DUPLICATE;
        }
        delivered |= 2;
      }
      handled++;
    }
  }
}
