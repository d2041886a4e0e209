package org.hotpath.jmh;

import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.hotpath.collections.Int2IntHashMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: does a map degrade when it is filled in another map's iteration order (the "copy
 * problem")?
 *
 * <p>Inserting the keys of a large table, in that table's slot order, into a smaller or growing
 * table with the same hash function fills the small table's slots in order, one region at a time,
 * and linear probing then builds huge clusters. HPPC-80 ("practical deadlock") and fastutil issue
 * #53 (36x more probes) are this problem. Here a {@code size}-entry map is built once; each
 * measurement inserts all of its keys into a new default-constructed map ({@code new X()}) either in
 * the source's own iteration order or in a random order. Same keys, same code path: only the order
 * differs, so {@code copyIterationOrder / copyRandomOrder} is the degradation factor.
 *
 * <p>How bad it gets depends on how full the <em>source</em> table is, i.e. on where {@code size}
 * falls between powers of two: the slot-ordered stream overlaps itself in the target only when the
 * source is dense. Measured here: at 2M entries the default-grown sources of fastutil, Agrona and
 * HPPC are 48% full (2^22 slots) and nobody degrades much; at 1.3M they are 62% full (2^21 slots) and
 * fastutil took ~100x and Agrona ~6x longer than in random order. Hence two default sizes: 2M
 * (the classic figure) and 1.3M (a dense source). One measurement is one full copy
 * ({@code SingleShotTime}); divide by {@code size} for per-key cost (jmh/bench does).
 *
 * <p>Bounding the run: a degrading copy costs up to ~5 us per key (~6 s per 1.3M copy), so keep
 * iterations few; for a quick look use the same fill levels at a quarter of the size:
 * {@code -p size=325000,500000}. {@code jdk} (chaining: immune) and {@code eclipse} are supported
 * but not in the default list.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
@State(Scope.Thread)
public class CopyProblemBenchmark {

  /** Implementation under test (source and target are of the same kind). */
  @Param({"hotpath", "fastutil", "agrona", "hppc"})
  public String impl;

  /** Entries in the source map (see the class comment for why two sizes); bounds each measurement. */
  @Param({"1300000", "2000000"})
  public int size;

  private Impl which;
  /** The source's keys in its own iteration order. */
  private int[] iterationOrder;
  /** The same keys in a random order. */
  private int[] randomOrder;

  /** Builds the source map (default-constructed, grown) and records both key orders. */
  @Setup(Level.Trial)
  public void setUp() {
    which = Impl.of(impl);
    randomOrder = Keys.intKeys(size);
    iterationOrder = switch (which) {
      case HOTPATH -> order(copy(new Int2IntHashMap(), randomOrder));
      case FASTUTIL -> order(copy(new Int2IntOpenHashMap(), randomOrder));
      case AGRONA -> order(copy(newAgrona(), randomOrder));
      case HPPC -> order(copy(new com.carrotsearch.hppc.IntIntHashMap(), randomOrder));
      case ECLIPSE -> order(copy(new org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap(), randomOrder));
      case JDK -> order(copy(new HashMap<>(), randomOrder));
    };
    int[] a = iterationOrder.clone();
    int[] b = randomOrder.clone();
    java.util.Arrays.sort(a);
    java.util.Arrays.sort(b);
    Checks.require(java.util.Arrays.equals(a, b), "iteration did not return every key exactly once");
    ForkJvm.settleHeap();
  }

  /** Fill a new default-constructed map in the source map's iteration order. */
  @Benchmark
  public int copyIterationOrder() {
    return fill(iterationOrder);
  }

  /** Fill a new default-constructed map with the same keys in random order. */
  @Benchmark
  public int copyRandomOrder() {
    return fill(randomOrder);
  }

  private int fill(int[] keys) {
    return switch (which) {
      case HOTPATH -> copy(new Int2IntHashMap(), keys).size();
      case FASTUTIL -> copy(new Int2IntOpenHashMap(), keys).size();
      case AGRONA -> copy(newAgrona(), keys).size();
      case HPPC -> copy(new com.carrotsearch.hppc.IntIntHashMap(), keys).size();
      case ECLIPSE -> copy(new org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap(), keys).size();
      case JDK -> copy(new HashMap<>(), keys).size();
    };
  }

  private static org.agrona.collections.Int2IntHashMap newAgrona() {
    return new org.agrona.collections.Int2IntHashMap(Impl.AGRONA_MISSING_VALUE);
  }

  /* ---------------- Monomorphic loops ---------------- */

  private static Int2IntHashMap copy(Int2IntHashMap m, int[] keys) {
    for (int k : keys) {
      m.put(k, Keys.intValue(k));
    }
    return m;
  }

  private static Int2IntOpenHashMap copy(Int2IntOpenHashMap m, int[] keys) {
    for (int k : keys) {
      m.put(k, Keys.intValue(k));
    }
    return m;
  }

  private static org.agrona.collections.Int2IntHashMap copy(org.agrona.collections.Int2IntHashMap m, int[] keys) {
    for (int k : keys) {
      m.put(k, Keys.intValue(k));
    }
    return m;
  }

  private static com.carrotsearch.hppc.IntIntHashMap copy(com.carrotsearch.hppc.IntIntHashMap m, int[] keys) {
    for (int k : keys) {
      m.put(k, Keys.intValue(k));
    }
    return m;
  }

  private static org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap copy(
      org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap m, int[] keys) {
    for (int k : keys) {
      m.put(k, Keys.intValue(k));
    }
    return m;
  }

  private static HashMap<Integer, Integer> copy(HashMap<Integer, Integer> m, int[] keys) {
    for (int k : keys) {
      m.put(k, Keys.intValue(k));
    }
    return m;
  }

  /* ---------------- Iteration order of a source map ---------------- */

  private static int[] order(Int2IntHashMap m) {
    int[] keys = new int[m.size()];
    int n = 0;
    Int2IntHashMap.Cursor c = m.newCursor();
    c.reset();
    while (c.next()) {
      keys[n++] = c.key();
    }
    return keys;
  }

  private static int[] order(Int2IntOpenHashMap m) {
    int[] keys = new int[m.size()];
    int n = 0;
    ObjectIterator<Int2IntMap.Entry> it = m.int2IntEntrySet().fastIterator();
    while (it.hasNext()) {
      keys[n++] = it.next().getIntKey();
    }
    return keys;
  }

  private static int[] order(org.agrona.collections.Int2IntHashMap m) {
    int[] keys = new int[m.size()];
    int n = 0;
    org.agrona.collections.Int2IntHashMap.EntryIterator it = m.entrySet().iterator();
    while (it.hasNext()) {
      it.next();
      keys[n++] = it.getIntKey();
    }
    return keys;
  }

  private static int[] order(com.carrotsearch.hppc.IntIntHashMap m) {
    int[] keys = new int[m.size()];
    int n = 0;
    for (com.carrotsearch.hppc.cursors.IntIntCursor c : m) {
      keys[n++] = c.key;
    }
    return keys;
  }

  private static int[] order(org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap m) {
    int[] keys = new int[m.size()];
    int[] n = {0};
    m.forEachKey(k -> keys[n[0]++] = k);
    return keys;
  }

  private static int[] order(HashMap<Integer, Integer> m) {
    int[] keys = new int[m.size()];
    int n = 0;
    for (int k : m.keySet()) {
      keys[n++] = k;
    }
    return keys;
  }
}
