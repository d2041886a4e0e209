package org.hotpath.concurrent;

import static org.hotpath.testing.ModelBased.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.Shards;
import org.hotpath.testing.ModelBased;
import org.hotpath.testing.ModelBased.Operation;

/**
 * On one thread, both sharded maps' statistics match a model after every step of random puts,
 * removes, compactions and clears over tiny shards (so shards grow and shrink): the size and the
 * spread over shards from the model's keys, the capacity and the growths from each shard's chunk
 * count as the sizing rules say it must evolve, and a census that accounts for every entry and
 * every chunk.
 */
class ShardedMapStatsProperties {

  /** The keys each shard holds and each shard's chunk count, as the sizing rules evolve it. */
  static final class Model {
    final int shards;
    final List<Set<Integer>> keys = new java.util.ArrayList<>();
    final int[] chunks;
    long growths;

    Model(int expectedSize, int shards) {
      this.shards = shards;
      this.chunks = new int[shards];
      for (int s = 0; s < shards; s++) {
        keys.add(new HashSet<>());
        chunks[s] = Shards.chunksPerShard(expectedSize, shards);
      }
    }

    int shardOf(int key) {
      return Shards.of(key, shards - 1);
    }

    void put(int key) {
      int s = shardOf(key);
      if (keys.get(s).contains(key)) {
        return;
      }
      if (keys.get(s).size() >= Shards.threshold(chunks[s])) { // a shard grows before the insert
        chunks[s] *= 2;
        growths++;
      }
      keys.get(s).add(key);
    }

    void remove(int key) {
      keys.get(shardOf(key)).remove(key);
    }

    void compact() {
      for (int s = 0; s < shards; s++) {
        chunks[s] = Math.min(chunks[s], Chunks.chunksFor(keys.get(s).size(), Shards.LOAD_FACTOR));
      }
    }

    void clear() {
      keys.forEach(Set::clear);
    }

    long size() {
      long n = 0;
      for (Set<Integer> k : keys) {
        n += k.size();
      }
      return n;
    }

    /** Asserts every figure of {@code s} against the model. */
    void check(ShardedMapStats s) {
      int smallest = Integer.MAX_VALUE;
      int largest = 0;
      long slots = 0;
      for (int i = 0; i < shards; i++) {
        smallest = Math.min(smallest, keys.get(i).size());
        largest = Math.max(largest, keys.get(i).size());
        slots += (long) chunks[i] * Chunks.SLOTS;
      }
      long size = size();
      assertEquals(shards, s.shardCount(), "shards");
      assertEquals(size, s.size(), "size");
      assertEquals(smallest, s.smallestShard(), "smallest shard");
      assertEquals(largest, s.largestShard(), "largest shard");
      if (s.secretSeedShards() == 0) { // only a failing secret seed grows a table by itself
        assertEquals(slots, s.capacity(), "capacity: " + s);
        assertEquals(growths, s.growths(), "growths: " + s);
      }
      checkCensus(s);
    }
  }

  /** What every snapshot's census must satisfy, whatever the map held: used by the race test too. */
  static void checkCensus(ShardedMapStats s) {
    long chunks = 0;
    long entries = 0;
    for (int fill = 0; fill <= Chunks.SLOTS; fill++) {
      chunks += s.chunksWithFill(fill);
      entries += (long) fill * s.chunksWithFill(fill);
    }
    assertEquals(s.chunks(), chunks, "every chunk in the histogram: " + s);
    assertEquals(s.capacity(), s.chunks() * Chunks.SLOTS, "capacity: " + s);
    assertEquals(s.size(), entries, "every entry in the histogram: " + s);
    assertTrue(s.keysInSecondChunk() >= 0 && s.keysInSecondChunk() <= s.size(), s.toString());
    assertEquals(0, s.saturatedHints(), s.toString());
    assertTrue(s.smallestShard() <= s.largestShard() && s.largestShard() <= s.size(), s.toString());
    assertEquals(s.capacity() == 0 ? 0 : (double) s.size() / s.capacity(), s.fill(), 1e-12);
    assertEquals(
        s.size() == 0 ? 0 : 1 + (double) s.keysInSecondChunk() / s.size(),
        s.meanChunksPerHit(),
        1e-12);
    assertEquals(
        s.chunks() == 0 ? 0 : (double) s.chunksWithFill(Chunks.SLOTS) / s.chunks(),
        s.fullChunkFraction(),
        1e-12);
    assertEquals(s.secretSeedShards() > 0, s.anySecretSeed());
    assertTrue(s.secretSeedShards() <= s.shardCount() && s.growths() >= 0, s.toString());
  }

  /** A map under test and its model. */
  static final class Subject {
    final ShardedMapKind.Map map;
    final Model model;
    final ShardedMapStats stats = new ShardedMapStats();

    Subject(ShardedMapKind kind, int expectedSize, int shards) {
      this.map = kind.create(expectedSize, shards);
      this.model = new Model(expectedSize, shards);
    }

    void checkInvariants() {
      model.check(map.readStats(stats));
      assertEquals(stats.floodDefences(), map.floodDefences(), "defences");
    }
  }

  @Property(tries = 200)
  void statisticsMatchTheModelAfterEveryStep(
      @ForAll ShardedMapKind kind,
      @ForAll("shardCounts") int shards,
      @ForAll("expectedSizes") int expectedSize,
      @ForAll("operations") List<Operation<Subject>> operations) {
    ModelBased.run(new Subject(kind, expectedSize, shards), operations, Subject::checkInvariants);
  }

  @Provide
  Arbitrary<Integer> shardCounts() {
    return Arbitraries.of(1, 2, 4);
  }

  @Provide
  Arbitrary<Integer> expectedSizes() {
    return Arbitraries.of(0, 10, 40);
  }

  @Provide
  Arbitrary<List<Operation<Subject>>> operations() {
    Arbitrary<Integer> keys =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-200, 200),
            Arbitraries.integers(),
            Arbitraries.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    Arbitrary<Operation<Subject>> put =
        keys.map(k -> op("put(" + k + ")", s -> {
          s.map.put(k);
          s.model.put(k);
        }));
    Arbitrary<Operation<Subject>> putMany =
        Arbitraries.integers().between(1, 60).map(n -> op("putMany(" + n + ")", s -> {
          for (int i = 0; i < n; i++) {
            int k = i * 7919 + n;
            s.map.put(k);
            s.model.put(k);
          }
        }));
    Arbitrary<Operation<Subject>> remove =
        keys.map(k -> op("remove(" + k + ")", s -> {
          s.map.remove(k);
          s.model.remove(k);
        }));
    Arbitrary<Operation<Subject>> compact =
        Arbitraries.just(op("compact()", s -> {
          s.map.compact();
          s.model.compact();
        }));
    Arbitrary<Operation<Subject>> clear =
        Arbitraries.just(op("clear()", s -> {
          s.map.clear();
          s.model.clear();
        }));
    return Arbitraries.frequencyOf(
            Tuple.of(8, put), Tuple.of(2, putMany), Tuple.of(4, remove), Tuple.of(1, compact),
            Tuple.of(1, clear))
        .list()
        .ofMaxSize(60);
  }
}
