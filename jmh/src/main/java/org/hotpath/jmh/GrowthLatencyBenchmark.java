package org.hotpath.jmh;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.hotpath.collections.Growth;
import org.hotpath.collections.Int2IntHashMap;
import org.hotpath.collections.Long2ObjectHashMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Question: what does the worst single {@code put} cost while a default-constructed map grows from
 * empty to {@code size} entries, and what does growth cost on average? The latency a service sees
 * at p99.9 when a map it could not presize grows under traffic.
 *
 * <ul>
 *   <li>{@code fillTimed}: one op = a new default-constructed map and {@code size} distinct random
 *       keys put into it, each {@code put} timed alone ({@code System.nanoTime} before and after)
 *       into an HdrHistogram. At the end of each measured iteration the fork prints a line {@code
 *       growth-latency impl=... max=... p999=... p99=... mean=...} (ns), and at the end of the
 *       trial the median of those iterations: these lines are the result, JMH's score (the whole
 *       fill, timer included) only a check.
 *   <li>{@code fill}: the same without the timer: score / size is the mean cost of a growing put.
 * </ul>
 *
 * <p>Every iteration starts from a collected heap (a full GC in the iteration's setup), so that the
 * previous iteration's map is not copied by a young collection during this one; what a fill
 * allocates itself, and the collections that causes, are part of its latency. The same keys for
 * every implementation ({@link Keys#intKeys}, {@link Keys#longKeys}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
public class GrowthLatencyBenchmark {

  /** The largest latency recorded: 10 s, far above any put. */
  private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** The map under test, its keys and the latency histogram. */
  @State(Scope.Thread)
  public static class Data {
    /**
     * {@code int} keys: {@code hotpath} ({@code Int2IntHashMap}, bounded growth), {@code
     * hotpath-one-shot}, {@code jdk} ({@code HashMap<Integer, Integer>}), {@code fastutil}
     * ({@code Int2IntOpenHashMap}); {@code long} keys and object values: the same names with a
     * {@code long-} prefix ({@code Long2ObjectHashMap}, {@code HashMap<Long, Object>}, {@code
     * Long2ObjectOpenHashMap}).
     */
    @Param({"hotpath", "hotpath-one-shot", "jdk", "fastutil", "long-hotpath",
        "long-hotpath-one-shot", "long-jdk", "long-fastutil"})
    public String impl;

    /** Entries the map grows to. */
    @Param({"4194304"})
    public int size;

    int[] intKeys;
    long[] longKeys;
    final Histogram histogram = new Histogram(1, MAX_NANOS, 3);
    boolean measured;
    double[] maxima = new double[0];
    double[] p999s = new double[0];
    double[] p99s = new double[0];
    double[] means = new double[0];

    /** Makes the keys once. */
    @Setup(Level.Trial)
    public void setUp() {
      intKeys = Keys.intKeys(size);
      longKeys = Keys.longKeys(size);
      ForkJvm.settleHeap();
    }

    /** Empties the histogram and the heap before every iteration. */
    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
      histogram.reset();
      measured = params.getType() == IterationType.MEASUREMENT;
      System.gc();
    }

    /** Prints the iteration's latencies, if it was measured and timed. */
    @TearDown(Level.Iteration)
    public void endIteration() {
      if (!measured || histogram.getTotalCount() == 0) {
        return;
      }
      maxima = append(maxima, histogram.getMaxValue());
      p999s = append(p999s, histogram.getValueAtPercentile(99.9));
      p99s = append(p99s, histogram.getValueAtPercentile(99));
      means = append(means, histogram.getMean());
      System.out.println(line("growth-latency", histogram.getMaxValue(),
          histogram.getValueAtPercentile(99.9), histogram.getValueAtPercentile(99), histogram.getMean()));
    }

    /** Prints the medians over the measured iterations. */
    @TearDown(Level.Trial)
    public void endTrial() {
      if (maxima.length > 0) {
        System.out.println(line("growth-latency-median", median(maxima), median(p999s), median(p99s),
            median(means)) + String.format(Locale.ROOT, " worst=%.0f iterations=%d",
            Arrays.stream(maxima).max().orElse(0), maxima.length));
      }
    }

    private String line(String label, double max, double p999, double p99, double mean) {
      return String.format(Locale.ROOT, "%s impl=%s size=%d max=%.0f p999=%.0f p99=%.0f mean=%.1f",
          label, impl, size, max, p999, p99, mean);
    }

    private static double[] append(double[] a, double x) {
      double[] b = Arrays.copyOf(a, a.length + 1);
      b[a.length] = x;
      return b;
    }

    private static double median(double[] a) {
      double[] s = a.clone();
      Arrays.sort(s);
      return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
  }

  /** A stored object value for the object maps: one instance, so that no put allocates it. */
  private static final Object VALUE = new Object();

  @Benchmark
  public Object fillTimed(Data d) {
    final Histogram h = d.histogram;
    final int[] ik = d.intKeys;
    final long[] lk = d.longKeys;
    switch (d.impl) {
      case "hotpath", "hotpath-one-shot" -> {
        Int2IntHashMap m = d.impl.equals("hotpath") ? new Int2IntHashMap()
            : new Int2IntHashMap(8, 0.8f, 0, Growth.ONE_SHOT);
        for (int key : ik) {
          long t0 = System.nanoTime();
          m.put(key, key);
          h.recordValue(System.nanoTime() - t0);
        }
        return m;
      }
      case "jdk" -> {
        HashMap<Integer, Integer> m = new HashMap<>();
        for (int key : ik) {
          long t0 = System.nanoTime();
          m.put(key, key);
          h.recordValue(System.nanoTime() - t0);
        }
        return m;
      }
      case "fastutil" -> {
        Int2IntOpenHashMap m = new Int2IntOpenHashMap();
        for (int key : ik) {
          long t0 = System.nanoTime();
          m.put(key, key);
          h.recordValue(System.nanoTime() - t0);
        }
        return m;
      }
      case "long-hotpath", "long-hotpath-one-shot" -> {
        Long2ObjectHashMap<Object> m = d.impl.equals("long-hotpath") ? new Long2ObjectHashMap<>()
            : new Long2ObjectHashMap<>(8, 0.8f, Growth.ONE_SHOT);
        for (long key : lk) {
          long t0 = System.nanoTime();
          m.put(key, VALUE);
          h.recordValue(System.nanoTime() - t0);
        }
        return m;
      }
      case "long-jdk" -> {
        HashMap<Long, Object> m = new HashMap<>();
        for (long key : lk) {
          long t0 = System.nanoTime();
          m.put(key, VALUE);
          h.recordValue(System.nanoTime() - t0);
        }
        return m;
      }
      case "long-fastutil" -> {
        Long2ObjectOpenHashMap<Object> m = new Long2ObjectOpenHashMap<>();
        for (long key : lk) {
          long t0 = System.nanoTime();
          m.put(key, VALUE);
          h.recordValue(System.nanoTime() - t0);
        }
        return m;
      }
      default -> throw new IllegalArgumentException("unknown impl " + d.impl);
    }
  }

  @Benchmark
  public Object fill(Data d) {
    final int[] ik = d.intKeys;
    final long[] lk = d.longKeys;
    switch (d.impl) {
      case "hotpath", "hotpath-one-shot" -> {
        Int2IntHashMap m = d.impl.equals("hotpath") ? new Int2IntHashMap()
            : new Int2IntHashMap(8, 0.8f, 0, Growth.ONE_SHOT);
        for (int key : ik) {
          m.put(key, key);
        }
        return m;
      }
      case "jdk" -> {
        HashMap<Integer, Integer> m = new HashMap<>();
        for (int key : ik) {
          m.put(key, key);
        }
        return m;
      }
      case "fastutil" -> {
        Int2IntOpenHashMap m = new Int2IntOpenHashMap();
        for (int key : ik) {
          m.put(key, key);
        }
        return m;
      }
      case "long-hotpath", "long-hotpath-one-shot" -> {
        Long2ObjectHashMap<Object> m = d.impl.equals("long-hotpath") ? new Long2ObjectHashMap<>()
            : new Long2ObjectHashMap<>(8, 0.8f, Growth.ONE_SHOT);
        for (long key : lk) {
          m.put(key, VALUE);
        }
        return m;
      }
      case "long-jdk" -> {
        HashMap<Long, Object> m = new HashMap<>();
        for (long key : lk) {
          m.put(key, VALUE);
        }
        return m;
      }
      case "long-fastutil" -> {
        Long2ObjectOpenHashMap<Object> m = new Long2ObjectOpenHashMap<>();
        for (long key : lk) {
          m.put(key, VALUE);
        }
        return m;
      }
      default -> throw new IllegalArgumentException("unknown impl " + d.impl);
    }
  }
}
