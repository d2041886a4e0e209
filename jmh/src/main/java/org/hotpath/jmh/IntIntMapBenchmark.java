package org.hotpath.jmh;

import static org.hotpath.jmh.Keys.BATCH;

import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.collections.api.block.procedure.primitive.IntIntProcedure;
import org.hotpath.collections.Int2IntHashMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does one {@code int -> int} map operation cost, in time and in allocated bytes,
 * for Hotpath against {@code HashMap<Integer, Integer>} and the primitive-map peers, at sizes that
 * fit L1/L2, L3 and only DRAM?
 *
 * <p>Operations (time is per single map operation unless noted):
 * <ul>
 *   <li>{@code getHit} / {@code getMiss}: random lookups of present / absent keys in a full,
 *       presized map; keys come from a precomputed shuffled stream ({@link Keys}).
 *   <li>{@code putPresized}: insert new keys into a map presized for {@code size}; the map is
 *       cleared (outside the timing) whenever it is full, so puts see every load from 0 to full.
 *   <li>{@code putGrowing}: the same into a default-constructed map that grows to {@code size};
 *       resizes are amortized into the per-put figure; a fresh map replaces it when full.
 *   <li>{@code refill}: {@code clear()} and refill of a presized map with new keys, the clear
 *       inside the timing, amortized over the puts.
 *   <li>{@code churn}: remove the oldest key and insert a key never inserted before (one op =
 *       both), in a full map: a cache or a session table.
 *   <li>{@code iterate}: one op = a full iteration summing keys and values, each library's
 *       allocation-free way (Hotpath cursor, fastutil fast iterator, Agrona's cached iterator, HPPC
 *       cursor loop, Eclipse {@code forEachKeyValue}, JDK {@code entrySet()}); divide by size for
 *       per-entry cost (jmh/bench does).
 * </ul>
 *
 * <p>Dispatch: each benchmark method switches once per invocation on the implementation and calls a
 * static loop written against the <em>concrete</em> map class, so every call in the hot loop is
 * monomorphic and inlinable, exactly as in user code. The alternative, an adapter interface, puts
 * every implementation behind one call site: with one fork per parameter set it would usually stay
 * monomorphic, but only by luck of fork isolation ({@code -f 0} makes it megamorphic) and it adds a
 * frame per operation that users do not pay. The switch costs one perfectly predicted branch per
 * {@link Keys#BATCH} operations. Each state holds one field per map type; exactly one is non-null.
 *
 * <p>JDK maps box: {@code get(int)} boxes its argument ({@code Integer.valueOf}), which allocates
 * outside the small-integer cache unless escape analysis removes it; that is the real cost of
 * using {@code HashMap} from primitive code and it shows in {@code gc.alloc.rate.norm}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
public class IntIntMapBenchmark {

  /* ---------------- Parameters and keys ---------------- */

  /** Parameters and the key set; the other states take it as a dependency. */
  @State(Scope.Thread)
  public static class Data {
    /** Implementation under test. */
    @Param({"hotpath", "jdk", "fastutil", "agrona", "hppc", "eclipse"})
    public String impl;

    /** Number of entries; {@code -p size=10000000} also fits the 4 GB fork heap. */
    @Param({"1000", "100000", "1000000", "10000000"})
    public int size;

    Impl which;
    /** The {@code size} keys in insertion order. */
    int[] keys;

    /** Builds the key set. */
    @Setup(Level.Trial)
    public void setUp() {
      which = Impl.of(impl);
      if (size < BATCH) {
        throw new IllegalArgumentException("size must be >= " + BATCH + ": " + size);
      }
      keys = Keys.intKeys(size);
    }
  }

  /** One map per implementation type; exactly one is non-null. */
  abstract static class Maps {
    Impl which;
    Int2IntHashMap hotpath;
    HashMap<Integer, Integer> jdk;
    Int2IntOpenHashMap fastutil;
    org.agrona.collections.Int2IntHashMap agrona;
    com.carrotsearch.hppc.IntIntHashMap hppc;
    org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap eclipse;

    /** Replaces the map with a new one presized for {@code expected} entries, or default if < 0. */
    final void create(Impl impl, int expected) {
      which = impl;
      boolean dflt = expected < 0;
      switch (impl) {
        case HOTPATH -> hotpath = dflt ? new Int2IntHashMap() : new Int2IntHashMap(expected);
        case JDK -> jdk = dflt ? new HashMap<>() : new HashMap<>(Impl.jdkCapacity(expected));
        case FASTUTIL -> fastutil = dflt ? new Int2IntOpenHashMap() : new Int2IntOpenHashMap(expected);
        case AGRONA -> agrona = new org.agrona.collections.Int2IntHashMap(
            dflt ? Impl.AGRONA_DEFAULT_CAPACITY : Impl.agronaCapacity(expected),
            Impl.AGRONA_LOAD_FACTOR, Impl.AGRONA_MISSING_VALUE);
        case HPPC -> hppc = dflt ? new com.carrotsearch.hppc.IntIntHashMap()
            : new com.carrotsearch.hppc.IntIntHashMap(expected);
        case ECLIPSE -> eclipse = dflt ? new org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap()
            : new org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap(expected);
      }
    }

    final int size() {
      return switch (which) {
        case HOTPATH -> hotpath.size();
        case JDK -> jdk.size();
        case FASTUTIL -> fastutil.size();
        case AGRONA -> agrona.size();
        case HPPC -> hppc.size();
        case ECLIPSE -> eclipse.size();
      };
    }

    final void clear() {
      switch (which) {
        case HOTPATH -> hotpath.clear();
        case JDK -> jdk.clear();
        case FASTUTIL -> fastutil.clear();
        case AGRONA -> agrona.clear();
        case HPPC -> hppc.clear();
        case ECLIPSE -> eclipse.clear();
      }
    }

    /** Puts one key (setup code; not timed). */
    final void putOne(int k) {
      int v = Keys.intValue(k);
      switch (which) {
        case HOTPATH -> hotpath.put(k, v);
        case JDK -> jdk.put(k, v);
        case FASTUTIL -> fastutil.put(k, v);
        case AGRONA -> agrona.put(k, v);
        case HPPC -> hppc.put(k, v);
        case ECLIPSE -> eclipse.put(k, v);
      }
    }

    /** The map itself, whichever it is. */
    final Object map() {
      return switch (which) {
        case HOTPATH -> hotpath;
        case JDK -> jdk;
        case FASTUTIL -> fastutil;
        case AGRONA -> agrona;
        case HPPC -> hppc;
        case ECLIPSE -> eclipse;
      };
    }

    /** Puts {@code keys[from .. from+BATCH)}; returns the size, for the caller to consume. */
    final int putBatch(int[] keys, int from) {
      return switch (which) {
        case HOTPATH -> put(hotpath, keys, from);
        case JDK -> put(jdk, keys, from);
        case FASTUTIL -> put(fastutil, keys, from);
        case AGRONA -> put(agrona, keys, from);
        case HPPC -> put(hppc, keys, from);
        case ECLIPSE -> put(eclipse, keys, from);
      };
    }
  }

  /** A full map presized for {@code size}, for lookups, churn and iteration. */
  @State(Scope.Thread)
  public static class Full extends Maps {
    int[] hits;
    int[] misses;
    int mask;
    int pos;
    Int2IntHashMap.Cursor cursor;
    final EclipseSum eclipseSum = new EclipseSum();

    /** Builds the map from the shared keys and checks it. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      create(d.which, d.size);
      int capacityBefore = which == Impl.HOTPATH ? hotpath.capacity() : 0;
      for (int k : d.keys) {
        putOne(k);
      }
      hits = Keys.intHitStream(d.size);
      misses = Keys.intMissStream(d.size);
      mask = hits.length - 1;
      if (which == Impl.HOTPATH) {
        cursor = hotpath.newCursor();
        if (hotpath.capacity() != capacityBefore) {
          System.err.printf("WARNING: hotpath Int2IntHashMap(%d) resized while filling: capacity %d -> %d%n",
              d.size, capacityBefore, hotpath.capacity());
        }
      }
      Checks.require(size() == d.size, "size " + size() + " != " + d.size);
      for (int i = 0; i < 64; i++) {
        int k = hits[i];
        Checks.require(get(k) == Keys.intValue(k), "wrong value for key " + k);
        Checks.require(get(misses[i]) == missing(), "found absent key " + misses[i]);
      }
      ForkJvm.settleHeap();
    }

    /** Start of the next batch in the key streams. */
    final int advance() {
      int p = pos;
      pos = p + BATCH;
      return p;
    }

    private int missing() {
      return which == Impl.AGRONA ? Impl.AGRONA_MISSING_VALUE : 0;
    }

    private int get(int k) {
      return switch (which) {
        case HOTPATH -> hotpath.get(k);
        case JDK -> jdk.getOrDefault(k, 0);
        case FASTUTIL -> fastutil.get(k);
        case AGRONA -> agrona.get(k);
        case HPPC -> hppc.get(k);
        case ECLIPSE -> eclipse.get(k);
      };
    }
  }

  /** A map presized for {@code size}, filled BATCH keys per invocation, cleared when full. */
  @State(Scope.Thread)
  public static class PresizedFill extends Refill {
    /** Outside the timing: clear the map once the next batch would exceed {@code size}. */
    @Setup(Level.Invocation)
    public void rewind() {
      if (fill.nextRoundIfFull()) {
        clear();
      }
    }
  }

  /** A default-constructed map, filled BATCH keys per invocation, replaced by a new one when full. */
  @State(Scope.Thread)
  public static class GrowingFill extends Maps {
    /** {@link Keys#fillRounds} disjoint key sets of {@code size} keys, back to back. */
    int[] keys;
    FillRounds fill;
    Impl impl;

    /** Records the parameters; the first {@link #rewind()} creates the map. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      impl = d.which;
      keys = Keys.intKeys(FillRounds.keyCount(d.size));
      fill = new FillRounds(d.size, true);
      ForkJvm.settleHeap();
    }

    /** Outside the timing: start a new default-constructed map once this one holds {@code size}. */
    @Setup(Level.Invocation)
    public void rewind() {
      if (fill.nextRoundIfFull()) {
        create(impl, -1);
      }
    }
  }

  /**
   * A full map under churn: every operation removes the oldest key and inserts a key never seen
   * before. {@code ring} holds the live keys oldest first; fresh keys come from a stream at least
   * twice the size, so a key comes back only long after it was removed.
   */
  @State(Scope.Thread)
  public static class Churning extends Full {
    int[] ring;
    int ringPos;
    int[] fresh;
    int freshPos;
    int freshMask;

    /** Builds the ring and the fresh-key stream (after Full's setup built the map). */
    @Setup(Level.Trial)
    public void setUpChurn(Data d) {
      ring = d.keys.clone();
      fresh = new int[Math.max(1 << 16, Integer.highestOneBit(d.size) << 2)];
      for (int i = 0; i < fresh.length; i++) {
        fresh[i] = Keys.intKey(d.size + i);
      }
      freshMask = fresh.length - 1;
      ForkJvm.settleHeap();
    }
  }

  /** A presized map filled BATCH keys per invocation and cleared, inside the timing, when full. */
  @State(Scope.Thread)
  public static class Refill extends Maps {
    /** {@link Keys#fillRounds} disjoint key sets of {@code size} keys, back to back. */
    int[] keys;
    FillRounds fill;

    /** Creates the presized map. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      create(d.which, d.size);
      keys = Keys.intKeys(FillRounds.keyCount(d.size));
      fill = new FillRounds(d.size, false);
      ForkJvm.settleHeap();
    }
  }

  /* ---------------- Benchmarks ---------------- */

  /** Random lookup of a present key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int getHit(Full s) {
    return lookups(s, s.hits);
  }

  /** Random lookup of an absent key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int getMiss(Full s) {
    return lookups(s, s.misses);
  }

  /** Put of a new key into a presized map. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int putPresized(PresizedFill s) {
    return s.putBatch(s.keys, s.fill.nextBatch());
  }

  /** Put of a new key into a map grown from its default capacity (resizes amortized). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int putGrowing(GrowingFill s) {
    return s.putBatch(s.keys, s.fill.nextBatch());
  }

  /** {@code clear()} and refill of a presized map: puts of new keys, the clear amortized over them. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int refill(Refill s) {
    if (s.fill.nextRoundIfFull()) {
      s.clear();
    }
    return s.putBatch(s.keys, s.fill.nextBatch());
  }

  /** Remove the oldest key and insert a new one (one op = both): a cache or a session table. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int churn(Churning s) {
    int ring = s.ringPos;
    int fresh = s.freshPos;
    s.ringPos = (ring + BATCH) % s.ring.length;
    s.freshPos = fresh + BATCH;
    return switch (s.which) {
      case HOTPATH -> churn(s.hotpath, s.ring, ring, s.fresh, fresh, s.freshMask);
      case JDK -> churn(s.jdk, s.ring, ring, s.fresh, fresh, s.freshMask);
      case FASTUTIL -> churn(s.fastutil, s.ring, ring, s.fresh, fresh, s.freshMask);
      case AGRONA -> churn(s.agrona, s.ring, ring, s.fresh, fresh, s.freshMask);
      case HPPC -> churn(s.hppc, s.ring, ring, s.fresh, fresh, s.freshMask);
      case ECLIPSE -> churn(s.eclipse, s.ring, ring, s.fresh, fresh, s.freshMask);
    };
  }

  /** One full iteration over the map, summing keys and values. */
  @Benchmark
  public int iterate(Full s) {
    return switch (s.which) {
      case HOTPATH -> iterate(s.cursor);
      case JDK -> iterate(s.jdk);
      case FASTUTIL -> iterate(s.fastutil);
      case AGRONA -> iterate(s.agrona);
      case HPPC -> iterate(s.hppc);
      case ECLIPSE -> iterate(s.eclipse, s.eclipseSum);
    };
  }

  private static int lookups(Full s, int[] keys) {
    int from = s.advance();
    int mask = s.mask;
    return switch (s.which) {
      case HOTPATH -> get(s.hotpath, keys, from, mask);
      case JDK -> get(s.jdk, keys, from, mask);
      case FASTUTIL -> get(s.fastutil, keys, from, mask);
      case AGRONA -> get(s.agrona, keys, from, mask);
      case HPPC -> get(s.hppc, keys, from, mask);
      case ECLIPSE -> get(s.eclipse, keys, from, mask);
    };
  }

  /* ---------------- Monomorphic loops: get ---------------- */

  private static int get(Int2IntHashMap m, int[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]);
    }
    return sum;
  }

  private static int get(HashMap<Integer, Integer> m, int[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      Integer v = m.get(keys[(from + i) & mask]);
      if (v != null) {
        sum += v;
      }
    }
    return sum;
  }

  private static int get(Int2IntOpenHashMap m, int[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]);
    }
    return sum;
  }

  private static int get(org.agrona.collections.Int2IntHashMap m, int[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]);
    }
    return sum;
  }

  private static int get(com.carrotsearch.hppc.IntIntHashMap m, int[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]);
    }
    return sum;
  }

  private static int get(org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap m,
      int[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]);
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: put ---------------- */

  static int put(Int2IntHashMap m, int[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      int k = keys[i];
      m.put(k, Keys.intValue(k));
    }
    return m.size();
  }

  static int put(HashMap<Integer, Integer> m, int[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      int k = keys[i];
      m.put(k, Keys.intValue(k));
    }
    return m.size();
  }

  static int put(Int2IntOpenHashMap m, int[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      int k = keys[i];
      m.put(k, Keys.intValue(k));
    }
    return m.size();
  }

  static int put(org.agrona.collections.Int2IntHashMap m, int[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      int k = keys[i];
      m.put(k, Keys.intValue(k));
    }
    return m.size();
  }

  static int put(com.carrotsearch.hppc.IntIntHashMap m, int[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      int k = keys[i];
      m.put(k, Keys.intValue(k));
    }
    return m.size();
  }

  static int put(org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap m, int[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      int k = keys[i];
      m.put(k, Keys.intValue(k));
    }
    return m.size();
  }

  /* ---------------- Monomorphic loops: churn ---------------- */

  private static int churn(Int2IntHashMap m, int[] ring, int ringFrom, int[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      int k = fresh[(freshFrom + i) & freshMask];
      int old = ring[r];
      sum += m.remove(old);
      m.put(k, Keys.intValue(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(HashMap<Integer, Integer> m, int[] ring, int ringFrom, int[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      int k = fresh[(freshFrom + i) & freshMask];
      int old = ring[r];
      Integer v = m.remove(old);
      if (v != null) {
        sum += v;
      }
      m.put(k, Keys.intValue(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(Int2IntOpenHashMap m, int[] ring, int ringFrom, int[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      int k = fresh[(freshFrom + i) & freshMask];
      int old = ring[r];
      sum += m.remove(old);
      m.put(k, Keys.intValue(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(org.agrona.collections.Int2IntHashMap m, int[] ring, int ringFrom, int[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      int k = fresh[(freshFrom + i) & freshMask];
      int old = ring[r];
      sum += m.remove(old);
      m.put(k, Keys.intValue(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(com.carrotsearch.hppc.IntIntHashMap m, int[] ring, int ringFrom, int[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      int k = fresh[(freshFrom + i) & freshMask];
      int old = ring[r];
      sum += m.remove(old);
      m.put(k, Keys.intValue(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap m,
      int[] ring, int ringFrom, int[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      int k = fresh[(freshFrom + i) & freshMask];
      int old = ring[r];
      sum += m.removeKeyIfAbsent(old, 0); // Eclipse's remove(int) is void; this one returns the value
      m.put(k, Keys.intValue(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: iteration ---------------- */

  private static int iterate(Int2IntHashMap.Cursor c) {
    int sum = 0;
    c.reset();
    while (c.next()) {
      sum += c.key() + c.value();
    }
    return sum;
  }

  private static int iterate(HashMap<Integer, Integer> m) {
    int sum = 0;
    for (Map.Entry<Integer, Integer> e : m.entrySet()) {
      sum += e.getKey() + e.getValue();
    }
    return sum;
  }

  private static int iterate(Int2IntOpenHashMap m) {
    int sum = 0;
    ObjectIterator<Int2IntMap.Entry> it = m.int2IntEntrySet().fastIterator(); // reuses one entry
    while (it.hasNext()) {
      Int2IntMap.Entry e = it.next();
      sum += e.getIntKey() + e.getIntValue();
    }
    return sum;
  }

  private static int iterate(org.agrona.collections.Int2IntHashMap m) {
    int sum = 0;
    org.agrona.collections.Int2IntHashMap.EntryIterator it = m.entrySet().iterator(); // cached
    while (it.hasNext()) {
      it.next();
      sum += it.getIntKey() + it.getIntValue();
    }
    return sum;
  }

  private static int iterate(com.carrotsearch.hppc.IntIntHashMap m) {
    int sum = 0;
    for (com.carrotsearch.hppc.cursors.IntIntCursor c : m) {
      sum += c.key + c.value;
    }
    return sum;
  }

  private static int iterate(org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap m, EclipseSum acc) {
    acc.sum = 0;
    m.forEachKeyValue(acc);
    return acc.sum;
  }

  /** Reusable, non-capturing accumulator for Eclipse's internal iteration. */
  static final class EclipseSum implements IntIntProcedure {
    private static final long serialVersionUID = 1L;
    int sum;

    @Override
    public void value(int key, int value) {
      sum += key + value;
    }
  }
}
