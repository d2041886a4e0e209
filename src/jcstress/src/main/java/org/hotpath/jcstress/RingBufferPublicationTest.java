package org.hotpath.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.hotpath.concurrent.RingBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Single-producer publication: the producer's plain writes to a slot happen before the consumer's
 * reads of it, through the release store of the sequence into {@code published[i]} and the
 * consumer's acquire load of it. A consumer that sees the slot at all must see it fully written.
 *
 * <p>Results: {@code handled, a, b} as the consumer's one {@code drain} saw them ({@code -1, -1}
 * when it handled nothing). The slot is created as {@code a = b = 0} and filled with {@code a = 1,
 * b = 11}.
 */
public final class RingBufferPublicationTest {

  private RingBufferPublicationTest() {}

  /** claim, write the slot in place, publish. */
  @JCStressTest
  @Description("Single producer: claim, plain writes to the slot, publish; consumer drains once")
  @Outcome(id = "0, -1, -1", expect = ACCEPTABLE, desc = "Not published yet: nothing handled")
  @Outcome(id = "1, 1, 11", expect = ACCEPTABLE, desc = "Published: the slot fully written")
  @Outcome(
      expect = FORBIDDEN,
      desc = "Handled a slot not (fully) written: publication not ordered after the writes, or "
          + "the consumer's reads not ordered after its check of published[i]")
  @State
  public static class ClaimPublish {
    private final RingBuffer<Message> ring = RingBuffer.singleProducer(2, Message::new);

    @Actor
    public void producer() {
      long s = ring.tryClaim();
      ring.slot(s).fill(1);
      ring.publish(s);
    }

    @Actor
    public void consumer(III_Result r) {
      r.r2 = -1;
      r.r3 = -1;
      r.r1 = ring.drain(m -> {
        r.r2 = m.a;
        r.r3 = m.b;
      });
    }
  }

  /** offer: claim, write with the caller's writer, publish, in one call. */
  @JCStressTest
  @Description("Single producer: offer(writer, arg) writes and publishes; consumer drains once")
  @Outcome(id = "0, -1, -1", expect = ACCEPTABLE, desc = "Not published yet: nothing handled")
  @Outcome(id = "1, 1, 11", expect = ACCEPTABLE, desc = "Published: the slot fully written")
  @Outcome(expect = FORBIDDEN, desc = "Handled a slot that offer's writer had not finished")
  @State
  public static class Offer {
    private final RingBuffer<Message> ring = RingBuffer.singleProducer(2, Message::new);
    private final Integer one = 1;

    @Actor
    public void producer() {
      if (!ring.offer(Message::write, one)) {
        throw new AssertionError("offer found an empty ring full"); // jcstress reports an error
      }
    }

    @Actor
    public void consumer(III_Result r) {
      r.r2 = -1;
      r.r3 = -1;
      r.r1 = ring.drain(m -> {
        r.r2 = m.a;
        r.r3 = m.b;
      });
    }
  }

  /**
   * A batch: tryClaim(2), write both slots, publish(first, last). The consumer may see none, the
   * first, or both (publish(first, last) stores one flag after the other), each fully written and
   * in order; never the second without the first.
   */
  @JCStressTest
  @Description("Single producer: tryClaim(2), writes, publish(first, last); consumer drains once")
  @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "Nothing published yet")
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The first slot published, the second not yet")
  @Outcome(id = "2, 12", expect = ACCEPTABLE, desc = "Both published, handled in order")
  @Outcome(
      expect = FORBIDDEN,
      desc = "A torn slot, a slot handled out of order, or the second handled before the first")
  @State
  public static class Batch {
    private final RingBuffer<Message> ring = RingBuffer.singleProducer(4, Message::new);

    @Actor
    public void producer() {
      long first = ring.tryClaim(2);
      ring.slot(first).fill(1);
      ring.slot(first + 1).fill(2);
      ring.publish(first, first + 1);
    }

    /** r1 = slots handled; r2 = their a's as digits in handling order (1, then 12), 9 if torn. */
    @Actor
    public void consumer(II_Result r) {
      r.r1 = ring.drain(m -> r.r2 = r.r2 * 10 + (m.consistent() ? m.a : 9));
    }
  }
}
