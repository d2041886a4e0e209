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
 * Claims: racing producers get distinct sequences, never more than the ring has room for, and
 * "full" ({@code -1}) exactly when there is no room. Results are the {@code tryClaim} results.
 */
public final class RingBufferClaimTest {

  private RingBufferClaimTest() {}

  @JCStressTest
  @Description("Multi producer, room for one: two producers tryClaim")
  @Outcome(id = {"0, -1", "-1, 0"}, expect = ACCEPTABLE, desc = "One gets sequence 0, one full")
  @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "Both got sequence 0: the claim is not atomic")
  @Outcome(id = "-1, -1", expect = FORBIDDEN, desc = "Both told full: the ring had room")
  @Outcome(expect = FORBIDDEN, desc = "A sequence beyond the ring's room (overwrites unconsumed)")
  @State
  public static class OneSlotTwoProducers {
    private final RingBuffer<Message> ring = RingBuffer.multiProducer(1, Message::new);

    @Actor
    public void producer1(II_Result r) {
      r.r1 = (int) ring.tryClaim();
    }

    @Actor
    public void producer2(II_Result r) {
      r.r2 = (int) ring.tryClaim();
    }
  }

  @JCStressTest
  @Description("Multi producer, room for two: two producers tryClaim")
  @Outcome(id = {"0, 1", "1, 0"}, expect = ACCEPTABLE, desc = "Distinct sequences")
  @Outcome(id = {"0, 0", "1, 1"}, expect = FORBIDDEN, desc = "The same sequence twice")
  @Outcome(expect = FORBIDDEN, desc = "Told full with room left, or a sequence out of range")
  @State
  public static class TwoSlotsTwoProducers {
    private final RingBuffer<Message> ring = RingBuffer.multiProducer(2, Message::new);

    @Actor
    public void producer1(II_Result r) {
      r.r1 = (int) ring.tryClaim();
    }

    @Actor
    public void producer2(II_Result r) {
      r.r2 = (int) ring.tryClaim();
    }
  }

  @JCStressTest
  @Description("Multi producer, room for two: tryClaim(2) races tryClaim(1)")
  @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "The batch first (0 and 1), then full")
  @Outcome(id = "-1, 0", expect = ACCEPTABLE, desc = "The single first, then too little room")
  @Outcome(expect = FORBIDDEN, desc = "Overlapping claims, more than the room, or a wrong full")
  @State
  public static class BatchAgainstSingle {
    private final RingBuffer<Message> ring = RingBuffer.multiProducer(2, Message::new);

    @Actor
    public void batch(II_Result r) {
      r.r1 = (int) ring.tryClaim(2);
    }

    @Actor
    public void single(II_Result r) {
      r.r2 = (int) ring.tryClaim();
    }
  }

  /**
   * A full ring of one slot (sequence 0 published before the race); the consumer frees it while
   * two producers try to claim: at most one gets sequence 1, none gets 0 again or 2. Needs 3 CPUs
   * (jcstress skips it on 2); {@link ProducerAgainstFreeingProducer} is the 2-CPU form.
   */
  @JCStressTest
  @Description("Multi producer, full ring of 1: two producers tryClaim while the consumer frees")
  @Outcome(id = "-1, -1, 1", expect = ACCEPTABLE, desc = "Both claimed before the free")
  @Outcome(id = {"1, -1, 1", "-1, 1, 1"}, expect = ACCEPTABLE, desc = "One got the freed slot")
  @Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "Both got sequence 1")
  @Outcome(
      expect = FORBIDDEN,
      desc = "Sequence 0 again or 2 (claimed a slot not free), or the consumer did not handle 0")
  @State
  public static class TwoProducersWhileFreeing {
    private final RingBuffer<Message> ring = RingBuffer.multiProducer(1, Message::new);

    public TwoProducersWhileFreeing() {
      ring.publish(ring.tryClaim());
    }

    @Actor
    public void producer1(III_Result r) {
      r.r1 = (int) ring.tryClaim();
    }

    @Actor
    public void producer2(III_Result r) {
      r.r2 = (int) ring.tryClaim();
    }

    @Actor
    public void consumer(III_Result r) {
      r.r3 = ring.drain(m -> {});
    }
  }

  /**
   * A full multi-producer ring of one slot; thread 2 frees it (drain) and then claims, racing
   * producer 1's claim. Exactly one of them gets sequence 1: thread 2 must see its own free even
   * though the producers' cached limit says full, and the two claims must not both succeed.
   */
  @JCStressTest
  @Description("Multi producer, full ring of 1: tryClaim races a drain followed by tryClaim")
  @Outcome(id = {"1, -1, 1", "-1, 1, 1"}, expect = ACCEPTABLE, desc = "One got the freed slot")
  @Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "Both got sequence 1")
  @Outcome(
      id = "-1, -1, 1",
      expect = FORBIDDEN,
      desc = "Thread 2 told full after freeing the ring itself (stale cached limit)")
  @Outcome(expect = FORBIDDEN, desc = "Sequence 0 again or 2, or sequence 0 not handled")
  @State
  public static class ProducerAgainstFreeingProducer {
    private final RingBuffer<Message> ring = RingBuffer.multiProducer(1, Message::new);

    public ProducerAgainstFreeingProducer() {
      ring.publish(ring.tryClaim());
    }

    @Actor
    public void producer(III_Result r) {
      r.r1 = (int) ring.tryClaim();
    }

    @Actor
    public void consumerThenProducer(III_Result r) {
      r.r3 = ring.drain(m -> {});
      r.r2 = (int) ring.tryClaim();
    }
  }

  /** The single-producer claim (plain fields, cached limit) against the consumer's free. */
  @JCStressTest
  @Description("Single producer, full ring of 1: tryClaim twice while the consumer frees")
  @Outcome(id = "-1, -1, 1", expect = ACCEPTABLE, desc = "Both claims before the free")
  @Outcome(id = {"-1, 1, 1", "1, -1, 1"}, expect = ACCEPTABLE, desc = "The freed slot, once")
  @Outcome(expect = FORBIDDEN, desc = "Sequence 0 again, 2, the slot twice, or 0 not handled")
  @State
  public static class SingleProducerClaimWhileFreeing {
    private final RingBuffer<Message> ring = RingBuffer.singleProducer(1, Message::new);

    public SingleProducerClaimWhileFreeing() {
      ring.publish(ring.tryClaim());
    }

    @Actor
    public void producer(III_Result r) {
      r.r1 = (int) ring.tryClaim();
      r.r2 = (int) ring.tryClaim();
    }

    @Actor
    public void consumer(III_Result r) {
      r.r3 = ring.drain(m -> {});
    }
  }
}
