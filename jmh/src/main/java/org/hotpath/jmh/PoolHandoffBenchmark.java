package org.hotpath.jmh;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hotpath.concurrent.RingBuffer;
import org.hotpath.pool.ConcurrentObjectPool;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: when an object is created on one thread and finished with on another (a request
 * handed from an I/O thread to a worker), what does a {@code ConcurrentObjectPool} save over
 * allocating a new object per message?
 *
 * <p>Shape ({@code handoff} group, 1 producer + 1 consumer thread): the producer gets a {@link
 * Payload} ({@code cpool}: {@code ConcurrentObjectPool.acquire()}; {@code new}: {@code new
 * Payload()}), fills it, and passes a reference to it through a single-producer Hotpath {@link
 * RingBuffer} of {@link #RING_CAPACITY} {@link Ref} slots; the consumer drains the ring, reads each
 * payload, clears the slot's reference and releases the payload to the pool ({@code cpool}) or
 * drops it ({@code new}). The pool holds up to {@link #POOL_CAPACITY} objects, more than can be in
 * flight, so it should neither miss nor drop (printed at the end of the trial).
 *
 * <p>Method as in {@link RingBufferBenchmark}: throughput of the consumer's {@code received}
 * counter; a producer invocation that finds the ring full keeps its filled payload for the next
 * try. {@code B/op} in the summary is per message.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
public class PoolHandoffBenchmark {

  /** Ring slots. */
  static final int RING_CAPACITY = 1024;

  /** Pool capacity: the ring's worth, one being filled and one being read, and slack. */
  static final int POOL_CAPACITY = 2 * RING_CAPACITY;

  /** Implementation under test. */
  @Param({"cpool", "new"})
  String impl;

  RingBuffer<Ref> ring;
  ConcurrentObjectPool<Payload> pool;
  Handler handler;

  /** A ring slot: a reference to the message. */
  static final class Ref {
    Payload payload;
  }

  /** The consumer's work per message: read the payload, clear the slot, release (or drop) it. */
  static final class Handler implements Consumer<Ref> {
    final ConcurrentObjectPool<Payload> pool;
    long sum;
    int taken;

    Handler(ConcurrentObjectPool<Payload> pool) {
      this.pool = pool;
    }

    @Override
    public void accept(Ref ref) {
      Payload p = ref.payload;
      ref.payload = null;
      sum += p.sum();
      taken++;
      if (pool != null) {
        pool.release(p);
      }
    }
  }

  /** Producer counters and state. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class ProducerCounters {
    /** Messages sent. */
    public long sent;
    /** Claims refused because the ring was full. */
    public long offerFailed;

    long next;
    /** A filled payload the ring had no room for. */
    Payload pending;

    @Setup(Level.Iteration)
    public void clean() {
      sent = 0;
      offerFailed = 0;
    }
  }


  @Setup(Level.Trial)
  public void setUp() {
    switch (impl) {
      case "cpool" -> pool = new ConcurrentObjectPool<>(POOL_CAPACITY, Payload::new, Payload::clear);
      case "new" -> pool = null;
      default -> throw new IllegalArgumentException("unknown implementation: " + impl + " (known: cpool, new)");
    }
    ring = RingBuffer.singleProducer(RING_CAPACITY, Ref::new);
    handler = new Handler(pool);
    // Check on one thread: two laps, every message received with its sum.
    ProducerCounters p = new ProducerCounters();
    ConsumerCounters c = new ConsumerCounters();
    long expected = 0;
    for (int lap = 0; lap < 2; lap++) {
      for (int i = 0; i < RING_CAPACITY; i++) {
        expected += 8 * p.next + 28;
        produce(p);
      }
      consume(c);
    }
    Checks.require(p.offerFailed == 0 && c.received == 2L * RING_CAPACITY && handler.sum == expected,
        impl + ": received " + c.received + ", sum " + handler.sum + " != " + expected);
    ForkJvm.settleHeap();
  }

  @TearDown(Level.Trial)
  public void report() {
    if (pool != null) {
      System.out.println("[cpool] misses=" + pool.misses() + " drops=" + pool.drops()
          + " available=" + pool.available());
    }
  }

  private void produce(ProducerCounters p) {
    Payload payload = p.pending;
    if (payload == null) {
      payload = pool != null ? pool.acquire() : new Payload();
      payload.fill(p.next);
    }
    final RingBuffer<Ref> ring = this.ring;
    long seq = ring.tryClaim();
    if (seq < 0) {
      p.pending = payload;
      p.offerFailed++;
      return;
    }
    p.pending = null;
    ring.slot(seq).payload = payload;
    ring.publish(seq);
    p.next++;
    p.sent++;
  }

  private void consume(ConsumerCounters c) {
    final Handler h = handler;
    h.taken = 0;
    ring.drain(h);
    if (h.taken == 0) {
      c.pollEmpty++;
    } else {
      c.received += h.taken;
    }
  }

  /** The producer: get, fill, pass on. */
  @Benchmark
  @Group("handoff")
  @GroupThreads(1)
  public void handoffProduce(ProducerCounters p) {
    produce(p);
  }

  /** The consumer: read, release (or drop). */
  @Benchmark
  @Group("handoff")
  @GroupThreads(1)
  public void handoffConsume(ConsumerCounters c) {
    consume(c);
  }
}
