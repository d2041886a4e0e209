package org.hotpath.jmh;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hotpath.collections.Int2IntHashMap;
import org.hotpath.collections.Long2ObjectHashMap;
import org.hotpath.concurrent.ShardedInt2IntMap;
import org.hotpath.concurrent.ShardedLong2ObjectMap;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.Shards;
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
 * Question: how much slower are Hotpath's four hash maps on keys chosen by an attacker who has read
 * the source, than on random keys of the same count? Compare {@code keys=attack} with {@code
 * keys=random} at the same {@code map} and {@code size}: the ratio is the flooding factor.
 *
 * <p>The attack, written from {@code org.hotpath.internal.Chunks} as an attacker would: a lookup
 * reads a key's two chunks and nothing else, so no key set can lengthen it; what is left to attack
 * is insertion, by keys whose two chunks both lie among a few chunks of the table the map is
 * presized to ({@code crowd} chunks: more keys than their slots), under each of the three public
 * seeds the defence tries before a secret one. The attacker sends them last, when rebuilding is
 * dearest: {@code size} keys, the random ones first, then the crowding keys of seed 0, 1 and 2. For
 * the sharded maps the crowding keys also all go to shard 0 (the shard selector is fixed too).
 * Finding them takes a few seconds of setup at 500K.
 *
 * <ul>
 *   <li>{@code insertAll}: one op = inserting all {@code size} keys into a new presized map
 *       (created outside the timing), so it includes the defence's three rebuilds.
 *   <li>{@code getAll}: one op = looking every key up once, in a shuffled order, in the map they
 *       built.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
public class FloodBenchmark {

  /** Shards of the sharded maps: fixed, so the attack targets a known table size. */
  static final int SHARDS = 16;

  /** The map and key set under test. */
  @State(Scope.Thread)
  public static class Data {
    /** Which of Hotpath's maps. */
    @Param({"int", "long", "shardedInt", "shardedLong"})
    public String map;

    /** Random keys, or keys chosen from the source. */
    @Param({"random", "attack"})
    public String keys;

    /** Keys inserted, and the size each map is presized for. */
    @Param({"50000", "500000"})
    public int size;

    int[] insertion;
    int[] lookups;

    /** Finds the keys. */
    @Setup(Level.Trial)
    public void setUp() {
      insertion = keys.equals("attack") ? attack(map, size) : randomKeys(size, new HashSet<>());
      lookups = insertion.clone();
      Keys.shuffle(lookups, Keys.SEED);
    }
  }

  /** One map of each kind; exactly one is non-null. */
  abstract static class Maps {
    Int2IntHashMap ints;
    Long2ObjectHashMap<Value> longs;
    ShardedInt2IntMap shardedInts;
    ShardedLong2ObjectMap<Value> shardedLongs;

    final void create(Data d) {
      switch (d.map) {
        case "int" -> ints = new Int2IntHashMap(d.size);
        case "long" -> longs = new Long2ObjectHashMap<>(d.size);
        case "shardedInt" -> shardedInts = new ShardedInt2IntMap(d.size, SHARDS);
        case "shardedLong" -> shardedLongs = new ShardedLong2ObjectMap<>(d.size, SHARDS);
        default -> throw new IllegalArgumentException("map " + d.map);
      }
    }

    /** Inserts {@code keys} in order; returns the size. */
    final int insert(String map, int[] keys) {
      switch (map) {
        case "int" -> {
          for (int k : keys) {
            ints.put(k, k);
          }
          return ints.size();
        }
        case "long" -> {
          for (int k : keys) {
            longs.put(k, Value.of(k));
          }
          return longs.size();
        }
        case "shardedInt" -> {
          for (int k : keys) {
            shardedInts.addAndGet(k, 1);
          }
          return shardedInts.size();
        }
        default -> {
          for (int k : keys) {
            shardedLongs.put(k, Value.of(k));
          }
          return shardedLongs.size();
        }
      }
    }
  }

  /** A new presized map before every insertion run (made outside the timing). */
  @State(Scope.Thread)
  public static class Empty extends Maps {
    /** A new map. */
    @Setup(Level.Invocation)
    public void setUp(Data d) {
      create(d);
    }
  }

  /** The map the keys built, for the lookups. */
  @State(Scope.Thread)
  public static class Built extends Maps {
    /** Builds it and checks every key is there. */
    @Setup(Level.Trial)
    public void setUp(Data d) {
      create(d);
      Checks.require(insert(d.map, d.insertion) == d.size, "a key was lost");
      ForkJvm.settleHeap();
    }
  }

  /** Inserts every key into a new presized map. */
  @Benchmark
  public int insertAll(Data d, Empty m) {
    return m.insert(d.map, d.insertion);
  }

  /** Looks up every key once, in a shuffled order. */
  @Benchmark
  public long getAll(Data d, Built m) {
    final int[] keys = d.lookups;
    long sum = 0;
    switch (d.map) {
      case "int" -> {
        for (int k : keys) {
          sum += m.ints.get(k);
        }
      }
      case "long" -> {
        for (int k : keys) {
          sum += m.longs.get(k).id;
        }
      }
      case "shardedInt" -> {
        for (int k : keys) {
          sum += m.shardedInts.get(k);
        }
      }
      default -> {
        for (int k : keys) {
          sum += m.shardedLongs.get(k).id;
        }
      }
    }
    return sum;
  }

  /* ---------------- The attack ---------------- */

  /** {@code size} keys: random ones, then the crowding keys for seeds 0, 1 and 2. */
  static int[] attack(String map, int size) {
    boolean sharded = map.startsWith("sharded");
    int chunks =
        sharded
            ? Shards.chunksPerShard(size, SHARDS)
            : Chunks.chunksFor(size, Chunks.DEFAULT_LOAD_FACTOR);
    // Enough crowded chunks that finding their keys by scanning takes seconds, not hours: the
    // chance that a key's two chunks both fall among `crowd` is (crowd / chunks)^2.
    int crowd = Math.max(2, chunks / 350);
    int[] crowders = crowdingKeys(chunks, crowd, sharded);
    Set<Integer> taken = new HashSet<>();
    for (int k : crowders) {
      taken.add(k);
    }
    int[] random = randomKeys(size - crowders.length, taken);
    int[] keys = new int[size];
    System.arraycopy(random, 0, keys, 0, random.length);
    System.arraycopy(crowders, 0, keys, random.length, crowders.length);
    return keys;
  }

  /** For each public seed, 7 * crowd + 1 keys whose two chunks are both below {@code crowd}. */
  static int[] crowdingKeys(int chunks, int crowd, boolean shardZeroOnly) {
    int perSeed = 7 * crowd + 1;
    int[] keys = new int[3 * perSeed];
    Set<Integer> seen = new HashSet<>();
    int n = 0;
    int next = 0;
    for (long seed = 0; seed < 3; seed++) {
      long mul1 = Chunks.mul1(seed, chunks);
      long mul2 = Chunks.mul2(seed, chunks);
      for (int found = 0; found < perSeed; next++) {
        int c1 = Chunks.chunk(Chunks.hash(next, mul1), chunks);
        if (c1 < crowd
            && Chunks.second(Chunks.hash(next, mul2), c1, chunks) < crowd
            && (!shardZeroOnly || Shards.of(next, SHARDS - 1) == 0)
            && seen.add(next)) {
          keys[n++] = next;
          found++;
        }
      }
    }
    return keys;
  }

  /** {@code n} distinct random keys not in {@code taken} (which this adds them to). */
  static int[] randomKeys(int n, Set<Integer> taken) {
    SplittableRandom random = new SplittableRandom(Keys.SEED);
    int[] keys = new int[n];
    for (int i = 0; i < n; ) {
      int k = random.nextInt();
      if (taken.add(k)) {
        keys[i++] = k;
      }
    }
    return keys;
  }
}
