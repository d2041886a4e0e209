package org.hotpath.jmh;

import static org.hotpath.jmh.Keys.BATCH;

import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectIterator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.collections.api.block.procedure.primitive.LongObjectProcedure;
import org.hotpath.collections.Long2ObjectHashMap;
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
 * Question: what does one {@code long -> Object} map operation cost, in time and in allocated
 * bytes, for Hotpath against {@code HashMap<Long, V>} and the primitive-keyed peers, at sizes that
 * fit L1/L2, L3 and only DRAM?
 *
 * <p>Same operations, key streams and dispatch design as {@link IntIntMapBenchmark} (read its class
 * comment): a switch per invocation of {@link Keys#BATCH} operations selects a static loop written
 * against the concrete map class, so the hot loop is monomorphic. Values come from a small shared
 * pool ({@link Value}); lookups read the value's field, as a user would.
 *
 * <p>GC barriers dominate object-valued writes at scale. Under G1 (the default collector) every
 * reference store into a large {@code Object[]} that crosses heap regions dirties a card and queues
 * it for refinement; random puts into a 1M-entry table then cost ~250 ns for every implementation
 * (measured: hotpath and fastutil {@code putPresized} at 1M, 240-290 ns under G1, 35 ns under
 * Parallel GC). That is what a G1 user pays, so it stays the default; to compare the maps' own
 * work, add {@code -jvmArgsAppend "-Xms4g -Xmx4g -Xmn512m -XX:+UseParallelGC"} (it replaces the fork's
 * {@link ForkJvm} flags, hence the heap flags).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
public class LongObjectMapBenchmark {

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
    long[] keys;

    /** Builds the key set. */
    @Setup(Level.Trial)
    public void setUp() {
      which = Impl.of(impl);
      if (size < BATCH) {
        throw new IllegalArgumentException("size must be >= " + BATCH + ": " + size);
      }
      keys = Keys.longKeys(size);
    }
  }

  /** One map per implementation type; exactly one is non-null. */
  abstract static class Maps {
    Impl which;
    Long2ObjectHashMap<Value> hotpath;
    HashMap<Long, Value> jdk;
    Long2ObjectOpenHashMap<Value> fastutil;
    org.agrona.collections.Long2ObjectHashMap<Value> agrona;
    com.carrotsearch.hppc.LongObjectHashMap<Value> hppc;
    org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap<Value> eclipse;

    /** Replaces the map with a new one presized for {@code expected} entries, or default if < 0. */
    final void create(Impl impl, int expected) {
      which = impl;
      boolean dflt = expected < 0;
      switch (impl) {
        case HOTPATH -> hotpath = dflt ? new Long2ObjectHashMap<>() : new Long2ObjectHashMap<>(expected);
        case JDK -> jdk = dflt ? new HashMap<>() : new HashMap<>(Impl.jdkCapacity(expected));
        case FASTUTIL -> fastutil = dflt ? new Long2ObjectOpenHashMap<>() : new Long2ObjectOpenHashMap<>(expected);
        case AGRONA -> agrona = dflt ? new org.agrona.collections.Long2ObjectHashMap<>()
            : new org.agrona.collections.Long2ObjectHashMap<>(Impl.agronaCapacity(expected), Impl.AGRONA_LOAD_FACTOR);
        case HPPC -> hppc = dflt ? new com.carrotsearch.hppc.LongObjectHashMap<>()
            : new com.carrotsearch.hppc.LongObjectHashMap<>(expected);
        case ECLIPSE -> eclipse = dflt ? new org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap<>()
            : new org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap<>(expected);
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
    final void putOne(long k) {
      Value v = Value.of(k);
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
    final int putBatch(long[] keys, int from) {
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
    long[] hits;
    long[] misses;
    int mask;
    int pos;
    Long2ObjectHashMap<Value>.Cursor cursor;
    final EclipseSum eclipseSum = new EclipseSum();

    /** Builds the map from the shared keys and checks it. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      create(d.which, d.size);
      int capacityBefore = which == Impl.HOTPATH ? hotpath.capacity() : 0;
      for (long k : d.keys) {
        putOne(k);
      }
      hits = Keys.longHitStream(d.size);
      misses = Keys.longMissStream(d.size);
      mask = hits.length - 1;
      if (which == Impl.HOTPATH) {
        cursor = hotpath.newCursor();
        if (hotpath.capacity() != capacityBefore) {
          System.err.printf("WARNING: hotpath Long2ObjectHashMap(%d) resized while filling: capacity %d -> %d%n",
              d.size, capacityBefore, hotpath.capacity());
        }
      }
      Checks.require(size() == d.size, "size " + size() + " != " + d.size);
      for (int i = 0; i < 64; i++) {
        long k = hits[i];
        Checks.require(get(k) == Value.of(k), "wrong value for key " + k);
        Checks.require(get(misses[i]) == null, "found absent key " + misses[i]);
      }
      ForkJvm.settleHeap();
    }

    /** Start of the next batch in the key streams. */
    final int advance() {
      int p = pos;
      pos = p + BATCH;
      return p;
    }

    private Value get(long k) {
      return switch (which) {
        case HOTPATH -> hotpath.get(k);
        case JDK -> jdk.get(k);
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
    long[] keys;
    FillRounds fill;
    Impl impl;

    /** Records the parameters; the first {@link #rewind()} creates the map. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      impl = d.which;
      keys = Keys.longKeys(FillRounds.keyCount(d.size));
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
    long[] ring;
    int ringPos;
    long[] fresh;
    int freshPos;
    int freshMask;

    /** Builds the ring and the fresh-key stream (after Full's setup built the map). */
    @Setup(Level.Trial)
    public void setUpChurn(Data d) {
      ring = d.keys.clone();
      fresh = new long[Math.max(1 << 16, Integer.highestOneBit(d.size) << 2)];
      for (int i = 0; i < fresh.length; i++) {
        fresh[i] = Keys.longKey(d.size + i);
      }
      freshMask = fresh.length - 1;
      ForkJvm.settleHeap();
    }
  }

  /** A presized map filled BATCH keys per invocation and cleared, inside the timing, when full. */
  @State(Scope.Thread)
  public static class Refill extends Maps {
    /** {@link Keys#fillRounds} disjoint key sets of {@code size} keys, back to back. */
    long[] keys;
    FillRounds fill;

    /** Creates the presized map. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      create(d.which, d.size);
      keys = Keys.longKeys(FillRounds.keyCount(d.size));
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

  /** One full iteration over the map, summing keys and value ids. */
  @Benchmark
  public long iterate(Full s) {
    return switch (s.which) {
      case HOTPATH -> iterate(s.cursor);
      case JDK -> iterate(s.jdk);
      case FASTUTIL -> iterate(s.fastutil);
      case AGRONA -> iterate(s.agrona);
      case HPPC -> iterate(s.hppc);
      case ECLIPSE -> iterate(s.eclipse, s.eclipseSum);
    };
  }

  private static int lookups(Full s, long[] keys) {
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

  private static int get(Long2ObjectHashMap<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      Value v = m.get(keys[(from + i) & mask]);
      if (v != null) {
        sum += v.id;
      }
    }
    return sum;
  }

  private static int get(HashMap<Long, Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      Value v = m.get(keys[(from + i) & mask]);
      if (v != null) {
        sum += v.id;
      }
    }
    return sum;
  }

  private static int get(Long2ObjectOpenHashMap<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      Value v = m.get(keys[(from + i) & mask]);
      if (v != null) {
        sum += v.id;
      }
    }
    return sum;
  }

  private static int get(org.agrona.collections.Long2ObjectHashMap<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      Value v = m.get(keys[(from + i) & mask]);
      if (v != null) {
        sum += v.id;
      }
    }
    return sum;
  }

  private static int get(com.carrotsearch.hppc.LongObjectHashMap<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      Value v = m.get(keys[(from + i) & mask]);
      if (v != null) {
        sum += v.id;
      }
    }
    return sum;
  }

  private static int get(org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap<Value> m,
      long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      Value v = m.get(keys[(from + i) & mask]);
      if (v != null) {
        sum += v.id;
      }
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: put ---------------- */

  static int put(Long2ObjectHashMap<Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  static int put(HashMap<Long, Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  static int put(Long2ObjectOpenHashMap<Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  static int put(org.agrona.collections.Long2ObjectHashMap<Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  static int put(com.carrotsearch.hppc.LongObjectHashMap<Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  static int put(org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap<Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  /* ---------------- Monomorphic loops: churn ---------------- */

  private static int churn(Long2ObjectHashMap<Value> m, long[] ring, int ringFrom, long[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      long k = fresh[(freshFrom + i) & freshMask];
      long old = ring[r];
      sum += m.remove(old).id;
      m.put(k, Value.of(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(HashMap<Long, Value> m, long[] ring, int ringFrom, long[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      long k = fresh[(freshFrom + i) & freshMask];
      long old = ring[r];
      sum += m.remove(old).id;
      m.put(k, Value.of(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(Long2ObjectOpenHashMap<Value> m, long[] ring, int ringFrom, long[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      long k = fresh[(freshFrom + i) & freshMask];
      long old = ring[r];
      sum += m.remove(old).id;
      m.put(k, Value.of(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(org.agrona.collections.Long2ObjectHashMap<Value> m, long[] ring, int ringFrom, long[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      long k = fresh[(freshFrom + i) & freshMask];
      long old = ring[r];
      sum += m.remove(old).id;
      m.put(k, Value.of(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(com.carrotsearch.hppc.LongObjectHashMap<Value> m, long[] ring, int ringFrom, long[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      long k = fresh[(freshFrom + i) & freshMask];
      long old = ring[r];
      sum += m.remove(old).id;
      m.put(k, Value.of(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  private static int churn(org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap<Value> m,
      long[] ring, int ringFrom, long[] fresh, int freshFrom, int freshMask) {
    int sum = 0;
    int r = ringFrom;
    for (int i = 0; i < BATCH; i++) {
      long k = fresh[(freshFrom + i) & freshMask];
      long old = ring[r];
      sum += m.remove(old).id;
      m.put(k, Value.of(k));
      ring[r] = k;
      if (++r == ring.length) {
        r = 0;
      }
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: iteration ---------------- */

  private static long iterate(Long2ObjectHashMap<Value>.Cursor c) {
    long sum = 0;
    c.reset();
    while (c.next()) {
      sum += c.key() + c.value().id;
    }
    return sum;
  }

  private static long iterate(HashMap<Long, Value> m) {
    long sum = 0;
    for (Map.Entry<Long, Value> e : m.entrySet()) {
      sum += e.getKey() + e.getValue().id;
    }
    return sum;
  }

  private static long iterate(Long2ObjectOpenHashMap<Value> m) {
    long sum = 0;
    ObjectIterator<Long2ObjectMap.Entry<Value>> it = m.long2ObjectEntrySet().fastIterator(); // reuses one entry
    while (it.hasNext()) {
      Long2ObjectMap.Entry<Value> e = it.next();
      sum += e.getLongKey() + e.getValue().id;
    }
    return sum;
  }

  private static long iterate(org.agrona.collections.Long2ObjectHashMap<Value> m) {
    long sum = 0;
    org.agrona.collections.Long2ObjectHashMap<Value>.EntryIterator it = m.entrySet().iterator(); // cached
    while (it.hasNext()) {
      it.next();
      sum += it.getLongKey() + it.getValue().id;
    }
    return sum;
  }

  private static long iterate(com.carrotsearch.hppc.LongObjectHashMap<Value> m) {
    long sum = 0;
    for (com.carrotsearch.hppc.cursors.LongObjectCursor<Value> c : m) {
      sum += c.key + c.value.id;
    }
    return sum;
  }

  private static long iterate(org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap<Value> m,
      EclipseSum acc) {
    acc.sum = 0;
    m.forEachKeyValue(acc);
    return acc.sum;
  }

  /** Reusable, non-capturing accumulator for Eclipse's internal iteration. */
  static final class EclipseSum implements LongObjectProcedure<Value> {
    private static final long serialVersionUID = 1L;
    long sum;

    @Override
    public void value(long key, Value value) {
      sum += key + value.id;
    }
  }
}
