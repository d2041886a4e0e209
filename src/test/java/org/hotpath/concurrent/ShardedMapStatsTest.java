package org.hotpath.concurrent;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.Shards;
import org.hotpath.testing.FloodKeys;
import org.hotpath.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both sharded maps' {@code readStats}: an empty map, growths counted, a hot shard and a flood
 * showing as what they are, bad input, the log line, reading without garbage, and reads racing
 * writers that grow, shrink and clear shards. {@code ShardedMapStatsProperties} checks every
 * figure against a model after each step of random sequences.
 */
class ShardedMapStatsTest {

  private static long sink;

  @ParameterizedTest
  @EnumSource(ShardedMapKind.class)
  void anEmptyMapHasEveryChunkEmptyAndNoEvents(ShardedMapKind kind) {
    ShardedMapStats s = kind.create(0, 2).readStats(new ShardedMapStats());
    assertEquals(2, s.shardCount());
    assertEquals(0, s.size());
    assertEquals(2L * Shards.chunksPerShard(0, 2) * Chunks.SLOTS, s.capacity());
    assertEquals(s.chunks(), s.chunksWithFill(0));
    assertEquals(0, s.smallestShard());
    assertEquals(0, s.largestShard());
    assertEquals(0.0, s.fill());
    assertEquals(0.0, s.meanChunksPerHit(), "no hit to average");
    assertEquals(0.0, s.fullChunkFraction());
    assertEquals(0, s.growths());
    assertEquals(0, s.floodDefences());
    assertFalse(s.anySecretSeed());
    assertEquals(
        kind.mapName() + " stats: size=0, capacity=28, fill=0.000, shards=2 (smallest 0, largest 0),"
            + " chunks=4 (full 0.0%, by fill [0:4, 1:0, 2:0, 3:0, 4:0, 5:0, 6:0, 7:0]), mean"
            + " chunks per hit=0.000 (0 keys in their second chunk), growths=0, flood defences=0,"
            + " secret seeds=0",
        s.toString());
  }

  @ParameterizedTest
  @EnumSource(ShardedMapKind.class)
  void shouldCountEachGrowthOfAShardButNotACompaction(ShardedMapKind kind) {
    ShardedMapKind.Map map = kind.create(0, 1); // one shard of 2 chunks: grows at 12 entries
    ShardedMapStats s = new ShardedMapStats();
    for (int k = 0; k < 12; k++) {
      map.put(k);
    }
    assertEquals(0, map.readStats(s).growths());
    map.put(12);
    assertEquals(1, map.readStats(s).growths());
    assertEquals(4 * Chunks.SLOTS, s.capacity());
    for (int k = 13; k < 25; k++) {
      map.put(k);
    }
    assertEquals(2, map.readStats(s).growths());
    assertEquals(8 * Chunks.SLOTS, s.capacity());
    for (int k = 0; k < 20; k++) {
      map.remove(k);
    }
    map.compact();
    map.readStats(s);
    assertEquals(2, s.growths(), "shrinking is not growth");
    assertEquals((long) Chunks.chunksFor(5, Shards.LOAD_FACTOR) * Chunks.SLOTS, s.capacity());
    assertEquals(5, s.size());
  }

  @ParameterizedTest
  @EnumSource(ShardedMapKind.class)
  void aHotShardShowsAsTheLargestShardHoldingEverything(ShardedMapKind kind) {
    ShardedMapKind.Map map = kind.create(1_000, 8);
    int put = 0;
    for (int k = 0; put < 500; k++) {
      if (Shards.of(k, 7) == 3) { // keys that all pick shard 3
        map.put(k);
        put++;
      }
    }
    ShardedMapStats s = map.readStats(new ShardedMapStats());
    assertEquals(500, s.size());
    assertEquals(500, s.largestShard());
    assertEquals(0, s.smallestShard());
    ShardedMapStatsProperties.checkCensus(s);
  }

  @ParameterizedTest
  @EnumSource(ShardedMapKind.class)
  void aFloodShowsInTheDefencesAndTheSecretSeed(ShardedMapKind kind) {
    final int size = 5_000;
    final int shards = 16;
    ShardedMapKind.Map map = kind.create(size, shards);
    long[] attack =
        FloodKeys.forEveryPublicSeed(
            Shards.chunksPerShard(size, shards), 2, 0, k -> Shards.of(k, shards - 1) == 0);
    Set<Integer> keys = new HashSet<>();
    for (long k : attack) {
      map.put((int) k);
      keys.add((int) k);
    }
    SplittableRandom random = new SplittableRandom(11);
    while (keys.size() < size) {
      int k = random.nextInt();
      if (keys.add(k)) {
        map.put(k);
      }
    }
    ShardedMapStats s = map.readStats(new ShardedMapStats());
    assertEquals(3, s.floodDefences(), "one rebuild per public seed, in the targeted shard");
    assertEquals(1, s.secretSeedShards());
    assertTrue(s.anySecretSeed());
    assertEquals(size, s.size());
    assertEquals(0, s.growths(), "presized: the defence rebuilt at the same size");
    assertTrue(s.toString().endsWith("growths=0, flood defences=3, secret seeds=1"), s.toString());
    ShardedMapStatsProperties.checkCensus(s);
  }

  @ParameterizedTest
  @EnumSource(ShardedMapKind.class)
  void shouldRejectANullSnapshotAndLeaveTheMapUnchanged(ShardedMapKind kind) {
    ShardedMapKind.Map map = kind.create(0, 2);
    for (int k = 0; k < 30; k++) {
      map.put(k);
    }
    String before = map.toString();
    String statsBefore = map.readStats(new ShardedMapStats()).toString();
    NullPointerException e = assertThrows(NullPointerException.class, () -> map.readStats(null));
    assertEquals("into", e.getMessage());
    assertEquals(before, map.toString());
    assertEquals(statsBefore, map.readStats(new ShardedMapStats()).toString());
  }

  @ParameterizedTest
  @EnumSource(ShardedMapKind.class)
  void shouldRejectAFillOutsideTheHistogramAndLeaveTheSnapshotUnchanged(ShardedMapKind kind) {
    ShardedMapKind.Map map = kind.create(100, 2);
    for (int k = 0; k < 50; k++) {
      map.put(k);
    }
    ShardedMapStats s = map.readStats(new ShardedMapStats());
    String before = s.toString();
    for (int bad : new int[] {-1, 8, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> s.chunksWithFill(bad));
      assertEquals("fill must be between 0 and 7: " + bad, e.getMessage());
    }
    assertEquals(before, s.toString());
    assertEquals(50, s.size());
  }

  @ParameterizedTest
  @EnumSource(ShardedMapKind.class)
  void shouldRefuseToReadFromACallbackOfTheSameMapWithoutDeadlocking(ShardedMapKind kind) {
    ShardedMapKind.Map map = kind.create(0, 1);
    map.put(1);
    ShardedMapStats s = new ShardedMapStats();
    assertThrows(IllegalStateException.class, () -> map.forEachKey(k -> map.readStats(s)));
    assertEquals(1, map.readStats(s).size(), "the map is usable afterwards");
  }

  @ParameterizedTest
  @EnumSource(ShardedMapKind.class)
  void shouldFillAndReturnTheGivenSnapshotOverwritingWhatItHeld(ShardedMapKind kind) {
    ShardedMapKind.Map big = kind.create(1_000, 8);
    for (int k = 0; k < 1_000; k++) {
      big.put(k);
    }
    ShardedMapStats s = big.readStats(new ShardedMapStats());
    ShardedMapKind.Map small = kind.create(0, 1);
    small.put(5);
    assertSame(s, small.readStats(s));
    assertEquals(1, s.size());
    assertEquals(1, s.shardCount());
    assertEquals(1, s.largestShard());
    assertEquals(1, s.smallestShard());
    assertEquals(0, s.growths());
    ShardedMapStatsProperties.checkCensus(s);
  }

  @Test
  void readingTheIntMapsStatisticsAllocatesNothing() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(1_000, 4);
    for (int k = 0; k < 800; k++) {
      map.put(k, k);
    }
    ShardedMapStats s = new ShardedMapStats();
    assertAllocationFree("ShardedInt2IntMap.readStats", () -> {
      map.put(1, 2);
      sink = sink + map.readStats(s).size() + s.chunksWithFill(7) + s.growths();
    });
  }

  @Test
  void readingTheObjectMapsStatisticsAllocatesNothing() {
    ShardedLong2ObjectMap<String> map = new ShardedLong2ObjectMap<>(1_000, 4);
    for (int k = 0; k < 800; k++) {
      map.put(k, "v");
    }
    ShardedMapStats s = new ShardedMapStats();
    assertAllocationFree("ShardedLong2ObjectMap.readStats", () -> {
      map.put(1, "w");
      sink = sink + map.readStats(s).size() + s.chunksWithFill(7) + s.growths();
    });
  }

  /**
   * Writers insert and remove over a key range that makes tiny shards grow, while a resizer
   * compacts and now and then clears, and a watcher reads the statistics: every snapshot's census
   * accounts for exactly its size (each shard is read whole, under its lock), no figure is
   * impossible, and growths never go down.
   */
  @ParameterizedTest
  @EnumSource(ShardedMapKind.class)
  void readsRacingGrowingAndShrinkingShardsAreAlwaysConsistent(ShardedMapKind kind) {
    ShardedMapKind.Map map = kind.create(0, 2);
    long[] lastGrowths = {0};
    Race.whileWriting(
        2,
        thread -> {
          SplittableRandom random = new SplittableRandom(thread);
          for (int n = 0; n < 300_000; n++) {
            int k = random.nextInt(5_000);
            if (random.nextInt(3) == 0) {
              map.remove(k);
            } else {
              map.put(k);
            }
          }
        },
        thread -> {
          ShardedMapStats s = map.readStats(new ShardedMapStats());
          try {
            ShardedMapStatsProperties.checkCensus(s);
          } catch (AssertionError e) {
            fail("inconsistent snapshot: " + s, e);
          }
          if (s.size() > 5_000 || s.fill() > Shards.GROWTH_LOAD || s.growths() < lastGrowths[0]) {
            fail("impossible statistics: " + s + " after " + lastGrowths[0] + " growths");
          }
          lastGrowths[0] = s.growths();
        },
        thread -> {
          map.compact();
          if (new SplittableRandom().nextInt(50) == 0) {
            map.clear();
          }
          java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        });
    ShardedMapStats s = map.readStats(new ShardedMapStats());
    assertEquals(map.size(), s.size());
    ShardedMapStatsProperties.checkCensus(s);
  }
}
