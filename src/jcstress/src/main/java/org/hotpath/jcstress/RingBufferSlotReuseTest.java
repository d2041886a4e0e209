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
 * Slot reuse on a ring of capacity 1: the slot is freed only after the handler returns. Before the
 * race, sequence 0 is published with {@code a = 1, b = 11}. The consumer's handler reads the slot,
 * then resets it to zeros (a handler may write its slot); the producer tries to claim sequence 1,
 * which is the same slot, and fills it with {@code a = 2, b = 22}.
 *
 * <ul>
 *   <li>The handler must never see lap 1's writes: the producer may not claim before the free.
 *   <li>The handler's reset must never overwrite lap 1's writes: the handler's writes happen before
 *       the producer's (release store of consumerSequence, acquire load by the claim).
 * </ul>
 *
 * <p>Results: {@code r1, r2} = a, b read by the handler; {@code r3} = the producer's tryClaim
 * result (-1 full, or 1); {@code r4} = what the arbiter's drain then sees: {@code a * 100 + b}
 * (222 for lap 1 intact), or -1 if nothing was published.
 */
public final class RingBufferSlotReuseTest {

  private RingBufferSlotReuseTest() {}

  /** The race; jcstress finds actors only in the test class itself, so those delegate here. */
  abstract static class Reuse {
    final RingBuffer<Message> ring;

    Reuse(RingBuffer<Message> ring) {
      this.ring = ring;
      long s = ring.tryClaim();
      ring.slot(s).fill(1);
      ring.publish(s);
    }

    void consumer(IIII_Result r) {
      r.r1 = -1;
      r.r2 = -1;
      ring.drain(m -> {
        r.r1 = m.a;
        r.r2 = m.b;
        m.a = 0; // the handler resets its slot, as one reusing buffers might
        m.b = 0;
      });
    }

    void producer(IIII_Result r) {
      long s = ring.tryClaim();
      r.r3 = (int) s;
      if (s >= 0) {
        ring.slot(s).fill(2);
        ring.publish(s);
      }
    }

    void arbiter(IIII_Result r) {
      r.r4 = -1;
      ring.drain(m -> r.r4 = m.a * 100 + m.b);
    }
  }

  @JCStressTest
  @Description("Single producer, capacity 1: claim of the next lap races the handler of this one")
  @Outcome(id = "1, 11, -1, -1", expect = ACCEPTABLE, desc = "Claim before the free: ring full")
  @Outcome(id = "1, 11, 1, 222", expect = ACCEPTABLE, desc = "Claim after the handler returned")
  @Outcome(
      id = "2, .*|.*, 22, .*",
      expect = FORBIDDEN,
      desc = "The handler saw the next lap's writes: its slot was freed before it returned")
  @Outcome(
      id = ".*, 1, (0|2|20|200|22)",
      expect = FORBIDDEN,
      desc = "The handler's reset overwrote the next lap: freed before the handler's writes")
  @Outcome(expect = FORBIDDEN, desc = "Any other: lost slot, reclaimed sequence 0, torn lap")
  @State
  public static class SingleProducer extends Reuse {
    public SingleProducer() {
      super(RingBuffer.singleProducer(1, Message::new));
    }

    @Actor
    public void consumerActor(IIII_Result r) {
      consumer(r);
    }

    @Actor
    public void producerActor(IIII_Result r) {
      producer(r);
    }

    @Arbiter
    public void arbiterActor(IIII_Result r) {
      arbiter(r);
    }
  }

  @JCStressTest
  @Description("Multi producer, capacity 1: claim of the next lap races the handler of this one")
  @Outcome(id = "1, 11, -1, -1", expect = ACCEPTABLE, desc = "Claim before the free: ring full")
  @Outcome(id = "1, 11, 1, 222", expect = ACCEPTABLE, desc = "Claim after the handler returned")
  @Outcome(
      id = "2, .*|.*, 22, .*",
      expect = FORBIDDEN,
      desc = "The handler saw the next lap's writes: its slot was freed before it returned")
  @Outcome(
      id = ".*, 1, (0|2|20|200|22)",
      expect = FORBIDDEN,
      desc = "The handler's reset overwrote the next lap: freed before the handler's writes")
  @Outcome(expect = FORBIDDEN, desc = "Any other: lost slot, reclaimed sequence 0, torn lap")
  @State
  public static class MultiProducer extends Reuse {
    public MultiProducer() {
      super(RingBuffer.multiProducer(1, Message::new));
    }

    @Actor
    public void consumerActor(IIII_Result r) {
      consumer(r);
    }

    @Actor
    public void producerActor(IIII_Result r) {
      producer(r);
    }

    @Arbiter
    public void arbiterActor(IIII_Result r) {
      arbiter(r);
    }
  }
}
