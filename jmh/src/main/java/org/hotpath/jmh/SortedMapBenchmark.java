package org.hotpath.jmh;

import static org.hotpath.jmh.Keys.BATCH;

import it.unimi.dsi.fastutil.longs.AbstractLong2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectAVLTreeMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectRBTreeMap;
import it.unimi.dsi.fastutil.objects.ObjectBidirectionalIterator;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.hotpath.collections.Long2ObjectSkipListMap;
import org.hotpath.function.LongObjConsumer;
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
 * Question: what does one operation of a <em>sorted</em> {@code long -> Object} map cost, in time
 * and in allocated bytes, for Hotpath's {@code Long2ObjectSkipListMap} against {@code TreeMap<Long,
 * V>}, {@code ConcurrentSkipListMap<Long, V>} and fastutil's red-black and AVL trees, at sizes that
 * fit L1/L2, L3 and only DRAM?
 *
 * <p>Keys: the shared {@link Keys} (distinct random longs, uniform over the whole {@code long}
 * range, key 0 included), inserted in a random order; every implementation gets the same keys and
 * the same operation streams. Values come from the small shared {@link Value} pool; every loop
 * reads the value's field, as a user would. Operations (time is per single operation unless noted):
 * <ul>
 *   <li>{@code getHit}: random lookups of present keys (the {@link Keys#longHitStream} shuffles,
 *       at least {@link #MIN_STREAM} lookups before the stream repeats: shorter streams let the
 *       branch predictor learn tree search paths).
 *   <li>{@code floorCeiling}: random lookups of <em>absent</em> keys (uniform random longs, {@link
 *       Keys#longMissStream}); even operations ask the floor value, odd ones the ceiling value, so
 *       one op is one navigation (no second search of the same key riding in cache). Values, not
 *       keys: the ordered-map question is usually "which entry covers this point".
 *   <li>{@code putGrowing}: insert new keys, in random order, into a default-constructed map that
 *       grows to {@code size}; a new map and a new key set replace it when full (as {@link
 *       LongObjectMapBenchmark}'s {@code putGrowing}; see {@link Keys#fillRounds}).
 *   <li>{@code removeInsertChurn}: steady state at constant size. One op = remove the oldest key and
 *       insert a new one, FIFO over a ring of {@code >= 2 x size} (up to ~4M) distinct keys in random
 *       order: the map always holds a window of {@code size} consecutive ring keys, the removed and
 *       the inserted key are unrelated (no warm search path), and the pattern repeats only after a
 *       full turn of the ring (65,536 ops at 1K, 4M at 100K and 1M), too long for a branch
 *       predictor to learn. A {@code null} from {@code remove} would throw: the loop checks itself.
 *   <li>{@code remove}: removal of a present key; {@link Keys#BATCH} distinct keys per invocation,
 *       reinserted outside the timing (a {@code Level.Invocation} fixture) before the next one. The
 *       map shrinks from {@code size} to {@code size - 1000} during an invocation (at 1K it drains
 *       completely: a mean over sizes 1000..1). {@code B/op} includes the untimed reinsertions (the
 *       GC profiler counts the whole thread), so for the node-per-entry maps it shows the node and
 *       box they reallocate.
 *   <li>{@code rangeWalk}: one op = a visit of {@link #RANGE} consecutive entries, from a random
 *       present key (65,536 precomputed starts; at 1K every walk is the whole map), summing keys and
 *       value ids, each library's cheapest idiomatic way: Hotpath {@code forEachInRange} with a
 *       reused consumer; JDK {@code subMap(from, true, to, false).entrySet()} (a view, an iterator
 *       and two boxed bounds per walk; {@code TreeMap}'s entries are its nodes, but {@code
 *       ConcurrentSkipListMap}'s sub-map iterator makes a snapshot entry per element, and its
 *       sub-maps have no allocation-free {@code forEach}); fastutil {@code subMap(from,
 *       to).long2ObjectEntrySet()} (a view and an iterator per walk; entries are the nodes).
 *       jmh/bench divides by {@link #RANGE} and shows it per entry.
 *   <li>{@code iterate}: one op = a full ascending iteration summing keys and value ids: Hotpath
 *       cursor, {@code TreeMap.entrySet()} (nodes are entries), {@code ConcurrentSkipListMap.forEach}
 *       (its entry iterator allocates a snapshot per entry; {@code forEach} does not), fastutil
 *       {@code long2ObjectEntrySet()} (nodes are entries). jmh/bench divides by size.
 * </ul>
 *
 * <p>Navigation APIs differ: Hotpath answers {@code floorValue}/{@code ceilingValue} directly; the
 * JDK maps via {@code floorEntry}/{@code ceilingEntry}, which return a snapshot entry ({@code
 * TreeMap} copies its node into one; escape analysis may remove it, and {@code B/op} shows whether
 * it did); fastutil's sorted maps have no floor or ceiling at all, and the cheapest public route is
 * the entry set's {@code iterator(from)} (one descent, then the threaded neighbour): floor = {@code
 * previous()} of {@code iterator(k)}, ceiling = {@code next()} of {@code iterator(k - 1)}, with a
 * reused probe entry (an iterator per lookup).
 *
 * <p>Dispatch, fork flags and the G1 barrier caveat for object-valued writes are as in {@link
 * LongObjectMapBenchmark} and {@link IntIntMapBenchmark}: a switch per invocation selects a static
 * loop typed with the concrete map class. Hotpath's node heights come from a fresh seed in every
 * map, so its figures vary slightly between forks (as a user's would between runs).
 *
 * <p>Setup checks every map against a reference computed from the sorted key array, through the
 * very helpers the benchmarks use: lookups, floors and ceilings (random, exact and boundary keys),
 * range-walk sums and the full-iteration sum, so every implementation is shown to give the same
 * answers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
public class SortedMapBenchmark {

  /** Entries visited by one {@code rangeWalk}. */
  static final int RANGE = 1000;

  /**
   * Shortest lookup stream, and the number of precomputed range starts: a power of two, long
   * enough that no branch predictor learns the search paths (see {@link Keys#longHitStream(int,
   * int)}: a 1,024-lookup stream made {@code TreeMap.get} at 1K look 5x cheaper). The streams are
   * read sequentially, so their size (8 MB) costs next to nothing.
   */
  static final int MIN_STREAM = 1 << 20;

  /** Number of precomputed range starts: a power of two. */
  private static final int RANGE_STARTS = 1 << 16;

  /* ---------------- Parameters and keys ---------------- */

  /** Parameters and the key set; the other states take it as a dependency. */
  @State(Scope.Thread)
  public static class Data {
    /** Implementation under test (see {@link SortedImpl}). */
    @Param({"hotpath", "hotpath-defrag", "jdk", "csl", "fastutil-rb", "fastutil-avl"})
    public String impl;

    /** Number of entries. */
    @Param({"1000", "100000", "1000000"})
    public int size;

    SortedImpl which;
    /**
     * {@code impl=hotpath-defrag}: Hotpath, with {@link Long2ObjectSkipListMap#defragment()} called
     * once the full map is built (in {@link Full} only; elsewhere it is plain {@code hotpath}).
     * Random inserts leave a presized map's nodes in random memory order; defragment() puts them
     * in key order.
     */
    boolean defragment;
    /** The {@code size} keys in insertion order. */
    long[] keys;
    /** The same keys, ascending: the reference for the checks. */
    long[] sorted;

    /** Builds the key set. */
    @Setup(Level.Trial)
    public void setUp() {
      defragment = impl.equals("hotpath-defrag");
      which = SortedImpl.of(defragment ? SortedImpl.HOTPATH.id : impl);
      if (size < Math.max(BATCH, RANGE)) {
        throw new IllegalArgumentException("size must be >= " + Math.max(BATCH, RANGE) + ": " + size);
      }
      keys = Keys.longKeys(size);
      sorted = keys.clone();
      Arrays.sort(sorted);
    }
  }

  /** One map per implementation type; exactly one is non-null. */
  abstract static class Maps {
    SortedImpl which;
    Long2ObjectSkipListMap<Value> hotpath;
    TreeMap<Long, Value> jdk;
    ConcurrentSkipListMap<Long, Value> csl;
    Long2ObjectRBTreeMap<Value> rb;
    Long2ObjectAVLTreeMap<Value> avl;
    /** fastutil's floor/ceiling go through an entry-set iterator started at this reused entry. */
    final Probe probe = new Probe();

    /**
     * Replaces the map with a new, empty one: Hotpath presized for {@code expected} entries, or
     * default-constructed if {@code expected < 0}; the others take no size.
     */
    final void create(SortedImpl impl, int expected) {
      which = impl;
      switch (impl) {
        case HOTPATH -> hotpath = expected < 0 ? new Long2ObjectSkipListMap<>() : new Long2ObjectSkipListMap<>(expected);
        case JDK -> jdk = new TreeMap<>();
        case CSL -> csl = new ConcurrentSkipListMap<>();
        case FASTUTIL_RB -> rb = new Long2ObjectRBTreeMap<>();
        case FASTUTIL_AVL -> avl = new Long2ObjectAVLTreeMap<>();
      }
    }

    final int size() {
      return switch (which) {
        case HOTPATH -> hotpath.size();
        case JDK -> jdk.size();
        case CSL -> csl.size();
        case FASTUTIL_RB -> rb.size();
        case FASTUTIL_AVL -> avl.size();
      };
    }

    /** Puts one key (setup code; not timed). */
    final void putOne(long k) {
      Value v = Value.of(k);
      switch (which) {
        case HOTPATH -> hotpath.put(k, v);
        case JDK -> jdk.put(k, v);
        case CSL -> csl.put(k, v);
        case FASTUTIL_RB -> rb.put(k, v);
        case FASTUTIL_AVL -> avl.put(k, v);
      }
    }

    /** The map itself, whichever it is. */
    final Object map() {
      return switch (which) {
        case HOTPATH -> hotpath;
        case JDK -> jdk;
        case CSL -> csl;
        case FASTUTIL_RB -> rb;
        case FASTUTIL_AVL -> avl;
      };
    }

    /** Puts {@code keys[from .. from+BATCH)}; returns the size, for the caller to consume. */
    final int putBatch(long[] keys, int from) {
      return switch (which) {
        case HOTPATH -> put(hotpath, keys, from);
        case JDK -> put(jdk, keys, from);
        case CSL -> put(csl, keys, from);
        case FASTUTIL_RB -> put(rb, keys, from);
        case FASTUTIL_AVL -> put(avl, keys, from);
      };
    }

    /* Single operations, for the checks; the benchmark loops call the same helpers. */

    final Value value(long k) {
      return switch (which) {
        case HOTPATH -> hotpath.get(k);
        case JDK -> jdk.get(k);
        case CSL -> csl.get(k);
        case FASTUTIL_RB -> rb.get(k);
        case FASTUTIL_AVL -> avl.get(k);
      };
    }

    final Value floorValue(long k) {
      return switch (which) {
        case HOTPATH -> floor(hotpath, k);
        case JDK -> floor(jdk, k);
        case CSL -> floor(csl, k);
        case FASTUTIL_RB -> floor(rb, probe, k);
        case FASTUTIL_AVL -> floor(avl, probe, k);
      };
    }

    final Value ceilingValue(long k) {
      return switch (which) {
        case HOTPATH -> ceiling(hotpath, k);
        case JDK -> ceiling(jdk, k);
        case CSL -> ceiling(csl, k);
        case FASTUTIL_RB -> ceiling(rb, probe, k);
        case FASTUTIL_AVL -> ceiling(avl, probe, k);
      };
    }
  }

  /** A full map (Hotpath presized), for lookups, ranges and iteration. */
  @State(Scope.Thread)
  public static class Full extends Maps {
    long[] hits;
    long[] probes;
    int mask;
    int pos;
    long[] rangeFrom;
    long[] rangeTo;
    int rangePos;
    Long2ObjectSkipListMap<Value>.Cursor cursor;
    final HotpathSum hotpathSum = new HotpathSum();
    final BoxedSum boxedSum = new BoxedSum();

    /** Builds the map from the shared keys and checks it against the sorted keys. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      create(d.which, d.size);
      for (long k : d.keys) {
        putOne(k);
      }
      if (d.defragment) {
        hotpath.defragment();
      }
      int streamLength = Math.max(Keys.streamLength(d.size), MIN_STREAM);
      hits = Keys.longHitStream(d.size, streamLength);
      probes = Keys.longMissStream(d.size, streamLength);
      mask = hits.length - 1;
      long[] sorted = d.sorted;
      Checks.require(sorted[sorted.length - 1] != Long.MAX_VALUE, "the largest key is Long.MAX_VALUE");
      rangeFrom = new long[RANGE_STARTS];
      rangeTo = new long[RANGE_STARTS];
      SplittableRandom rnd = new SplittableRandom(Keys.SEED ^ 0x5241_4E47_45L); // "RANGE"
      for (int i = 0; i < RANGE_STARTS; i++) {
        int j = rnd.nextInt(d.size - RANGE + 1);
        rangeFrom[i] = sorted[j];
        rangeTo[i] = j + RANGE < d.size ? sorted[j + RANGE] : sorted[d.size - 1] + 1; // exclusive
      }
      if (which == SortedImpl.HOTPATH) {
        cursor = hotpath.newCursor();
        Checks.require(hotpath.capacity() >= d.size, "hotpath capacity " + hotpath.capacity() + " < " + d.size);
      }
      verify(d);
      ForkJvm.settleHeap();
    }

    /** Same answers as the sorted key array, through the benchmarks' own helpers. */
    private void verify(Data d) {
      long[] sorted = d.sorted;
      Checks.require(size() == d.size, which.id + ": size " + size() + " != " + d.size);
      for (int i = 0; i < 64; i++) {
        long k = hits[i];
        Checks.require(value(k) == Value.of(k), which.id + ": wrong value for key " + k);
      }
      SplittableRandom rnd = new SplittableRandom(Keys.SEED);
      long[] queries = new long[4 + 64 + 3 * 64];
      int q = 0;
      queries[q++] = Long.MIN_VALUE;
      queries[q++] = Long.MAX_VALUE;
      queries[q++] = sorted[0];
      queries[q++] = sorted[sorted.length - 1];
      for (int i = 0; i < 64; i++) {
        queries[q++] = probes[i];
      }
      for (int i = 0; i < 64; i++) {
        long k = sorted[rnd.nextInt(sorted.length)];
        queries[q++] = k;
        queries[q++] = k - 1;
        queries[q++] = k + 1;
      }
      for (long k : queries) {
        int at = Arrays.binarySearch(sorted, k);
        int floorAt = at >= 0 ? at : -at - 2;
        int ceilingAt = at >= 0 ? at : -at - 1;
        Value floor = floorAt >= 0 ? Value.of(sorted[floorAt]) : null;
        Value ceiling = ceilingAt < sorted.length ? Value.of(sorted[ceilingAt]) : null;
        Checks.require(floorValue(k) == floor, which.id + ": wrong floor of " + k);
        Checks.require(ceilingValue(k) == ceiling, which.id + ": wrong ceiling of " + k);
      }
      for (int i = 0; i < 8; i++) {
        int j = Arrays.binarySearch(sorted, rangeFrom[i]);
        long expected = 0;
        for (int e = j; e < j + RANGE; e++) {
          expected += sorted[e] + Value.of(sorted[e]).id;
        }
        Checks.require(walk(this, rangeFrom[i], rangeTo[i]) == expected,
            which.id + ": wrong range sum from " + rangeFrom[i]);
      }
      long all = 0;
      for (long k : sorted) {
        all += k + Value.of(k).id;
      }
      Checks.require(iterateAll(this) == all, which.id + ": wrong iteration sum");
    }

    /** Start of the next batch in the key streams. */
    final int advance() {
      int p = pos;
      pos = p + BATCH;
      return p;
    }
  }

  /** A default-constructed map, filled BATCH keys per invocation, replaced by a new one when full. */
  @State(Scope.Thread)
  public static class GrowingFill extends Maps {
    /** {@link Keys#fillRounds} disjoint key sets of {@code size} keys, back to back. */
    long[] keys;
    FillRounds fill;
    SortedImpl impl;

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

  /** A full map (Hotpath presized) that removes its oldest key and inserts a new one, FIFO. */
  @State(Scope.Thread)
  public static class Churn extends Maps {
    /** Distinct keys in random order; the map holds {@code ring[pos .. pos+size)} (mod length). */
    long[] ring;
    int ringMask;
    int pos;
    int size;

    /** Fills the map with the first {@code size} ring keys. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      size = d.size;
      int target = Math.max(2 * size, Math.min(64 * size, 4_000_000));
      ring = Keys.longKeys(Integer.highestOneBit(target - 1) << 1);
      ringMask = ring.length - 1;
      create(d.which, size);
      for (int i = 0; i < size; i++) {
        putOne(ring[i]);
      }
      Checks.require(size() == size, which.id + ": size " + size() + " != " + size);
      ForkJvm.settleHeap();
    }

    /**
     * The map kept its size and its window of keys. JMH counts a trial teardown's allocations in
     * the last iteration's {@code gc.alloc.rate.norm}: messages are built only on failure.
     */
    @TearDown(Level.Trial)
    public void check() {
      if (size() != size) {
        throw new IllegalStateException(which.id + ": churn changed the size to " + size());
      }
      for (int i = 0; i < 64; i++) {
        long k = ring[(pos + i) & ringMask];
        if (value(k) != Value.of(k)) {
          throw new IllegalStateException(which.id + ": churn lost key " + k);
        }
      }
    }
  }

  /** A full map (Hotpath presized) from which each invocation removes BATCH keys, put back after. */
  @State(Scope.Thread)
  public static class Removal extends Maps {
    /** {@link Keys#fillRounds} independent shuffles of the keys, back to back, each cut to {@code limit}. */
    long[] order;
    int limit;
    int next;
    /** Start in {@link #order} of the batch removed by the last invocation, or -1. */
    int removed = -1;
    int size;

    /** Builds the map and the removal order. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      size = d.size;
      create(d.which, size);
      for (long k : d.keys) {
        putOne(k);
      }
      limit = size - size % BATCH;
      int rounds = Keys.fillRounds(size);
      order = new long[limit * rounds];
      long[] perm = d.keys.clone();
      for (int r = 0; r < rounds; r++) {
        Keys.shuffle(perm, Keys.SEED ^ (0x5245_4D00L + r)); // "REM"
        System.arraycopy(perm, 0, order, r * limit, limit);
      }
      ForkJvm.settleHeap();
    }

    /** Outside the timing: put back what the last invocation removed. */
    @Setup(Level.Invocation)
    public void restore() {
      if (removed >= 0) {
        for (int i = removed, end = removed + BATCH; i < end; i++) {
          putOne(order[i]);
        }
        removed = -1;
      }
    }

    /** Start of the next batch to remove (batches never straddle two shuffles: BATCH divides limit). */
    final int take() {
      int from = next;
      next = (from + BATCH) % order.length;
      removed = from;
      return from;
    }

    /** Every key is back (messages built only on failure: see {@link Churn#check()}). */
    @TearDown(Level.Trial)
    public void check() {
      restore();
      if (size() != size) {
        throw new IllegalStateException(which.id + ": size " + size() + " != " + size + " after removals");
      }
    }
  }

  /* ---------------- Benchmarks ---------------- */

  /** Random lookup of a present key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int getHit(Full s) {
    int from = s.advance();
    long[] keys = s.hits;
    int mask = s.mask;
    return switch (s.which) {
      case HOTPATH -> get(s.hotpath, keys, from, mask);
      case JDK -> get(s.jdk, keys, from, mask);
      case CSL -> get(s.csl, keys, from, mask);
      case FASTUTIL_RB -> get(s.rb, keys, from, mask);
      case FASTUTIL_AVL -> get(s.avl, keys, from, mask);
    };
  }

  /** Floor value (even ops) or ceiling value (odd ops) of a random absent key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int floorCeiling(Full s) {
    int from = s.advance();
    long[] keys = s.probes;
    int mask = s.mask;
    return switch (s.which) {
      case HOTPATH -> floorCeiling(s.hotpath, keys, from, mask);
      case JDK -> floorCeiling(s.jdk, keys, from, mask);
      case CSL -> floorCeiling(s.csl, keys, from, mask);
      case FASTUTIL_RB -> floorCeiling(s.rb, s.probe, keys, from, mask);
      case FASTUTIL_AVL -> floorCeiling(s.avl, s.probe, keys, from, mask);
    };
  }

  /** Put of a new key into a map grown from its default capacity (Hotpath's growth amortized). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int putGrowing(GrowingFill s) {
    return s.putBatch(s.keys, s.fill.nextBatch());
  }

  /** Remove the oldest key and insert a new one: one op = both, at constant size. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int removeInsertChurn(Churn s) {
    int from = s.pos;
    s.pos = (from + BATCH) & s.ringMask;
    long[] ring = s.ring;
    int size = s.size;
    int mask = s.ringMask;
    return switch (s.which) {
      case HOTPATH -> churn(s.hotpath, ring, from, size, mask);
      case JDK -> churn(s.jdk, ring, from, size, mask);
      case CSL -> churn(s.csl, ring, from, size, mask);
      case FASTUTIL_RB -> churn(s.rb, ring, from, size, mask);
      case FASTUTIL_AVL -> churn(s.avl, ring, from, size, mask);
    };
  }

  /** Removal of a present key (reinserted outside the timing). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int remove(Removal s) {
    int from = s.take();
    long[] keys = s.order;
    return switch (s.which) {
      case HOTPATH -> remove(s.hotpath, keys, from);
      case JDK -> remove(s.jdk, keys, from);
      case CSL -> remove(s.csl, keys, from);
      case FASTUTIL_RB -> remove(s.rb, keys, from);
      case FASTUTIL_AVL -> remove(s.avl, keys, from);
    };
  }

  /** One ascending walk over {@link #RANGE} entries from a random present key. */
  @Benchmark
  public long rangeWalk(Full s) {
    int r = s.rangePos++ & (RANGE_STARTS - 1);
    return walk(s, s.rangeFrom[r], s.rangeTo[r]);
  }

  /** One full ascending iteration over the map, summing keys and value ids. */
  @Benchmark
  public long iterate(Full s) {
    return iterateAll(s);
  }

  private static long walk(Full s, long from, long toExclusive) {
    return switch (s.which) {
      case HOTPATH -> range(s.hotpath, from, toExclusive, s.hotpathSum);
      case JDK -> range(s.jdk, from, toExclusive);
      case CSL -> range(s.csl, from, toExclusive);
      case FASTUTIL_RB -> range(s.rb, from, toExclusive);
      case FASTUTIL_AVL -> range(s.avl, from, toExclusive);
    };
  }

  private static long iterateAll(Full s) {
    return switch (s.which) {
      case HOTPATH -> iterate(s.cursor);
      case JDK -> iterate(s.jdk);
      case CSL -> iterate(s.csl, s.boxedSum);
      case FASTUTIL_RB -> iterate(s.rb);
      case FASTUTIL_AVL -> iterate(s.avl);
    };
  }

  private static int id(Value v) {
    return v == null ? 0 : v.id;
  }

  /* ---------------- Monomorphic loops: get ---------------- */

  private static int get(Long2ObjectSkipListMap<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += id(m.get(keys[(from + i) & mask]));
    }
    return sum;
  }

  private static int get(TreeMap<Long, Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += id(m.get(keys[(from + i) & mask]));
    }
    return sum;
  }

  private static int get(ConcurrentSkipListMap<Long, Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += id(m.get(keys[(from + i) & mask]));
    }
    return sum;
  }

  private static int get(Long2ObjectRBTreeMap<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += id(m.get(keys[(from + i) & mask]));
    }
    return sum;
  }

  private static int get(Long2ObjectAVLTreeMap<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += id(m.get(keys[(from + i) & mask]));
    }
    return sum;
  }

  /* ---------------- Floor and ceiling: one lookup each ---------------- */

  private static Value floor(Long2ObjectSkipListMap<Value> m, long k) {
    return m.floorValue(k);
  }

  private static Value ceiling(Long2ObjectSkipListMap<Value> m, long k) {
    return m.ceilingValue(k);
  }

  private static Value floor(TreeMap<Long, Value> m, long k) {
    Map.Entry<Long, Value> e = m.floorEntry(k);
    return e == null ? null : e.getValue();
  }

  private static Value ceiling(TreeMap<Long, Value> m, long k) {
    Map.Entry<Long, Value> e = m.ceilingEntry(k);
    return e == null ? null : e.getValue();
  }

  private static Value floor(ConcurrentSkipListMap<Long, Value> m, long k) {
    Map.Entry<Long, Value> e = m.floorEntry(k);
    return e == null ? null : e.getValue();
  }

  private static Value ceiling(ConcurrentSkipListMap<Long, Value> m, long k) {
    Map.Entry<Long, Value> e = m.ceilingEntry(k);
    return e == null ? null : e.getValue();
  }

  // fastutil: the entry set's iterator(from) starts between the greatest key <= from and the
  // least key > from. Floor = its previous(); ceiling = next() of iterator(k - 1).

  private static Value floor(Long2ObjectRBTreeMap<Value> m, Probe probe, long k) {
    ObjectBidirectionalIterator<Long2ObjectMap.Entry<Value>> it = m.long2ObjectEntrySet().iterator(probe.at(k));
    return it.hasPrevious() ? it.previous().getValue() : null;
  }

  private static Value ceiling(Long2ObjectRBTreeMap<Value> m, Probe probe, long k) {
    ObjectBidirectionalIterator<Long2ObjectMap.Entry<Value>> it = k == Long.MIN_VALUE
        ? m.long2ObjectEntrySet().iterator()
        : m.long2ObjectEntrySet().iterator(probe.at(k - 1));
    return it.hasNext() ? it.next().getValue() : null;
  }

  private static Value floor(Long2ObjectAVLTreeMap<Value> m, Probe probe, long k) {
    ObjectBidirectionalIterator<Long2ObjectMap.Entry<Value>> it = m.long2ObjectEntrySet().iterator(probe.at(k));
    return it.hasPrevious() ? it.previous().getValue() : null;
  }

  private static Value ceiling(Long2ObjectAVLTreeMap<Value> m, Probe probe, long k) {
    ObjectBidirectionalIterator<Long2ObjectMap.Entry<Value>> it = k == Long.MIN_VALUE
        ? m.long2ObjectEntrySet().iterator()
        : m.long2ObjectEntrySet().iterator(probe.at(k - 1));
    return it.hasNext() ? it.next().getValue() : null;
  }

  /* ---------------- Monomorphic loops: floor + ceiling ---------------- */

  private static int floorCeiling(Long2ObjectSkipListMap<Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i += 2) {
      sum += id(floor(m, keys[(from + i) & mask]));
      sum += id(ceiling(m, keys[(from + i + 1) & mask]));
    }
    return sum;
  }

  private static int floorCeiling(TreeMap<Long, Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i += 2) {
      sum += id(floor(m, keys[(from + i) & mask]));
      sum += id(ceiling(m, keys[(from + i + 1) & mask]));
    }
    return sum;
  }

  private static int floorCeiling(ConcurrentSkipListMap<Long, Value> m, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i += 2) {
      sum += id(floor(m, keys[(from + i) & mask]));
      sum += id(ceiling(m, keys[(from + i + 1) & mask]));
    }
    return sum;
  }

  private static int floorCeiling(Long2ObjectRBTreeMap<Value> m, Probe probe, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i += 2) {
      sum += id(floor(m, probe, keys[(from + i) & mask]));
      sum += id(ceiling(m, probe, keys[(from + i + 1) & mask]));
    }
    return sum;
  }

  private static int floorCeiling(Long2ObjectAVLTreeMap<Value> m, Probe probe, long[] keys, int from, int mask) {
    int sum = 0;
    for (int i = 0; i < BATCH; i += 2) {
      sum += id(floor(m, probe, keys[(from + i) & mask]));
      sum += id(ceiling(m, probe, keys[(from + i + 1) & mask]));
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: put ---------------- */

  static int put(Long2ObjectSkipListMap<Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  static int put(TreeMap<Long, Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  static int put(ConcurrentSkipListMap<Long, Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  static int put(Long2ObjectRBTreeMap<Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  static int put(Long2ObjectAVLTreeMap<Value> m, long[] keys, int from) {
    for (int i = from, end = from + BATCH; i < end; i++) {
      long k = keys[i];
      m.put(k, Value.of(k));
    }
    return m.size();
  }

  /* ---------------- Monomorphic loops: FIFO churn (remove oldest, insert new) ---------------- */

  private static int churn(Long2ObjectSkipListMap<Value> m, long[] ring, int from, int size, int mask) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(ring[i & mask]).id;
      long k = ring[(i + size) & mask];
      m.put(k, Value.of(k));
    }
    return sum;
  }

  private static int churn(TreeMap<Long, Value> m, long[] ring, int from, int size, int mask) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(ring[i & mask]).id;
      long k = ring[(i + size) & mask];
      m.put(k, Value.of(k));
    }
    return sum;
  }

  private static int churn(ConcurrentSkipListMap<Long, Value> m, long[] ring, int from, int size, int mask) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(ring[i & mask]).id;
      long k = ring[(i + size) & mask];
      m.put(k, Value.of(k));
    }
    return sum;
  }

  private static int churn(Long2ObjectRBTreeMap<Value> m, long[] ring, int from, int size, int mask) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(ring[i & mask]).id;
      long k = ring[(i + size) & mask];
      m.put(k, Value.of(k));
    }
    return sum;
  }

  private static int churn(Long2ObjectAVLTreeMap<Value> m, long[] ring, int from, int size, int mask) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(ring[i & mask]).id;
      long k = ring[(i + size) & mask];
      m.put(k, Value.of(k));
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: remove ---------------- */

  private static int remove(Long2ObjectSkipListMap<Value> m, long[] keys, int from) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(keys[i]).id;
    }
    return sum;
  }

  private static int remove(TreeMap<Long, Value> m, long[] keys, int from) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(keys[i]).id;
    }
    return sum;
  }

  private static int remove(ConcurrentSkipListMap<Long, Value> m, long[] keys, int from) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(keys[i]).id;
    }
    return sum;
  }

  private static int remove(Long2ObjectRBTreeMap<Value> m, long[] keys, int from) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(keys[i]).id;
    }
    return sum;
  }

  private static int remove(Long2ObjectAVLTreeMap<Value> m, long[] keys, int from) {
    int sum = 0;
    for (int i = from, end = from + BATCH; i < end; i++) {
      sum += m.remove(keys[i]).id;
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: range walk ---------------- */

  private static long range(Long2ObjectSkipListMap<Value> m, long from, long toExclusive, HotpathSum acc) {
    acc.sum = 0;
    m.forEachInRange(from, toExclusive, acc);
    return acc.sum;
  }

  private static long range(TreeMap<Long, Value> m, long from, long toExclusive) {
    long sum = 0;
    for (Map.Entry<Long, Value> e : m.subMap(from, true, toExclusive, false).entrySet()) {
      sum += e.getKey() + e.getValue().id;
    }
    return sum;
  }

  private static long range(ConcurrentSkipListMap<Long, Value> m, long from, long toExclusive) {
    long sum = 0;
    for (Map.Entry<Long, Value> e : m.subMap(from, true, toExclusive, false).entrySet()) {
      sum += e.getKey() + e.getValue().id;
    }
    return sum;
  }

  private static long range(Long2ObjectRBTreeMap<Value> m, long from, long toExclusive) {
    long sum = 0;
    for (Long2ObjectMap.Entry<Value> e : m.subMap(from, toExclusive).long2ObjectEntrySet()) {
      sum += e.getLongKey() + e.getValue().id;
    }
    return sum;
  }

  private static long range(Long2ObjectAVLTreeMap<Value> m, long from, long toExclusive) {
    long sum = 0;
    for (Long2ObjectMap.Entry<Value> e : m.subMap(from, toExclusive).long2ObjectEntrySet()) {
      sum += e.getLongKey() + e.getValue().id;
    }
    return sum;
  }

  /* ---------------- Monomorphic loops: full iteration ---------------- */

  private static long iterate(Long2ObjectSkipListMap<Value>.Cursor c) {
    long sum = 0;
    c.reset();
    while (c.next()) {
      sum += c.key() + c.value().id;
    }
    return sum;
  }

  private static long iterate(TreeMap<Long, Value> m) {
    long sum = 0;
    for (Map.Entry<Long, Value> e : m.entrySet()) {
      sum += e.getKey() + e.getValue().id;
    }
    return sum;
  }

  private static long iterate(ConcurrentSkipListMap<Long, Value> m, BoxedSum acc) {
    acc.sum = 0;
    m.forEach(acc);
    return acc.sum;
  }

  private static long iterate(Long2ObjectRBTreeMap<Value> m) {
    long sum = 0;
    for (Long2ObjectMap.Entry<Value> e : m.long2ObjectEntrySet()) {
      sum += e.getLongKey() + e.getValue().id;
    }
    return sum;
  }

  private static long iterate(Long2ObjectAVLTreeMap<Value> m) {
    long sum = 0;
    for (Long2ObjectMap.Entry<Value> e : m.long2ObjectEntrySet()) {
      sum += e.getLongKey() + e.getValue().id;
    }
    return sum;
  }

  /* ---------------- Reused callbacks and probes ---------------- */

  /** Reusable accumulator for Hotpath's internal iteration. */
  static final class HotpathSum implements LongObjConsumer<Value> {
    long sum;

    @Override
    public void accept(long key, Value value) {
      sum += key + value.id;
    }
  }

  /** Reusable accumulator for {@code ConcurrentSkipListMap.forEach} (the keys are already boxed). */
  static final class BoxedSum implements BiConsumer<Long, Value> {
    long sum;

    @Override
    public void accept(Long key, Value value) {
      sum += key + value.id;
    }
  }

  /** A reused search key for fastutil's {@code entrySet().iterator(from)}, which reads only its key. */
  static final class Probe extends AbstractLong2ObjectMap.BasicEntry<Value> {
    Probe at(long k) {
      key = k;
      return this;
    }
  }
}
