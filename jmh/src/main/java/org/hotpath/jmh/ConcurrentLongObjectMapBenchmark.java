package org.hotpath.jmh;

import static org.hotpath.jmh.Keys.BATCH;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hotpath.concurrent.ShardedLong2ObjectMap;
import org.jctools.maps.NonBlockingHashMapLong;
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
 * Question: what does one operation on a <em>shared</em> {@code long -> Object} map cost, in time
 * and in allocated bytes, when 1, 2 (or more: JMH's {@code -t}) threads read and write it at once,
 * for Hotpath's {@code ShardedLong2ObjectMap} against {@code ConcurrentHashMap<Long, V>}, JCTools'
 * {@code NonBlockingHashMapLong<V>} and {@code Collections.synchronizedMap(new HashMap<Long, V>())}?
 *
 * <p>State: one map per trial, shared by every benchmark thread ({@link Shared}, {@code
 * Scope.Benchmark}), presized for and filled with the {@code size} shared random keys ({@link
 * Keys#longKeys}) before measurement. Keys are never added or removed while measuring: every
 * operation hits, and every put replaces the value of a present key, so the size stays constant.
 * Each thread walks one shared, precomputed stream of keys ({@link Keys#indexStream}: successive
 * shuffles of the key set, at least {@link StreamPosition#MIN_STREAM} long, so no branch predictor
 * learns it) from its own starting point ({@link StreamPosition}); every implementation sees the
 * same keys in the same order.
 *
 * <p>Operations (time is per single map operation; one invocation = {@link Keys#BATCH} operations
 * of one thread):
 * <ul>
 *   <li>{@code readOnly}: {@code get} only.
 *   <li>{@code readHeavy}: 90/10: nine {@code get}s, then one {@code put}, repeated; the mix is
 *       exact (fixed by the operation's index in the batch, not drawn at random).
 *   <li>{@code writeHeavy}: 50/50: a {@code get}, then a {@code put}, repeated.
 * </ul>
 * Every {@code get} reads the value's field and every {@code put} returns the previous value, whose
 * field is read too; the sum is returned to JMH, so nothing is dead code. Values come from the
 * small preallocated {@link Value} pool (the value written at stream position {@code p} is {@code
 * Value.of(p)}), so no operation needs to allocate a value.
 *
 * <p>Boxing: the boxed maps ({@code chm}, {@code sync}) are given <em>pre-boxed</em> keys: the
 * stream holds the very {@code Long} instances the map was filled with. That is the JDK's best case:
 * no {@code Long.valueOf} in the loop and an identity match on the key; a caller that boxes a
 * {@code long} per call pays an allocation on top (a {@code Long} outside the small cache) unless
 * escape analysis removes it. Hotpath and JCTools take the primitive keys.
 *
 * <p>Dispatch, fork flags and the G1 barrier caveat for object-valued writes are as in {@link
 * LongObjectMapBenchmark}: a switch per invocation selects a static loop typed with the concrete
 * map class ({@code Map} for the synchronized wrapper, whose class is private), so hot loops are
 * monomorphic.
 *
 * <p>Setup checks every map against a {@code HashMap} reference through the benchmarks' own loops
 * (a read batch across the stream's wrap-around, a 50/50 and a 90/10 batch, each compared with the
 * same operations replayed on the reference), then every key's value and absent keys; a trial
 * teardown checks that no key was lost while the threads wrote.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
public class ConcurrentLongObjectMapBenchmark {

  /** {@code get}s per {@code put} in {@code readHeavy}: 90/10. */
  static final int READ_HEAVY_GETS = 9;

  /** {@code get}s per {@code put} in {@code writeHeavy}: 50/50. */
  static final int WRITE_HEAVY_GETS = 1;

  static {
    // The mixes are exact per batch only if a batch is a whole number of get...get-put groups.
    Checks.require(BATCH % (READ_HEAVY_GETS + 1) == 0 && BATCH % (WRITE_HEAVY_GETS + 1) == 0,
        "BATCH must be a multiple of every mix's group length");
  }

  /** One map per implementation type; exactly one is non-null. */
  abstract static class Maps {
    ConcurrentImpl which;
    ShardedLong2ObjectMap<Value> hotpath;
    ConcurrentHashMap<Long, Value> chm;
    NonBlockingHashMapLong<Value> nbhm;
    /** {@code Collections.synchronizedMap(HashMap)}. */
    Map<Long, Value> sync;

    /**
     * Replaces the map with a new one presized for {@code expected} entries, or default-constructed
     * if {@code expected < 0} (Hotpath's sharded maps have no default constructor: {@code
     * expectedSize} 0, the smallest shards).
     */
    final void create(ConcurrentImpl impl, int expected) {
      which = impl;
      boolean dflt = expected < 0;
      switch (impl) {
        case HOTPATH -> hotpath = dflt ? new ShardedLong2ObjectMap<>(0) : new ShardedLong2ObjectMap<>(expected);
        case CHM -> chm = dflt ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(expected);
        case NBHM -> nbhm = dflt ? new NonBlockingHashMapLong<>() : new NonBlockingHashMapLong<>(expected);
        case SYNC -> sync = Collections.synchronizedMap(
            dflt ? new HashMap<>() : new HashMap<>(Impl.jdkCapacity(expected)));
      }
    }

    final int size() {
      return switch (which) {
        case HOTPATH -> hotpath.size();
        case CHM -> chm.size();
        case NBHM -> nbhm.size();
        case SYNC -> sync.size();
      };
    }

    /** Puts one key (setup code; not timed); the boxed maps store {@code boxed}, which must equal {@code k}. */
    final void putOne(long k, Long boxed) {
      Value v = Value.of(k);
      switch (which) {
        case HOTPATH -> hotpath.put(k, v);
        case CHM -> chm.put(boxed, v);
        case NBHM -> nbhm.put(k, v);
        case SYNC -> sync.put(boxed, v);
      }
    }

    /** The value of one key (checks; not timed). */
    final Value value(long k, Long boxed) {
      return switch (which) {
        case HOTPATH -> hotpath.get(k);
        case CHM -> chm.get(boxed);
        case NBHM -> nbhm.get(k);
        case SYNC -> sync.get(boxed);
      };
    }

    /** The map itself, whichever it is. */
    final Object map() {
      return switch (which) {
        case HOTPATH -> hotpath;
        case CHM -> chm;
        case NBHM -> nbhm;
        case SYNC -> sync;
      };
    }
  }

  /** The map all threads share, and the key stream they walk. */
  @State(Scope.Benchmark)
  public static class Shared extends Maps {
    /** Implementation under test (see {@link ConcurrentImpl}). */
    @Param({"hotpath", "chm", "nbhm", "sync"})
    public String impl;

    /** Number of entries; {@code -p size=100000} (or any size >= 1000) works as well. */
    @Param({"1000", "1000000"})
    public int size;

    /** The key stream: {@code keys[p & mask]} is the key at stream position {@code p}. */
    long[] keys;
    /**
     * The same stream pre-boxed for the boxed maps: the very {@code Long} instances they hold
     * (null for Hotpath and JCTools, which take {@code long} keys).
     */
    Long[] boxed;
    int mask;

    /** Builds, fills and checks the map, and builds the stream. */
    @Setup(Level.Trial)
    public void setUp() {
      if (size < BATCH) {
        throw new IllegalArgumentException("size must be >= " + BATCH + ": " + size);
      }
      ConcurrentImpl impl = ConcurrentImpl.of(this.impl);
      long[] keySet = Keys.longKeys(size);
      Long[] boxedSet = null;
      if (impl.boxedKeys(true)) {
        boxedSet = new Long[size];
        for (int i = 0; i < size; i++) {
          boxedSet[i] = keySet[i]; // one box per key, shared by the map and the stream
        }
      }
      create(impl, size);
      long capacityBefore = impl == ConcurrentImpl.HOTPATH ? hotpath.capacity() : 0;
      for (int i = 0; i < size; i++) {
        putOne(keySet[i], boxedSet == null ? null : boxedSet[i]);
      }
      if (impl == ConcurrentImpl.HOTPATH && hotpath.capacity() != capacityBefore) {
        System.err.printf("WARNING: hotpath ShardedLong2ObjectMap(%d) grew while filling: capacity %d -> %d%n",
            size, capacityBefore, hotpath.capacity());
      }
      int[] index = Keys.indexStream(size, Math.max(StreamPosition.MIN_STREAM, Keys.streamLength(size)));
      mask = index.length - 1;
      keys = new long[index.length];
      for (int i = 0; i < index.length; i++) {
        keys[i] = keySet[index[i]];
      }
      if (boxedSet != null) {
        boxed = new Long[index.length];
        for (int i = 0; i < index.length; i++) {
          boxed[i] = boxedSet[index[i]];
        }
      }
      verify(keySet);
      ForkJvm.settleHeap();
    }

    /** The benchmarks' loops give the same answers as the same operations on a {@code HashMap}. */
    private void verify(long[] keySet) {
      String name = which.id;
      Checks.require(size() == size, name + ": size " + size() + " != " + size);
      Map<Long, Value> ref = new HashMap<>(); // the values the checks changed; the others are Value.of(k)
      int wrap = -BATCH / 2; // positions -500 .. 499: across the end of the stream and back
      Checks.require(readBatch(wrap) == replay(ref, wrap, -1), name + ": wrong read batch");
      Checks.require(mixBatch(0, WRITE_HEAVY_GETS) == replay(ref, 0, WRITE_HEAVY_GETS), name + ": wrong 50/50 batch");
      Checks.require(mixBatch(BATCH, READ_HEAVY_GETS) == replay(ref, BATCH, READ_HEAVY_GETS),
          name + ": wrong 90/10 batch");
      for (long k : keySet) {
        Checks.require(value(k, k) == ref.getOrDefault(k, Value.of(k)), name + ": wrong value for key " + k);
      }
      for (int i = 0; i < 64; i++) {
        long miss = Keys.longKey((long) size + i);
        Checks.require(value(miss, miss) == null, name + ": found absent key " + miss);
      }
      Checks.require(size() == size, name + ": size " + size() + " != " + size + " after the checks");
    }

    /**
     * What a batch from {@code from} returns, replayed on {@code ref} (the changed values, which it
     * updates): {@code gets} gets per put, or gets only if {@code gets < 0}. Written independently of
     * the loops on purpose.
     */
    private int replay(Map<Long, Value> ref, int from, int gets) {
      int sum = 0;
      for (int i = 0; i < BATCH; i++) {
        int p = from + i;
        long k = keys[p & mask];
        sum += ref.getOrDefault(k, Value.of(k)).id;
        if (gets >= 0 && i % (gets + 1) == gets) { // a put: returns the previous value
          ref.put(k, Value.of(p));
        }
      }
      return sum;
    }

    /** {@link Keys#BATCH} gets from stream position {@code from}. */
    final int readBatch(int from) {
      return switch (which) {
        case HOTPATH -> get(hotpath, keys, from, mask);
        case CHM -> get(chm, boxed, from, mask);
        case NBHM -> get(nbhm, keys, from, mask);
        case SYNC -> get(sync, boxed, from, mask);
      };
    }

    /** {@link Keys#BATCH} operations from stream position {@code from}: {@code gets} gets, a put, .... */
    final int mixBatch(int from, int gets) {
      return switch (which) {
        case HOTPATH -> mix(hotpath, keys, from, mask, gets);
        case CHM -> mix(chm, boxed, from, mask, gets);
        case NBHM -> mix(nbhm, keys, from, mask, gets);
        case SYNC -> mix(sync, boxed, from, mask, gets);
      };
    }

    /**
     * No key was lost while the threads wrote. Allocates nothing (JMH counts a trial teardown's
     * allocations in the last iteration's {@code gc.alloc.rate.norm}): messages only on failure.
     */
    @TearDown(Level.Trial)
    public void check() {
      if (size() != size) {
        throw new IllegalStateException(which.id + ": size changed to " + size());
      }
      for (int p = 0; p < size; p++) { // the stream's first size positions: every key once
        if (value(keys[p], boxed == null ? null : boxed[p]) == null) {
          throw new IllegalStateException(which.id + ": lost key " + keys[p]);
        }
      }
    }
  }

  /* ---------------- Benchmarks ---------------- */

  /** A {@code get} of a present key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int readOnly(Shared s, StreamPosition t) {
    return s.readBatch(t.advance());
  }

  /** 90% {@code get}, 10% {@code put} replacing a present key's value (exactly 9 gets, 1 put, ...). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int readHeavy(Shared s, StreamPosition t) {
    return s.mixBatch(t.advance(), READ_HEAVY_GETS);
  }

  /** 50% {@code get}, 50% {@code put} replacing a present key's value (get, put, get, put, ...). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int writeHeavy(Shared s, StreamPosition t) {
    return s.mixBatch(t.advance(), WRITE_HEAVY_GETS);
  }

  /* ---------------- Monomorphic loops: get ---------------- */

  private static int get(ShardedLong2ObjectMap<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]).id;
    }
    return sum;
  }

  private static int get(ConcurrentHashMap<Long, Value> m, Long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]).id;
    }
    return sum;
  }

  private static int get(NonBlockingHashMapLong<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]).id;
    }
    return sum;
  }

  private static int get(Map<Long, Value> m, Long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]).id;
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: get/put mixes ---------------- */
  // Per group of gets + 1 operations: `gets` gets, then a put of Value.of(position). All keys are
  // present, so get and put never return null (a null would throw: the loop checks itself).

  private static int mix(ShardedLong2ObjectMap<Value> m, long[] keys, int from, int mask, int gets) {
    int sum = 0;
    for (int i = 0; i < BATCH; ) {
      for (int end = i + gets; i < end; i++) {
        sum += m.get(keys[(from + i) & mask]).id;
      }
      int p = from + i++;
      sum += m.put(keys[p & mask], Value.of(p)).id;
    }
    return sum;
  }

  private static int mix(ConcurrentHashMap<Long, Value> m, Long[] keys, int from, int mask, int gets) {
    int sum = 0;
    for (int i = 0; i < BATCH; ) {
      for (int end = i + gets; i < end; i++) {
        sum += m.get(keys[(from + i) & mask]).id;
      }
      int p = from + i++;
      sum += m.put(keys[p & mask], Value.of(p)).id;
    }
    return sum;
  }

  private static int mix(NonBlockingHashMapLong<Value> m, long[] keys, int from, int mask, int gets) {
    int sum = 0;
    for (int i = 0; i < BATCH; ) {
      for (int end = i + gets; i < end; i++) {
        sum += m.get(keys[(from + i) & mask]).id;
      }
      int p = from + i++;
      sum += m.put(keys[p & mask], Value.of(p)).id;
    }
    return sum;
  }

  private static int mix(Map<Long, Value> m, Long[] keys, int from, int mask, int gets) {
    int sum = 0;
    for (int i = 0; i < BATCH; ) {
      for (int end = i + gets; i < end; i++) {
        sum += m.get(keys[(from + i) & mask]).id;
      }
      int p = from + i++;
      sum += m.put(keys[p & mask], Value.of(p)).id;
    }
    return sum;
  }
}
