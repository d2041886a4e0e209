package org.hotpath.jmh;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.QueuedPipe;
import org.hotpath.concurrent.RingBuffer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Question: how many messages per microsecond move from producer thread(s) to one consumer thread,
 * and how many bytes does each allocate, through Hotpath's {@link RingBuffer} against {@code
 * ArrayBlockingQueue} ({@code abq}), {@code LinkedBlockingQueue} ({@code lbq}), {@code
 * ConcurrentLinkedQueue} ({@code clq}), Agrona ({@code OneToOneConcurrentArrayQueue} /
 * {@code ManyToOneConcurrentArrayQueue}), JCTools ({@code SpscArrayQueue} / {@code MpscArrayQueue})
 * and the LMAX Disruptor ({@code com.lmax.disruptor.RingBuffer} read through an {@code EventPoller})?
 *
 * <p>Shapes (JMH groups; the state is per group, so each group gets its own queue):
 * <ul>
 *   <li>{@code p1c1}: one producer, one consumer: Hotpath {@code singleProducer}, Disruptor
 *       {@code createSingleProducer}, {@code OneToOneConcurrentArrayQueue}, {@code SpscArrayQueue}.
 *   <li>{@code p2c1}: two producers, one consumer: the multi-producer variants ({@code
 *       multiProducer}, {@code createMultiProducer}, {@code ManyToOneConcurrentArrayQueue}, {@code
 *       MpscArrayQueue}). On this project's 2-core machine that is 3 busy threads on 2 cores: it shows
 *       the cost under oversubscription (a preempted producer or consumer stalls the others), not
 *       scaling.
 *   <li>{@code sameThread}: one thread offers {@link #BURST} messages, then takes them, through
 *       the single-producer variants: the instruction-path cost, with no cache line moving
 *       between cores, and far less sensitive to other load on the machine.
 * </ul>
 *
 * <p>Payload, as a user would move it: Hotpath and the Disruptor own preallocated {@link Message}
 * slots that the producer fills in place (a {@code long sequence}, a {@code long value}); the queues
 * carry references, so every message is a {@code new Message} (32 bytes, plus a 24-byte node in the
 * linked queues; a refused message is kept and offered again, not reallocated): that allocation is
 * the point of the comparison, shown by {@code -prof gc}. The
 * consumer does the same work for all: it adds the message's {@code value} to a sum and counts it
 * ({@link Sink}).
 *
 * <p>Method (after JCTools' {@code QueueThroughputBackoffNone}): JMH {@code Throughput} mode; a
 * producer invocation offers one message, without waiting (a full queue counts an {@code
 * offerFailed} and returns at once, no backoff); a consumer invocation takes what is there, up to
 * {@code batch} messages, with each library's bulk API where it has one (Hotpath {@code drain},
 * Disruptor {@code EventPoller.poll}, JCTools and Agrona {@code drain(consumer, limit)}) and a
 * {@code poll()} loop for the JDK queues (an empty poll counts a {@code pollEmpty}). Nothing ever
 * blocks, so every thread sees the end of an iteration. The figure is the consumer's {@code
 * received} counter (an {@code @AuxCounters} rate, messages per microsecond); JMH's primary score
 * counts invocations of both sides and means nothing here. {@code SummaryTable} shows {@code
 * 1000 / received} as ns per message and the allocation per message ({@code gc.alloc.rate.norm}
 * times invocations per message). Messages left in the queue at an iteration's end are received in
 * the next one.
 *
 * <p>{@code clq} is unbounded: to keep its backlog bounded like the others, producers stop (count
 * {@code offerFailed}) while more than about {@code capacity} messages are in flight, checked once
 * every {@link #CLQ_FLUSH} messages against a shared counter, an overhead of well under a
 * nanosecond per message.
 *
 * <p>Fork flags: Agrona's queues use {@code jdk.internal.misc.Unsafe}, so every fork of this class
 * gets {@link ForkJvm#AGRONA_EXPORTS}; Hotpath needs no flag (run {@code -p impl=hotpath
 * -jvmArgsAppend "-Xms4g -Xmx4g -Xmn512m"} to see it work without). The Disruptor uses {@code
 * BusySpinWaitStrategy}: its default, {@code BlockingWaitStrategy}, would take a lock on every
 * publish even though the poller never waits.
 *
 * <p>Setup runs a single-threaded check through the benchmark's own producer and consumer code:
 * several laps of the ring, every message sent is received, with the right sum of values.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN, ForkJvm.AGRONA_EXPORTS})
public class RingBufferBenchmark {

  /** Messages per {@link #sameThread} invocation: at most the smallest sensible capacity. */
  static final int BURST = 64;

  /** Messages a {@code clq} producer sends between updates of the shared in-flight count. */
  static final int CLQ_FLUSH = 64;

  /** The implementations, as spelled in {@code -p impl=...}. */
  enum Kind { HOTPATH, ABQ, LBQ, CLQ, AGRONA, JCTOOLS, DISRUPTOR }

  /** Implementation under test. */
  @Param({"hotpath", "abq", "lbq", "clq", "agrona", "jctools", "disruptor"})
  String impl;

  /** Slots (Hotpath, Disruptor) or queue capacity (JCTools and Agrona round up to a power of two). */
  @Param({"1024"})
  int capacity;

  /** The most messages one consumer invocation takes. */
  @Param({"1024"})
  int batch;

  Kind kind;
  boolean multiProducer;
  RingBuffer<Message> hotpath;
  com.lmax.disruptor.RingBuffer<Message> disruptor;
  EventPoller<Message> poller;
  MessagePassingQueue<Message> jctools;
  QueuedPipe<Message> agrona;
  /** {@code abq}, {@code lbq} or {@code clq}. */
  Queue<Message> jdk;
  /** {@code clq} only: messages sent, in steps of {@link #CLQ_FLUSH} per producer. */
  final AtomicLong clqSent = new AtomicLong();
  /** {@code clq} only: messages received (written by the consumer, read by producers). */
  final AtomicLong clqReceived = new AtomicLong();
  /** The consumer's handler (one per group: there is one consumer). */
  final Sink sink = new Sink();

  /** A message: a slot of the rings, a new object per message for the queues. */
  static final class Message {
    long sequence;
    long value;

    Message() {}

    Message(long sequence, long value) {
      this.sequence = sequence;
      this.value = value;
    }
  }

  /**
   * The consumer's work per message, for every library's handler interface: add {@code value} to
   * a sum and count the message; {@link #limit} ends a Disruptor poll after that many messages.
   */
  static final class Sink implements Consumer<Message>, MessagePassingQueue.Consumer<Message>,
      EventPoller.Handler<Message> {
    long sum;
    int taken;
    int limit;

    @Override
    public void accept(Message m) {
      sum += m.value;
      taken++;
    }

    @Override
    public boolean onEvent(Message m, long sequence, boolean endOfBatch) {
      accept(m);
      return taken < limit;
    }
  }

  /** Producer-side counters (summed over producer threads) and a producer's own state. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class ProducerCounters {
    /** Messages sent. */
    public long sent;
    /** Offers refused because the queue was full. */
    public long offerFailed;

    long next;
    /** A queue's message that was refused, to offer again. */
    Message pending;
    int clqUnflushed;
    boolean clqBlocked;

    @Setup(Level.Iteration)
    public void clean() {
      sent = 0;
      offerFailed = 0;
    }
  }


  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    kind = Kind.valueOf(impl.toUpperCase(java.util.Locale.ROOT));
    multiProducer = params.getBenchmark().endsWith("p2c1");
    create();
    selfCheck();
    create(); // measure on a fresh one
    ForkJvm.settleHeap();
  }

  private void create() {
    hotpath = null;
    disruptor = null;
    poller = null;
    jctools = null;
    agrona = null;
    jdk = null;
    clqSent.set(0);
    clqReceived.set(0);
    switch (kind) {
      case HOTPATH -> hotpath = multiProducer
          ? RingBuffer.multiProducer(capacity, Message::new)
          : RingBuffer.singleProducer(capacity, Message::new);
      case DISRUPTOR -> {
        disruptor = multiProducer
            ? com.lmax.disruptor.RingBuffer.createMultiProducer(Message::new, capacity, new BusySpinWaitStrategy())
            : com.lmax.disruptor.RingBuffer.createSingleProducer(Message::new, capacity, new BusySpinWaitStrategy());
        poller = disruptor.newPoller();
        disruptor.addGatingSequences(poller.getSequence());
      }
      case JCTOOLS -> jctools = multiProducer ? new MpscArrayQueue<>(capacity) : new SpscArrayQueue<>(capacity);
      case AGRONA -> agrona = multiProducer
          ? new ManyToOneConcurrentArrayQueue<>(capacity)
          : new OneToOneConcurrentArrayQueue<>(capacity);
      case ABQ -> jdk = new ArrayBlockingQueue<>(capacity);
      case LBQ -> jdk = new LinkedBlockingQueue<>(capacity);
      case CLQ -> jdk = new ConcurrentLinkedQueue<>();
    }
  }

  /** Several laps through the benchmark's own code on one thread: every message received, with the right sum. */
  private void selfCheck() {
    ProducerCounters p = new ProducerCounters();
    ConsumerCounters c = new ConsumerCounters();
    for (int lap = 0; lap < 4; lap++) {
      int n = capacity - lap; // a different fill level each lap, wrapping at different places
      for (int i = 0; i < n; i++) {
        produce(p);
      }
      // clq's harness bound is counted in steps of CLQ_FLUSH, so it may refuse early at small capacities.
      Checks.require(p.offerFailed == 0 || kind == Kind.CLQ, impl + ": refused an offer below capacity");
      long before = -1;
      while (c.received < p.sent && c.received != before) {
        before = c.received;
        consume(c);
      }
    }
    long total = p.sent;
    long expectedSum = total * (total - 1) / 2; // values 0, 1, ..., total - 1
    Checks.require(total > 0 && c.received == total && sink.sum == expectedSum,
        impl + ": received " + c.received + " of " + total + ", sum " + sink.sum + " != " + expectedSum);
    sink.sum = 0;
  }

  /* ---------------- Producer and consumer -------------- */

  /** Offers one message; on a full queue counts {@code offerFailed} and returns. */
  private void produce(ProducerCounters p) {
    final long n = p.next;
    switch (kind) {
      case HOTPATH -> {
        final RingBuffer<Message> ring = hotpath;
        long seq = ring.tryClaim();
        if (seq < 0) {
          p.offerFailed++;
          return;
        }
        Message m = ring.slot(seq);
        m.sequence = n;
        m.value = n;
        ring.publish(seq);
      }
      case DISRUPTOR -> {
        final com.lmax.disruptor.RingBuffer<Message> ring = disruptor;
        long seq;
        try {
          seq = ring.tryNext();
        } catch (InsufficientCapacityException full) { // a preallocated singleton: cheap
          p.offerFailed++;
          return;
        }
        Message m = ring.get(seq);
        m.sequence = n;
        m.value = n;
        ring.publish(seq);
      }
      case JCTOOLS -> {
        Message m = message(p, n);
        if (!jctools.offer(m)) {
          p.offerFailed++;
          return;
        }
        p.pending = null;
      }
      case AGRONA -> {
        Message m = message(p, n);
        if (!agrona.offer(m)) {
          p.offerFailed++;
          return;
        }
        p.pending = null;
      }
      case ABQ, LBQ -> {
        Message m = message(p, n);
        if (!jdk.offer(m)) {
          p.offerFailed++;
          return;
        }
        p.pending = null;
      }
      case CLQ -> {
        if (p.clqBlocked) {
          if (clqSent.get() - clqReceived.get() > capacity) {
            p.offerFailed++;
            return;
          }
          p.clqBlocked = false;
        }
        jdk.offer(message(p, n));
        p.pending = null;
        if (++p.clqUnflushed == CLQ_FLUSH) {
          p.clqUnflushed = 0;
          p.clqBlocked = clqSent.addAndGet(CLQ_FLUSH) - clqReceived.get() > capacity;
        }
      }
    }
    p.next = n + 1;
    p.sent++;
  }

  /**
   * The message for a queue: a new one, or the one the queue refused last time (a producer retries
   * the same message; allocating per attempt would charge failed offers to the queue).
   */
  private static Message message(ProducerCounters p, long n) {
    Message m = p.pending;
    if (m == null) {
      m = new Message(n, n);
      p.pending = m;
    }
    return m;
  }

  /** Takes what is there, up to {@code batch} messages, handing each to {@link #sink}. */
  private void consume(ConsumerCounters c) {
    final Sink sink = this.sink;
    final int limit = batch;
    sink.taken = 0;
    switch (kind) {
      case HOTPATH -> hotpath.drain(sink, limit);
      case DISRUPTOR -> {
        sink.limit = limit;
        try {
          poller.poll(sink);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      case JCTOOLS -> jctools.drain(sink, limit);
      case AGRONA -> agrona.drain(sink, limit);
      case ABQ, LBQ, CLQ -> {
        final Queue<Message> q = jdk;
        for (int i = 0; i < limit; i++) {
          Message m = q.poll();
          if (m == null) {
            break;
          }
          sink.accept(m);
        }
      }
    }
    int taken = sink.taken;
    if (taken == 0) {
      c.pollEmpty++;
      return;
    }
    c.received += taken;
    if (kind == Kind.CLQ) {
      clqReceived.lazySet(clqReceived.get() + taken); // only this thread writes it
    }
  }

  /* ---------------- Benchmarks -------------- */

  /** One producer, one consumer: the producer side. */
  @Benchmark
  @Group("p1c1")
  @GroupThreads(1)
  public void p1c1Produce(ProducerCounters p) {
    produce(p);
  }

  /** One producer, one consumer: the consumer side. */
  @Benchmark
  @Group("p1c1")
  @GroupThreads(1)
  public void p1c1Consume(ConsumerCounters c) {
    consume(c);
  }

  /**
   * One thread, producer and consumer in turn: {@link #BURST} offers, then takes until all have
   * arrived. No second core and no cache line moving between cores: the instruction-path cost of
   * the single-producer variants alone, and a figure that other load on the machine (which starves
   * the 2-thread shapes) affects far less.
   */
  @Benchmark
  @Group("sameThread")
  @GroupThreads(1)
  public void sameThread(ProducerCounters p, ConsumerCounters c) {
    long sent = p.sent;
    for (int i = 0; i < BURST; i++) {
      produce(p);
    }
    long target = c.received + (p.sent - sent);
    while (c.received < target) {
      consume(c);
    }
  }

  /** Two producers, one consumer: the producer side (2 threads). */
  @Benchmark
  @Group("p2c1")
  @GroupThreads(2)
  public void p2c1Produce(ProducerCounters p) {
    produce(p);
  }

  /** Two producers, one consumer: the consumer side. */
  @Benchmark
  @Group("p2c1")
  @GroupThreads(1)
  public void p2c1Consume(ConsumerCounters c) {
    consume(c);
  }
}
