package org.hotpath.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SkipListStats}: what a read says about a map, that it allocates nothing, and its one-line
 * form. The model-based properties check the counters against the map after every operation.
 */
class SkipListStatsTest {

  private static final int SIZE = 200_000;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** A map grown from a few entries is laid out in key order at each growth, so in order. */
  @Test
  void shouldCountGrowthsAndSeeTheOrderOfAGrownMap() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, 13L);
    for (long key = 0; key < SIZE; key++) {
      map.put(key, "v");
    }
    SkipListStats stats = map.readStats(new SkipListStats());
    assertEquals(SIZE, stats.size());
    assertEquals(map.capacity(), stats.capacity());
    assertEquals(map.capacity() - SIZE, stats.freeNodes());
    assertEquals(16, stats.growths(), "0 to 8, 16, ..., 262144 nodes: " + stats);
    assertTrue(stats.levels() >= 7 && stats.levels() <= 12, stats.toString());
    assertTrue(stats.outOfKeyOrder() < 0.5, stats.toString());
    assertFalse(stats.defragmentWouldHelp(), stats.toString());
  }

  /**
   * The statistics explain a slow map: random inserts scatter the nodes (out of key order, and
   * defragment would help); defragment() puts them back in order; the histogram counts every entry.
   */
  @Test
  void shouldSayWhenDefragmentWouldHelp() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(SIZE);
    for (long key : randomLongs(SIZE, 4)) {
      map.put(key, "v");
    }
    SkipListStats stats = map.readStats(new SkipListStats());
    assertTrue(stats.outOfKeyOrder() > 0.9, stats.toString());
    assertTrue(stats.defragmentWouldHelp(), stats.toString());
    int entries = 0;
    for (int h = 1; h <= 20; h++) {
      entries += stats.entriesWithHeight(h);
    }
    assertEquals(SIZE, entries, "the histogram counts every entry");
    assertTrue(stats.entriesWithHeight(1) > SIZE * 0.7, "about 3/4 at height 1: " + stats);

    map.defragment();
    map.readStats(stats);
    assertTrue(stats.outOfKeyOrder() < 0.5, stats.toString());
    assertFalse(stats.defragmentWouldHelp(), stats.toString());
  }

  @Test
  void shouldReadStatsWithoutAllocating() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>();
    for (long key : randomLongs(50_000, 5)) {
      map.put(key, "v");
    }
    SkipListStats stats = new SkipListStats();
    map.readStats(stats);
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000; i++) {
      map.readStats(stats);
    }
    assertEquals(0, THREADS.getCurrentThreadAllocatedBytes() - before, "bytes for 1,000 reads");
  }

  @Test
  void shouldRejectABadHeightAndANullRecord() {
    SkipListStats stats = new SkipListStats();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> stats.entriesWithHeight(21));
    assertEquals("height must be between 1 and 20, but was 21", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> stats.entriesWithHeight(0));
    assertThrows(
        NullPointerException.class, () -> new Long2ObjectSkipListMap<String>().readStats(null));
  }

  @Test
  void shouldRenderTheStatsOnOneLine() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, 11L);
    for (long key = 0; key < 100; key++) {
      map.put(key, "v");
    }
    String line = map.readStats(new SkipListStats()).toString();
    assertFalse(line.contains("\n"), line);
    assertTrue(
        line.startsWith(
            "Long2ObjectSkipListMap stats: size=100, capacity=128 (free 28, 5 growths), levels="),
        line);
  }

  private static long[] randomLongs(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] keys = new long[n];
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < n; ) {
      long key = random.nextLong();
      if (seen.add(key)) {
        keys[i++] = key;
      }
    }
    return keys;
  }
}
