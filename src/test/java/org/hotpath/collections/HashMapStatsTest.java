package org.hotpath.collections;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hotpath.internal.Chunks;
import org.hotpath.testing.FloodKeys;
import org.junit.jupiter.api.Test;

/**
 * The hash maps' statistics: figures that agree with what was done to the map and with each other,
 * read without allocating, and a line a person can read.
 */
class HashMapStatsTest {

  @Test
  void shouldCountEveryEntryInTheChunkHistogram() {
    Int2IntHashMap map = new Int2IntHashMap();
    for (int key : BoundedGrowthTest.randomInts(50_000, 7)) {
      map.put(key, key);
    }
    HashMapStats stats = map.readStats(new HashMapStats());
    assertEquals(50_000, stats.size());
    assertEquals(map.capacity(), stats.capacity());
    long chunks = 0;
    long entries = 0;
    for (int k = 0; k <= Chunks.SLOTS; k++) {
      chunks += stats.chunksWithEntries(k);
      entries += k * stats.chunksWithEntries(k);
    }
    assertEquals(stats.chunks(), chunks, "every chunk counted once");
    assertEquals(50_000, entries, "every entry counted once");
    assertEquals(stats.capacity(), stats.chunks() * Chunks.SLOTS);
    assertEquals((double) stats.size() / stats.capacity(), stats.fill(), 1e-12);
    assertTrue(stats.fill() <= map.loadFactor());
  }

  @Test
  void shouldSayHowManyHitsReadTwoChunks() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>(100_000);
    for (long key : BoundedGrowthTest.randomLongs(100_000, 8)) {
      map.put(key, "v");
    }
    HashMapStats stats = map.readStats(new HashMapStats());
    // Filled with random keys to load 0.8: about 9% of keys are crowded into their second chunk.
    double inSecond = (double) stats.keysInSecondChunk() / stats.size();
    assertTrue(inSecond > 0.03 && inSecond < 0.2, "fraction in second chunk " + inSecond);
    assertEquals(1 + inSecond, stats.meanChunksPerHit(), 1e-12);
    assertEquals(2, stats.maxChunksPerHit());
    assertEquals(0, stats.growths(), "presized");
    assertEquals(1, stats.segments());
    assertEquals(0, stats.saturatedChunks());
  }

  @Test
  void shouldCountGrowthsSplitsAndSegments() {
    Int2IntHashMap bounded = new Int2IntHashMap();
    Int2IntHashMap oneShot = new Int2IntHashMap(8, 0.8f, 0, Growth.ONE_SHOT);
    for (int key : BoundedGrowthTest.randomInts(100_000, 9)) {
      bounded.put(key, key);
      oneShot.put(key, key);
    }
    HashMapStats b = bounded.readStats(new HashMapStats());
    HashMapStats o = oneShot.readStats(new HashMapStats());
    assertEquals(Growth.BOUNDED, b.growth());
    assertEquals(Growth.ONE_SHOT, o.growth());
    assertEquals(bounded.segments(), b.segments());
    assertEquals(b.segments() - 1, b.splits(), "every split makes one more segment");
    assertTrue(b.growths() > b.splits(), "the one table doubled before it split");
    assertEquals(1, o.segments());
    assertEquals(0, o.splits());
    // 8 entries to 100,000 in doublings: 2 chunks to 32,768 (past 28,672 at 100K / 5.6)
    assertEquals(14, o.growths(), o.toString());
  }

  @Test
  void shouldShowAFloodInTheDefencesAndTheSeed() {
    Int2IntHashMap map = new Int2IntHashMap(5_000);
    long[] attack = FloodKeys.forEveryPublicSeed(map.capacity() / Chunks.SLOTS, 2, 0, k -> true);
    for (long key : attack) {
      map.put((int) key, 1);
    }
    HashMapStats stats = map.readStats(new HashMapStats());
    assertEquals(3, stats.floodDefences(), stats.toString());
    assertTrue(stats.secretSeed());
    assertTrue(stats.toString().contains("flood defences=3"), stats.toString());
    assertTrue(stats.toString().contains("seed secret"), stats.toString());
  }

  @Test
  void shouldReadIntoTheCallersObjectWithoutAllocating() {
    Int2IntHashMap ints = new Int2IntHashMap();
    Long2ObjectHashMap<String> longs = new Long2ObjectHashMap<>();
    for (int key : BoundedGrowthTest.randomInts(20_000, 10)) {
      ints.put(key, key);
      longs.put(key, "v");
    }
    HashMapStats stats = new HashMapStats();
    assertSame(stats, ints.readStats(stats));
    assertAllocationFree("Int2IntHashMap.readStats", () -> ints.readStats(stats));
    assertAllocationFree("Long2ObjectHashMap.readStats", () -> longs.readStats(stats));
  }

  @Test
  void shouldRenderOneReadableLine() {
    Int2IntHashMap map = new Int2IntHashMap();
    for (int i = 0; i < 10_000; i++) {
      map.put(i, i);
    }
    String line = map.readStats(new HashMapStats()).toString();
    assertTrue(line.startsWith("Int2IntHashMap stats: size=10000, capacity="), line);
    assertTrue(line.contains("bounded growth, segments="), line);
    assertTrue(line.contains("chunks per hit mean 1."), line);
    assertTrue(line.contains("seeds public"), line);
    assertFalse(line.contains("\n"), line);
    assertTrue(new Long2ObjectHashMap<>().readStats(new HashMapStats()).toString()
        .startsWith("Long2ObjectHashMap stats: size=0,"));
  }

  @Test
  void shouldRejectBadArgumentsAndLeaveTheMapAsItWas() {
    Int2IntHashMap map = new Int2IntHashMap();
    map.put(1, 2);
    NullPointerException e = assertThrows(NullPointerException.class, () -> map.readStats(null));
    assertEquals("into", e.getMessage());
    assertEquals(1, map.size());
    assertEquals(2, map.get(1));
    assertThrows(NullPointerException.class, () -> new Long2ObjectHashMap<>().readStats(null));
    HashMapStats stats = map.readStats(new HashMapStats());
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> stats.chunksWithEntries(8));
    assertEquals("entries must be between 0 and 7, but was 8", bad.getMessage());
    bad = assertThrows(IllegalArgumentException.class, () -> stats.chunksWithEntries(-1));
    assertEquals("entries must be between 0 and 7, but was -1", bad.getMessage());
  }
}
