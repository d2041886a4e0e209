package org.hotpath.jmh;

/**
 * The key streams shared by every benchmark, so every implementation sees exactly the same keys in
 * exactly the same order.
 *
 * <p>Keys are {@code key(i)} for a counter {@code i}: a fixed bijection of the 32- (64-) bit space,
 * so distinct counters give distinct keys without a dedup pass, and keys are spread uniformly over
 * the <em>full</em> range (negative, positive, high bits set). The bijection is shifted so that
 * {@code key(0) == 0}: zero is the usual "empty slot" sentinel in open addressing and takes a
 * special path in several of the libraries, so it belongs in the mix. Hits use counters
 * {@code [0, n)}; misses use counters {@code [n, n + m)} and so are absent by construction.
 *
 * <p>Nothing here depends on the benchmarked code: a stream depends only on {@link #SEED}, the
 * number of keys and the stream length.
 */
final class Keys {

  /** Fixed seed: the same keys in every fork, run and implementation. */
  static final long SEED = 0x5EED_1234_ABCD_0042L;

  /**
   * Operations per benchmark invocation. Large enough that the per-invocation cost (the dispatch
   * switch, JMH's loop, the timestamps of {@code Level.Invocation} fixtures) disappears, small
   * enough that one invocation stays in the microseconds; it divides every standard size (1K, 100K,
   * 1M, 10M), which is also the smallest size the put benchmarks accept.
   */
  static final int BATCH = 1000;

  private static final int INT_OFFSET = scramble32((int) SEED);
  private static final long LONG_OFFSET = scramble64(SEED);

  private Keys() {}

  /* ---------------- Keys ---------------- */

  /** The {@code i}-th int key: a bijection of {@code i}, with {@code intKey(0) == 0}. */
  static int intKey(int i) {
    return scramble32(i + (int) SEED) ^ INT_OFFSET;
  }

  /** The {@code i}-th long key: a bijection of {@code i}, with {@code longKey(0) == 0}. */
  static long longKey(long i) {
    return scramble64(i + SEED) ^ LONG_OFFSET;
  }

  /** The value stored for an int key: odd, so never 0 (Hotpath's missing value) nor MIN_VALUE (Agrona's). */
  static int intValue(int key) {
    return key * 0x9E37_79B9 | 1;
  }

  /** Keys {@code intKey(0 .. n-1)} in a random (seeded) order: the insertion order of every map. */
  static int[] intKeys(int n) {
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = intKey(i);
    }
    shuffle(keys, SEED + n);
    return keys;
  }

  /** Keys {@code longKey(0 .. n-1)} in a random (seeded) order: the insertion order of every map. */
  static long[] longKeys(int n) {
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = longKey(i);
    }
    shuffle(keys, SEED + n);
    return keys;
  }

  /* ---------------- Lookup streams ---------------- */

  /** Shortest lookup stream: a branch predictor learns a stream of 1,024 lookups (see below). */
  static final int MIN_STREAM = 1 << 16;

  /**
   * Length of a lookup stream for {@code n} keys: a power of two, so the index wraps with a mask,
   * and at least {@link #MIN_STREAM}. A stream that repeats every ~1,000 lookups lets the branch
   * predictor learn each lookup's probe outcome: at 1K entries the old 1,024-key streams made every
   * hash map look faster, linear probing at high load most (its loop exits are what a long stream
   * makes unpredictable).
   */
  static int streamLength(int n) {
    return Math.max(MIN_STREAM, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
  }

  /**
   * A lookup stream of present keys: successive independent shuffles of all {@code n} keys,
   * concatenated and cut to {@link #streamLength(int)}; every lookup is a random one.
   */
  static int[] intHitStream(int n) {
    int[] stream = new int[streamLength(n)];
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = intKey(i);
    }
    long seed = SEED ^ 0x4849_5453L; // "HITS"
    for (int from = 0; from < stream.length; from += n) {
      shuffle(perm, seed++);
      System.arraycopy(perm, 0, stream, from, Math.min(n, stream.length - from));
    }
    return stream;
  }

  /** As {@link #intHitStream(int)}, for long keys. */
  static long[] longHitStream(int n) {
    return longHitStream(n, streamLength(n));
  }

  /**
   * As {@link #longHitStream(int)}, {@code length} lookups long (a power of two). Tree and skip-list
   * searches take a data-dependent branch per step: a stream that repeats every ~1,000 lookups lets
   * the branch predictor learn the search paths (measured, 1K entries: {@code TreeMap.get} 10 ns on
   * a 1,024-lookup stream, 50 ns on 65,536 or more), so {@link SortedMapBenchmark} asks for longer
   * streams.
   */
  static long[] longHitStream(int n, int length) {
    long[] stream = new long[length];
    long[] perm = new long[n];
    for (int i = 0; i < n; i++) {
      perm[i] = longKey(i);
    }
    long seed = SEED ^ 0x4849_5453L;
    for (int from = 0; from < stream.length; from += n) {
      shuffle(perm, seed++);
      System.arraycopy(perm, 0, stream, from, Math.min(n, stream.length - from));
    }
    return stream;
  }

  /**
   * A stream of indices into a key array of {@code n} keys, {@code length} long: successive
   * independent shuffles of {@code 0 .. n-1}, concatenated and cut to {@code length}; every index is
   * a random one, every key equally often. The concurrent benchmarks index both a primitive and a
   * pre-boxed key array with it, so every implementation sees the same keys in the same order.
   */
  static int[] indexStream(int n, int length) {
    int[] stream = new int[length];
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    long seed = SEED ^ 0x494E_4458L; // "INDX"
    for (int from = 0; from < stream.length; from += n) {
      shuffle(perm, seed++);
      System.arraycopy(perm, 0, stream, from, Math.min(n, stream.length - from));
    }
    return stream;
  }

  /** A lookup stream of absent keys (counters {@code n, n+1, ...}, so none was inserted). */
  static int[] intMissStream(int n) {
    int[] stream = new int[streamLength(n)];
    for (int i = 0; i < stream.length; i++) {
      stream[i] = intKey(n + i);
    }
    return stream;
  }

  /** As {@link #intMissStream(int)}, for long keys. */
  static long[] longMissStream(int n) {
    return longMissStream(n, streamLength(n));
  }

  /** As {@link #longMissStream(int)}, {@code length} keys long (see {@link #longHitStream(int, int)}). */
  static long[] longMissStream(int n, int length) {
    long[] stream = new long[length];
    for (int i = 0; i < stream.length; i++) {
      stream[i] = longKey((long) n + i);
    }
    return stream;
  }

  /* ---------------- Helpers ---------------- */

  /** Seeded Fisher-Yates shuffle. */
  static void shuffle(int[] a, long seed) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Seeded Fisher-Yates shuffle. */
  static void shuffle(long[] a, long seed) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A bijection of int: odd multiply then murmur3's fmix32 (each step is invertible). */
  private static int scramble32(int x) {
    x *= 0x9E37_79B9;
    x ^= x >>> 16;
    x *= 0x85EB_CA6B;
    x ^= x >>> 13;
    x *= 0xC2B2_AE35;
    x ^= x >>> 16;
    return x;
  }

  /** A bijection of long: odd multiply then the SplitMix64 finalizer (each step is invertible). */
  private static long scramble64(long x) {
    x *= 0x9E37_79B9_7F4A_7C15L;
    x = (x ^ (x >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return x ^ (x >>> 31);
  }

  /**
   * Key sets the fill benchmarks rotate through. Refilling a map with the same keys in the same
   * order lets the branch predictor learn the probe sequence of a small table (measured: 1,000
   * repeated keys made peers' growing puts look 3x cheaper than with fresh keys), which no real
   * workload enjoys; so every refill uses a new key set, as many as fit in about 4M keys.
   */
  static int fillRounds(int size) {
    return Math.max(2, Math.min(64, 4_000_000 / size));
  }
}
