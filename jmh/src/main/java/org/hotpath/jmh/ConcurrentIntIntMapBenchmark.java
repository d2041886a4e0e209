package org.hotpath.jmh;

import static org.hotpath.jmh.Keys.BATCH;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hotpath.concurrent.ShardedInt2IntMap;
import org.jctools.maps.NonBlockingHashMap;
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
 * Question: what does one operation on a <em>shared</em> {@code int -> int} map cost, in time and
 * in allocated bytes, when 1, 2 (or more: JMH's {@code -t}) threads update it at once, above all as
 * a table of counters, for Hotpath's {@code ShardedInt2IntMap} against {@code
 * ConcurrentHashMap<Integer, Integer>} and {@code Collections.synchronizedMap(new HashMap<Integer,
 * Integer>())}? ({@code -p impl=nbhm} adds JCTools' boxed {@code NonBlockingHashMap<Integer,
 * Integer>}: JCTools has no primitive {@code int} map.)
 *
 * <p>State, key stream, threads, dispatch and checks as in {@link ConcurrentLongObjectMapBenchmark}
 * (read its class comment): one shared map per trial, presized and filled with the {@code size}
 * shared random keys ({@link Keys#intKeys}); each thread walks the shared, precomputed key stream
 * from its own starting point; every operation hits a present key, so the size never changes.
 *
 * <p>Operations (time is per single map operation; one invocation = {@link Keys#BATCH} operations
 * of one thread):
 * <ul>
 *   <li>{@code counter}: increment the counter of a key. Hotpath {@code addAndGet(key, 1)}; the JDK
 *       maps the idiomatic {@code merge(key, 1, Integer::sum)} (a non-capturing static method
 *       reference: nothing allocated for it; {@code synchronizedMap} runs it under its lock). The
 *       boxed maps allocate the new {@code Integer} (counts soon leave the small-integer cache):
 *       that is the cost of counting with them.
 *   <li>{@code readOnly}, {@code readHeavy} (exactly 9 gets, 1 put), {@code writeHeavy} (get, put):
 *       as in {@link ConcurrentLongObjectMapBenchmark}; a put writes a value from a small pool
 *       ({@link #VALUES}, pre-boxed in {@link #BOXED_VALUES} for the boxed maps), so no put needs a
 *       new box.
 * </ul>
 * Every result (the value read, the previous value, the new count) is summed and returned to JMH.
 *
 * <p>Boxing: the boxed maps get <em>pre-boxed</em> keys, the very {@code Integer} instances they
 * hold (the JDK's best case: no {@code Integer.valueOf} in the loop, an identity match on the key);
 * Hotpath takes the primitive keys.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
public class ConcurrentIntIntMapBenchmark {

  /** {@code get}s per {@code put} in {@code readHeavy}: 90/10. */
  static final int READ_HEAVY_GETS = ConcurrentLongObjectMapBenchmark.READ_HEAVY_GETS;

  /** {@code get}s per {@code put} in {@code writeHeavy}: 50/50. */
  static final int WRITE_HEAVY_GETS = ConcurrentLongObjectMapBenchmark.WRITE_HEAVY_GETS;

  /** Size of the value pool; a power of two. */
  private static final int VALUE_POOL = 64;

  /** Values written by the puts: the put at stream position {@code p} writes {@code VALUES[p & 63]}. */
  static final int[] VALUES = new int[VALUE_POOL];

  /** {@link #VALUES} boxed once (outside the small-integer cache: real, preallocated objects). */
  static final Integer[] BOXED_VALUES = new Integer[VALUE_POOL];

  static {
    for (int i = 0; i < VALUE_POOL; i++) {
      VALUES[i] = Keys.intValue(i + 1);
      BOXED_VALUES[i] = VALUES[i];
    }
  }

  /** One map per implementation type; exactly one is non-null. */
  abstract static class Maps {
    ConcurrentImpl which;
    ShardedInt2IntMap hotpath;
    ConcurrentHashMap<Integer, Integer> chm;
    NonBlockingHashMap<Integer, Integer> nbhm;
    /** {@code Collections.synchronizedMap(HashMap)}. */
    Map<Integer, Integer> sync;

    /**
     * Replaces the map with a new one presized for {@code expected} entries, or default-constructed
     * if {@code expected < 0} (Hotpath's sharded maps have no default constructor: {@code
     * expectedSize} 0, the smallest shards).
     */
    final void create(ConcurrentImpl impl, int expected) {
      which = impl;
      boolean dflt = expected < 0;
      switch (impl) {
        case HOTPATH -> hotpath = new ShardedInt2IntMap(dflt ? 0 : expected);
        case CHM -> chm = dflt ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(expected);
        case NBHM -> nbhm = dflt ? new NonBlockingHashMap<>() : new NonBlockingHashMap<>(expected);
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

    /**
     * Puts one key with its value {@link Keys#intValue} (setup code; not timed); the boxed maps
     * store {@code boxed}, which must equal {@code k}, and a new box of the value.
     */
    final void putOne(int k, Integer boxed) {
      int v = Keys.intValue(k);
      switch (which) {
        case HOTPATH -> hotpath.put(k, v);
        case CHM -> chm.put(boxed, v);
        case NBHM -> nbhm.put(boxed, v);
        case SYNC -> sync.put(boxed, v);
      }
    }

    /** Whether one key is present (checks; not timed). */
    final boolean contains(int k, Integer boxed) {
      return switch (which) {
        case HOTPATH -> hotpath.containsKey(k);
        case CHM -> chm.containsKey(boxed);
        case NBHM -> nbhm.containsKey(boxed);
        case SYNC -> sync.containsKey(boxed);
      };
    }

    /** The value of one present key (checks; not timed). */
    final int value(int k, Integer boxed) {
      return switch (which) {
        case HOTPATH -> hotpath.get(k);
        case CHM -> chm.get(boxed);
        case NBHM -> nbhm.get(boxed);
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
    /** Implementation under test (see {@link ConcurrentImpl}; {@code nbhm} on request only). */
    @Param({"hotpath", "chm", "sync"})
    public String impl;

    /** Number of entries; {@code -p size=100000} (or any size >= 1000) works as well. */
    @Param({"1000", "1000000"})
    public int size;

    /** The key stream: {@code keys[p & mask]} is the key at stream position {@code p}. */
    int[] keys;
    /** The same stream pre-boxed for the boxed maps: the very instances they hold (null for Hotpath). */
    Integer[] boxed;
    int mask;

    /** Builds, fills and checks the map, and builds the stream. */
    @Setup(Level.Trial)
    public void setUp() {
      if (size < BATCH) {
        throw new IllegalArgumentException("size must be >= " + BATCH + ": " + size);
      }
      ConcurrentImpl impl = ConcurrentImpl.of(this.impl);
      int[] keySet = Keys.intKeys(size);
      Integer[] boxedSet = null;
      if (impl.boxedKeys(false)) {
        boxedSet = new Integer[size];
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
        System.err.printf("WARNING: hotpath ShardedInt2IntMap(%d) grew while filling: capacity %d -> %d%n",
            size, capacityBefore, hotpath.capacity());
      }
      int[] index = Keys.indexStream(size, Math.max(StreamPosition.MIN_STREAM, Keys.streamLength(size)));
      mask = index.length - 1;
      keys = new int[index.length];
      for (int i = 0; i < index.length; i++) {
        keys[i] = keySet[index[i]];
      }
      if (boxedSet != null) {
        boxed = new Integer[index.length];
        for (int i = 0; i < index.length; i++) {
          boxed[i] = boxedSet[index[i]];
        }
      }
      verify(keySet);
      ForkJvm.settleHeap();
    }

    /** The benchmarks' loops give the same answers as the same operations on a {@code HashMap}. */
    private void verify(int[] keySet) {
      String name = which.id;
      Checks.require(size() == size, name + ": size " + size() + " != " + size);
      Map<Integer, Integer> ref = new HashMap<>(); // the values the checks changed; the others are intValue(k)
      int wrap = -BATCH / 2; // positions -500 .. 499: across the end of the stream and back
      Checks.require(readBatch(wrap) == replay(ref, wrap, -1), name + ": wrong read batch");
      Checks.require(mixBatch(0, WRITE_HEAVY_GETS) == replay(ref, 0, WRITE_HEAVY_GETS), name + ": wrong 50/50 batch");
      Checks.require(mixBatch(BATCH, READ_HEAVY_GETS) == replay(ref, BATCH, READ_HEAVY_GETS),
          name + ": wrong 90/10 batch");
      Checks.require(counterBatch(2 * BATCH) == replayCounter(ref, 2 * BATCH), name + ": wrong counter batch");
      for (int k : keySet) {
        Checks.require(value(k, k) == ref.getOrDefault(k, Keys.intValue(k)), name + ": wrong value for key " + k);
      }
      for (int i = 0; i < 64; i++) {
        int miss = Keys.intKey(size + i);
        Checks.require(!contains(miss, miss), name + ": found absent key " + miss);
      }
      Checks.require(size() == size, name + ": size " + size() + " != " + size + " after the checks");
    }

    /**
     * What a get/put batch from {@code from} returns, replayed on {@code ref} (the changed values,
     * which it updates): {@code gets} gets per put, or gets only if {@code gets < 0}. Written
     * independently of the loops on purpose.
     */
    private int replay(Map<Integer, Integer> ref, int from, int gets) {
      int sum = 0;
      for (int i = 0; i < BATCH; i++) {
        int p = from + i;
        int k = keys[p & mask];
        sum += ref.getOrDefault(k, Keys.intValue(k));
        if (gets >= 0 && i % (gets + 1) == gets) { // a put: returns the previous value
          ref.put(k, VALUES[p & (VALUE_POOL - 1)]);
        }
      }
      return sum;
    }

    /** What a counter batch from {@code from} returns, replayed on {@code ref} (which it updates). */
    private int replayCounter(Map<Integer, Integer> ref, int from) {
      int sum = 0;
      for (int i = 0; i < BATCH; i++) {
        int k = keys[(from + i) & mask];
        int count = ref.getOrDefault(k, Keys.intValue(k)) + 1;
        ref.put(k, count);
        sum += count;
      }
      return sum;
    }

    /** {@link Keys#BATCH} gets from stream position {@code from}. */
    final int readBatch(int from) {
      return switch (which) {
        case HOTPATH -> get(hotpath, keys, from, mask);
        case CHM -> get(chm, boxed, from, mask);
        case NBHM -> get(nbhm, boxed, from, mask);
        case SYNC -> get(sync, boxed, from, mask);
      };
    }

    /** {@link Keys#BATCH} operations from stream position {@code from}: {@code gets} gets, a put, .... */
    final int mixBatch(int from, int gets) {
      return switch (which) {
        case HOTPATH -> mix(hotpath, keys, from, mask, gets);
        case CHM -> mix(chm, boxed, from, mask, gets);
        case NBHM -> mix(nbhm, boxed, from, mask, gets);
        case SYNC -> mix(sync, boxed, from, mask, gets);
      };
    }

    /** {@link Keys#BATCH} counter increments from stream position {@code from}. */
    final int counterBatch(int from) {
      return switch (which) {
        case HOTPATH -> count(hotpath, keys, from, mask);
        case CHM -> count(chm, boxed, from, mask);
        case NBHM -> count(nbhm, boxed, from, mask);
        case SYNC -> count(sync, boxed, from, mask);
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
        if (!contains(keys[p], boxed == null ? null : boxed[p])) {
          throw new IllegalStateException(which.id + ": lost key " + keys[p]);
        }
      }
    }
  }

  /* ---------------- Benchmarks ---------------- */

  /** Increment of a present key's counter ({@code addAndGet(k, 1)} / {@code merge(k, 1, Integer::sum)}). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int counter(Shared s, StreamPosition t) {
    return s.counterBatch(t.advance());
  }

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

  /* ---------------- Monomorphic loops: counters ---------------- */

  private static int count(ShardedInt2IntMap m, int[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.addAndGet(keys[(from + i) & mask], 1);
    }
    return sum;
  }

  private static int count(ConcurrentHashMap<Integer, Integer> m, Integer[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.merge(keys[(from + i) & mask], 1, Integer::sum);
    }
    return sum;
  }

  private static int count(NonBlockingHashMap<Integer, Integer> m, Integer[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.merge(keys[(from + i) & mask], 1, Integer::sum); // ConcurrentMap's default: a CAS loop
    }
    return sum;
  }

  private static int count(Map<Integer, Integer> m, Integer[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.merge(keys[(from + i) & mask], 1, Integer::sum); // synchronizedMap: under its lock
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: get ---------------- */

  private static int get(ShardedInt2IntMap m, int[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]);
    }
    return sum;
  }

  private static int get(ConcurrentHashMap<Integer, Integer> m, Integer[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]);
    }
    return sum;
  }

  private static int get(NonBlockingHashMap<Integer, Integer> m, Integer[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]);
    }
    return sum;
  }

  private static int get(Map<Integer, Integer> m, Integer[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += m.get(keys[(from + i) & mask]);
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: get/put mixes ---------------- */
  // Per group of gets + 1 operations: `gets` gets, then a put of VALUES[position & 63]. All keys
  // are present, so the boxed maps never return null (unboxing a null would throw).

  private static int mix(ShardedInt2IntMap m, int[] keys, int from, int mask, int gets) {
    int sum = 0;
    for (int i = 0; i < BATCH; ) {
      for (int end = i + gets; i < end; i++) {
        sum += m.get(keys[(from + i) & mask]);
      }
      int p = from + i++;
      sum += m.put(keys[p & mask], VALUES[p & (VALUE_POOL - 1)]);
    }
    return sum;
  }

  private static int mix(ConcurrentHashMap<Integer, Integer> m, Integer[] keys, int from, int mask, int gets) {
    int sum = 0;
    for (int i = 0; i < BATCH; ) {
      for (int end = i + gets; i < end; i++) {
        sum += m.get(keys[(from + i) & mask]);
      }
      int p = from + i++;
      sum += m.put(keys[p & mask], BOXED_VALUES[p & (VALUE_POOL - 1)]);
    }
    return sum;
  }

  private static int mix(NonBlockingHashMap<Integer, Integer> m, Integer[] keys, int from, int mask, int gets) {
    int sum = 0;
    for (int i = 0; i < BATCH; ) {
      for (int end = i + gets; i < end; i++) {
        sum += m.get(keys[(from + i) & mask]);
      }
      int p = from + i++;
      sum += m.put(keys[p & mask], BOXED_VALUES[p & (VALUE_POOL - 1)]);
    }
    return sum;
  }

  private static int mix(Map<Integer, Integer> m, Integer[] keys, int from, int mask, int gets) {
    int sum = 0;
    for (int i = 0; i < BATCH; ) {
      for (int end = i + gets; i < end; i++) {
        sum += m.get(keys[(from + i) & mask]);
      }
      int p = from + i++;
      sum += m.put(keys[p & mask], BOXED_VALUES[p & (VALUE_POOL - 1)]);
    }
    return sum;
  }
}
