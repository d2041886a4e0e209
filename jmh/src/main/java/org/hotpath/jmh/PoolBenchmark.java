package org.hotpath.jmh;

import static org.hotpath.jmh.Keys.BATCH;

import java.util.concurrent.TimeUnit;
import org.hotpath.pool.ConcurrentObjectPool;
import org.hotpath.pool.ObjectPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: on one thread, what does taking an object from a pool, using it and giving it back
 * cost, in time and bytes, against allocating a new one and letting the GC collect it?
 *
 * <p>Implementations ({@code -p impl=}): {@code pool} (Hotpath {@code ObjectPool}), {@code cpool}
 * (Hotpath {@code ConcurrentObjectPool}, used from one thread: the price of its thread safety
 * without contention), {@code new} ({@code new Payload()}, dropped when done). Both pools hold up to
 * {@link #POOL_CAPACITY} objects and reset a returned one with {@link Payload#clear} (the work a
 * {@code new} gets from zeroed memory).
 *
 * <p>One op: get a {@link Payload} (80 bytes), {@linkplain Payload#fill write all its fields}, put it
 * in a window of {@link #IN_FLIGHT} live objects (a request in flight), and take the one it replaces
 * out of the window, {@linkplain Payload#sum read it} and release it (or drop it). The window makes
 * the object escape, as a real one does (stored, handed on): an object that lives and dies within
 * one method is scalar-replaced by C2 and would show {@code new} at 0 bytes, which a real program
 * rarely gets. {@link Keys#BATCH} ops per invocation, each in a loop typed with the concrete class.
 *
 * <p>Checks: setup verifies a batch's sum for each implementation; a trial teardown verifies that
 * the pools never missed (allocated because empty) or dropped (full) after setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
public class PoolBenchmark {

  /** Live objects outside the pool: a power of two (a mask picks the window slot). */
  static final int IN_FLIGHT = 16;

  /** Pool capacity: room for every object in the window, and more. */
  static final int POOL_CAPACITY = 64;

  /** Implementation under test. */
  @Param({"pool", "cpool", "new"})
  String impl;

  ObjectPool<Payload> pool;
  ConcurrentObjectPool<Payload> cpool;
  final Payload[] window = new Payload[IN_FLIGHT];
  /** The next op's number: ops of successive invocations continue the sequence. */
  long next;
  long missesAfterSetup;
  long dropsAfterSetup;

  @Setup(Level.Trial)
  public void setUp() {
    switch (impl) {
      case "pool" -> pool = new ObjectPool<>(POOL_CAPACITY, Payload::new, Payload::clear);
      case "cpool" -> cpool = new ConcurrentObjectPool<>(POOL_CAPACITY, Payload::new, Payload::clear);
      case "new" -> { }
      default -> throw new IllegalArgumentException("unknown pool implementation: " + impl + " (known: pool, cpool, new)");
    }
    for (int i = 0; i < IN_FLIGHT; i++) {
      Payload p = pool != null ? pool.acquire() : cpool != null ? cpool.acquire() : new Payload();
      p.fill(i - IN_FLIGHT);
      window[i] = p;
    }
    next = 0;
    // A batch of ops n = 0..BATCH-1 reads back what ops n - IN_FLIGHT wrote: sum over n of 8(n - IN_FLIGHT) + 28.
    long expected = 0;
    for (long n = 0; n < BATCH; n++) {
      expected += 8 * (n - IN_FLIGHT) + 28;
    }
    long got = run();
    Checks.require(got == expected, impl + ": batch sum " + got + " != " + expected);
    run(); // a second batch: the pool is in its steady state
    missesAfterSetup = misses();
    dropsAfterSetup = drops();
    ForkJvm.settleHeap();
  }

  @TearDown(Level.Trial)
  public void checkNoMissesOrDrops() {
    Checks.require(misses() == missesAfterSetup && drops() == dropsAfterSetup,
        impl + ": the pool missed " + (misses() - missesAfterSetup) + " and dropped "
            + (drops() - dropsAfterSetup) + " times while measured");
  }

  /** Acquire (or new), fill, park in the window; take the replaced one out, read it, release it. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long acquireUseRelease() {
    return run();
  }

  private long run() {
    long start = next;
    next = start + BATCH;
    return switch (impl) {
      case "pool" -> pooled(pool, window, start);
      case "cpool" -> pooled(cpool, window, start);
      default -> allocating(window, start);
    };
  }

  private static long pooled(ObjectPool<Payload> pool, Payload[] window, long start) {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      long n = start + i;
      Payload p = pool.acquire();
      p.fill(n);
      int slot = (int) n & (IN_FLIGHT - 1);
      Payload old = window[slot];
      window[slot] = p;
      sum += old.sum();
      pool.release(old);
    }
    return sum;
  }

  private static long pooled(ConcurrentObjectPool<Payload> pool, Payload[] window, long start) {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      long n = start + i;
      Payload p = pool.acquire();
      p.fill(n);
      int slot = (int) n & (IN_FLIGHT - 1);
      Payload old = window[slot];
      window[slot] = p;
      sum += old.sum();
      pool.release(old);
    }
    return sum;
  }

  private static long allocating(Payload[] window, long start) {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      long n = start + i;
      Payload p = new Payload();
      p.fill(n);
      int slot = (int) n & (IN_FLIGHT - 1);
      Payload old = window[slot];
      window[slot] = p;
      sum += old.sum();
    }
    return sum;
  }

  private long misses() {
    return pool != null ? pool.misses() : cpool != null ? cpool.misses() : 0;
  }

  private long drops() {
    return pool != null ? pool.drops() : cpool != null ? cpool.drops() : 0;
  }
}
