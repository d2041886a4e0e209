package org.hotpath.jmh;

import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.hotpath.collections.Int2IntHashMap;
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
 * Question: in a request handler that uses maps the way everyday code does, how much garbage does
 * {@code java.util.HashMap} make per request, how often does the collector run because of it, and
 * what does a request cost, against Hotpath maps that make none?
 *
 * <p>One op is one request; {@link #REQUESTS_PER_INVOCATION} requests per invocation, each taken
 * in turn from precomputed request streams (keys from {@link Keys}, values from the {@link Value}
 * pool), so the harness allocates nothing and every implementation serves exactly the same
 * requests. Implementations ({@code -p impl=}): {@code jdk} and {@code hotpath}.
 *
 * <ul>
 *   <li>{@code perRequestMap}: a request carries {@link #ATTRIBUTES} attributes ({@code long} id ->
 *       attribute object); the handler puts them in a map, makes {@link #QUERIES} lookups (three in
 *       four hit, the rest look for an id the request does not carry) and is done with the map.
 *       {@code jdk}: {@code new HashMap<Long, Value>()} per request, default-constructed and
 *       dropped at the end, as typical handler code does (a field that is cleared instead would
 *       keep the table but still box every key and allocate a node per put). {@code hotpath}: one
 *       {@code Long2ObjectHashMap} of the handler, presized once and {@code clear()}ed after each
 *       request.
 *   <li>{@code sharedCounters}: a long-lived map of {@link #COUNTER_KEYS} event counters and one of
 *       {@link #SESSIONS} sessions; a request looks up its session by {@code long} id, then counts
 *       {@link #EVENTS} events, each a random one of the counter keys (uniform), and reads the new
 *       count. {@code jdk}: {@code HashMap<Long, Value>.get} and {@code HashMap<Integer,
 *       Integer>.merge(k, 1, Integer::sum)} (a static method reference, allocated once); {@code
 *       hotpath}: {@code Long2ObjectHashMap.get} and {@code Int2IntHashMap.addAndGet(k, 1)}. Every
 *       key is present from setup on (counts start at 0), so no request adds a key; one thread.
 * </ul>
 *
 * <p>The JDK's garbage is what such a handler pays: {@code Long}/{@code Integer} boxes of keys that
 * are not in the small-value caches (the {@link Keys} keys span the full range), the new {@code
 * Integer} of every count above 127, {@code HashMap}'s nodes and its tables as it grows from the
 * default 16 slots (measured: 3,872 and 536 bytes per request, itemised in {@code
 * docs/results/gc-storm.md}). The attribute and session objects themselves are preallocated for
 * both, so only the maps differ. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is bytes per request, {@code
 * gc.alloc.rate} MB/s, {@code gc.count} and {@code gc.time} the collections in the measured
 * iterations.
 *
 * <p>Heap: a fixed 1 GB G1 heap ({@code -XX:+UseG1GC -Xms1g -Xmx1g}) with G1's own young-generation
 * sizing, so collection counts are comparable between implementations and runs; the heap is
 * touched at start-up ({@code -XX:+AlwaysPreTouch}) because first-touch page faults on the VMs this
 * project runs on slow an allocating benchmark until its eden has been recycled once (see {@link
 * ForkJvm}). A command-line {@code -jvmArgsAppend} replaces these flags; repeat them there.
 *
 * <p>Checks: setup runs every request of each stream through the benchmark's own code and compares
 * the result with one computed from the streams alone (the counters against an {@code int[]} of
 * counts, key by key).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {GcStormBenchmark.G1, GcStormBenchmark.MIN_HEAP, GcStormBenchmark.MAX_HEAP,
    GcStormBenchmark.PRE_TOUCH})
public class GcStormBenchmark {

  /* ---------------- Workload shape ---------------- */

  /** The fork's collector: G1, named because a JVM that sees a small machine would pick Serial. */
  static final String G1 = "-XX:+UseG1GC";
  /** A fixed 1 GB heap: the same room for every implementation and run; G1 sizes the young generation. */
  static final String MIN_HEAP = "-Xms1g";
  static final String MAX_HEAP = "-Xmx1g";
  /** Touch the heap at start-up, not on first allocation (see the class comment). */
  static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

  /** Requests per invocation: enough that the dispatch switch disappears, few enough to stay short. */
  static final int REQUESTS_PER_INVOCATION = 64;

  /** Attributes per request in {@code perRequestMap}: past {@code HashMap}'s second resize (12, 24). */
  static final int ATTRIBUTES = 32;

  /** Lookups per request in {@code perRequestMap}: each attribute about once or twice, plus misses. */
  static final int QUERIES = 64;

  /** Of the {@link #QUERIES}, those that hit (the rest miss): three in four. */
  static final int QUERY_HITS = 48;

  /** Distinct requests in the {@code perRequestMap} stream: a power of two (masked index). */
  static final int ATTRIBUTE_REQUESTS = 1024;

  /** Event counters in {@code sharedCounters}: an L2-sized table for Hotpath, more for boxed nodes. */
  static final int COUNTER_KEYS = 10_000;

  /** Sessions in {@code sharedCounters}. */
  static final int SESSIONS = 10_000;

  /** Events counted per request in {@code sharedCounters}. */
  static final int EVENTS = 16;

  /** Distinct requests in the {@code sharedCounters} stream: a power of two (masked index). */
  static final int COUNTER_REQUESTS = 4096;

  /* ---------------- Parameters and state ---------------- */

  /** Implementation under test. */
  @Param({"jdk", "hotpath"})
  String impl;

  Impl which;

  /** perRequestMap: request r's attribute ids are {@code ids[r * ATTRIBUTES ..]}. */
  long[] ids;
  /** perRequestMap: request r's lookups are {@code queries[r * QUERIES ..]}. */
  long[] queries;
  /** perRequestMap: Hotpath's reused per-request map. */
  Long2ObjectHashMap<Value> requestMap;

  /** sharedCounters: the counter keys. */
  int[] counterKeys;
  /** sharedCounters: request r's events are {@code counterKeys[eventIndex[r * EVENTS ..]]}. */
  int[] eventIndex;
  /** sharedCounters: {@link #eventIndex} resolved to keys, what the requests read. */
  int[] events;
  /** sharedCounters: request r's session id. */
  long[] sessionIds;
  HashMap<Integer, Integer> jdkCounters;
  HashMap<Long, Value> jdkSessions;
  Int2IntHashMap counters;
  Long2ObjectHashMap<Value> sessions;

  /** The next request of each stream: successive invocations continue it (masked). */
  int nextAttributeRequest;
  int nextCounterRequest;

  /** Builds the request streams and the shared maps, and checks both benchmarks' results. */
  @Setup(Level.Trial)
  public void setUp() {
    which = Impl.of(impl);
    if (which != Impl.JDK && which != Impl.HOTPATH) {
      throw new IllegalArgumentException("unknown implementation for GcStormBenchmark: " + impl + " (known: jdk, hotpath)");
    }
    buildAttributeRequests();
    buildCounterRequests();
    checkPerRequestMap();
    checkSharedCounters();
    ForkJvm.settleHeap();
  }

  /* ---------------- Benchmarks ---------------- */

  /** One request: put {@link #ATTRIBUTES} attributes in a map, make {@link #QUERIES} lookups, drop or clear the map. */
  @Benchmark
  @OperationsPerInvocation(REQUESTS_PER_INVOCATION)
  public long perRequestMap() {
    int first = nextAttributeRequest;
    nextAttributeRequest = first + REQUESTS_PER_INVOCATION;
    return switch (which) {
      case HOTPATH -> perRequestHotpath(requestMap, ids, queries, first);
      default -> perRequestJdk(ids, queries, first);
    };
  }

  /** One request: a session lookup by {@code long} id, then {@link #EVENTS} counter increments. */
  @Benchmark
  @OperationsPerInvocation(REQUESTS_PER_INVOCATION)
  public long sharedCounters() {
    int first = nextCounterRequest;
    nextCounterRequest = first + REQUESTS_PER_INVOCATION;
    return switch (which) {
      case HOTPATH -> countersHotpath(counters, sessions, events, sessionIds, first);
      default -> countersJdk(jdkCounters, jdkSessions, events, sessionIds, first);
    };
  }

  /* ---------------- perRequestMap ---------------- */

  /**
   * Requests {@code first ..} of the attribute stream on a new {@code HashMap} each; returns the sum
   * of the ids of the values found plus each map's size.
   */
  private static long perRequestJdk(long[] ids, long[] queries, int first) {
    long sum = 0;
    for (int r = 0; r < REQUESTS_PER_INVOCATION; r++) {
      int request = (first + r) & (ATTRIBUTE_REQUESTS - 1);
      HashMap<Long, Value> attributes = new HashMap<>();
      int from = request * ATTRIBUTES;
      for (int a = 0; a < ATTRIBUTES; a++) {
        long id = ids[from + a];
        attributes.put(id, Value.of(id));
      }
      from = request * QUERIES;
      for (int q = 0; q < QUERIES; q++) {
        Value v = attributes.get(queries[from + q]);
        if (v != null) {
          sum += v.id;
        }
      }
      sum += attributes.size();
    }
    return sum;
  }

  /** As {@link #perRequestJdk}, on one reused {@code Long2ObjectHashMap}, cleared after each request. */
  private static long perRequestHotpath(Long2ObjectHashMap<Value> attributes, long[] ids, long[] queries, int first) {
    long sum = 0;
    for (int r = 0; r < REQUESTS_PER_INVOCATION; r++) {
      int request = (first + r) & (ATTRIBUTE_REQUESTS - 1);
      int from = request * ATTRIBUTES;
      for (int a = 0; a < ATTRIBUTES; a++) {
        long id = ids[from + a];
        attributes.put(id, Value.of(id));
      }
      from = request * QUERIES;
      for (int q = 0; q < QUERIES; q++) {
        Value v = attributes.get(queries[from + q]);
        if (v != null) {
          sum += v.id;
        }
      }
      sum += attributes.size();
      attributes.clear();
    }
    return sum;
  }

  /**
   * Request r carries ids {@code longKey(r * ATTRIBUTES + a)}, distinct over the whole stream; its
   * misses are ids past the stream's last, so no request carries them.
   */
  private void buildAttributeRequests() {
    ids = new long[ATTRIBUTE_REQUESTS * ATTRIBUTES];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Keys.longKey(i);
    }
    queries = new long[ATTRIBUTE_REQUESTS * QUERIES];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(Keys.SEED ^ 0x5245_5155L); // "REQU"
    long nextMiss = ids.length;
    long[] request = new long[QUERIES];
    for (int r = 0; r < ATTRIBUTE_REQUESTS; r++) {
      for (int q = 0; q < QUERIES; q++) {
        request[q] = q < QUERY_HITS ? ids[r * ATTRIBUTES + rnd.nextInt(ATTRIBUTES)] : Keys.longKey(nextMiss++);
      }
      Keys.shuffle(request, rnd.nextLong());
      System.arraycopy(request, 0, queries, r * QUERIES, QUERIES);
    }
    nextAttributeRequest = 0;
    requestMap = which == Impl.HOTPATH ? new Long2ObjectHashMap<>(ATTRIBUTES) : null;
  }

  /** Runs the whole attribute stream, batch by batch, against a sum computed from the streams alone. */
  private void checkPerRequestMap() {
    for (int batch = 0; batch < ATTRIBUTE_REQUESTS / REQUESTS_PER_INVOCATION; batch++) {
      long expected = 0;
      for (int r = batch * REQUESTS_PER_INVOCATION; r < (batch + 1) * REQUESTS_PER_INVOCATION; r++) {
        for (int q = r * QUERIES; q < (r + 1) * QUERIES; q++) {
          if (carries(r, queries[q])) {
            expected += Value.of(queries[q]).id;
          }
        }
        expected += ATTRIBUTES;
      }
      long got = perRequestMap();
      Checks.require(got == expected, impl + ": perRequestMap batch " + batch + " returned " + got + " != " + expected);
    }
    Checks.require(requestMap == null || requestMap.isEmpty(), impl + ": the reused map is not empty after a request");
    nextAttributeRequest = 0;
  }

  /** Whether request {@code r} carries attribute {@code id} (a linear scan: setup only). */
  private boolean carries(int r, long id) {
    for (int a = r * ATTRIBUTES; a < (r + 1) * ATTRIBUTES; a++) {
      if (ids[a] == id) {
        return true;
      }
    }
    return false;
  }

  /* ---------------- sharedCounters ---------------- */

  /**
   * Requests {@code first ..} of the counter stream on the JDK maps; returns the sum of the session
   * values' ids and of every new count.
   */
  private static long countersJdk(HashMap<Integer, Integer> counters, HashMap<Long, Value> sessions, int[] events,
      long[] sessionIds, int first) {
    long sum = 0;
    for (int r = 0; r < REQUESTS_PER_INVOCATION; r++) {
      int request = (first + r) & (COUNTER_REQUESTS - 1);
      sum += sessions.get(sessionIds[request]).id;
      int from = request * EVENTS;
      for (int e = 0; e < EVENTS; e++) {
        sum += counters.merge(events[from + e], 1, Integer::sum);
      }
    }
    return sum;
  }

  /** As {@link #countersJdk}, on Hotpath's maps. */
  private static long countersHotpath(Int2IntHashMap counters, Long2ObjectHashMap<Value> sessions, int[] events,
      long[] sessionIds, int first) {
    long sum = 0;
    for (int r = 0; r < REQUESTS_PER_INVOCATION; r++) {
      int request = (first + r) & (COUNTER_REQUESTS - 1);
      sum += sessions.get(sessionIds[request]).id;
      int from = request * EVENTS;
      for (int e = 0; e < EVENTS; e++) {
        sum += counters.addAndGet(events[from + e], 1);
      }
    }
    return sum;
  }

  /** The counter and session keys, the request stream, and the shared maps with every key present. */
  private void buildCounterRequests() {
    counterKeys = Keys.intKeys(COUNTER_KEYS);
    long[] sessionKeys = Keys.longKeys(SESSIONS);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(Keys.SEED ^ 0x4556_4E54L); // "EVNT"
    eventIndex = new int[COUNTER_REQUESTS * EVENTS];
    events = new int[eventIndex.length];
    for (int i = 0; i < eventIndex.length; i++) {
      eventIndex[i] = rnd.nextInt(COUNTER_KEYS);
      events[i] = counterKeys[eventIndex[i]];
    }
    sessionIds = new long[COUNTER_REQUESTS];
    for (int r = 0; r < COUNTER_REQUESTS; r++) {
      sessionIds[r] = sessionKeys[rnd.nextInt(SESSIONS)];
    }
    if (which == Impl.HOTPATH) {
      counters = new Int2IntHashMap();
      sessions = new Long2ObjectHashMap<>();
      for (int k : counterKeys) {
        counters.put(k, 0);
      }
      for (long s : sessionKeys) {
        sessions.put(s, Value.of(s));
      }
    } else {
      jdkCounters = new HashMap<>();
      jdkSessions = new HashMap<>();
      for (int k : counterKeys) {
        jdkCounters.put(k, 0);
      }
      for (long s : sessionKeys) {
        jdkSessions.put(s, Value.of(s));
      }
    }
    nextCounterRequest = 0;
  }

  /**
   * Runs the whole counter stream twice, batch by batch, against sums computed with an {@code int[]}
   * of counts, then compares every key's count. The counts stay: measurement continues from them.
   */
  private void checkSharedCounters() {
    int[] counts = new int[COUNTER_KEYS];
    for (int batch = 0; batch < 2 * COUNTER_REQUESTS / REQUESTS_PER_INVOCATION; batch++) {
      long expected = 0;
      for (int i = batch * REQUESTS_PER_INVOCATION; i < (batch + 1) * REQUESTS_PER_INVOCATION; i++) {
        int r = i & (COUNTER_REQUESTS - 1);
        expected += Value.of(sessionIds[r]).id;
        for (int e = r * EVENTS; e < (r + 1) * EVENTS; e++) {
          expected += ++counts[eventIndex[e]];
        }
      }
      long got = sharedCounters();
      Checks.require(got == expected, impl + ": sharedCounters batch " + batch + " returned " + got + " != " + expected);
    }
    for (int i = 0; i < COUNTER_KEYS; i++) {
      int k = counterKeys[i];
      int got = which == Impl.HOTPATH ? counters.get(k) : jdkCounters.get(k);
      Checks.require(got == counts[i], impl + ": count of key " + k + " is " + got + " != " + counts[i]);
    }
    int size = which == Impl.HOTPATH ? counters.size() : jdkCounters.size();
    Checks.require(size == COUNTER_KEYS, impl + ": " + size + " counters != " + COUNTER_KEYS);
  }
}
