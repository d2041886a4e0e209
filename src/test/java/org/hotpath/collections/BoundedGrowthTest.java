package org.hotpath.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.Directory;
import org.junit.jupiter.api.Test;

/**
 * Bounded growth of the hash maps: a map that grows past one segment is split one segment at a
 * time, so that no put allocates more than one segment (measured here in bytes, the work a put
 * does being proportional to them), and every operation stays correct across the layouts. The
 * model-based properties reach the same states with segments of 2 to 16 chunks; the latency these
 * bounds buy is measured in JMH ({@code GrowthLatencyBenchmark}), never here.
 */
class BoundedGrowthTest {

  /** Entries enough for dozens of segments of {@link Directory#SEGMENT_CHUNKS} chunks. */
  private static final int SIZE = 200_000;

  /** A segment's table: {@code SEGMENT_CHUNKS * 8} longs and an array header. */
  private static final long SEGMENT_BYTES = Directory.SEGMENT_CHUNKS * 64L + 16;

  /** Slack for the directory (doubled at most once per put) and the segment object. */
  private static final long SLACK = 16 * 1024;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void shouldAllocateAtMostOneSegmentInAnyPutOfAGrowingIntMap() {
    Int2IntHashMap map = new Int2IntHashMap();
    int[] keys = randomInts(SIZE, 1);
    long worst = 0;
    for (int key : keys) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      map.put(key, ~key);
      worst = Math.max(worst, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
    assertTrue(worst <= SEGMENT_BYTES + SLACK, "worst put allocated " + worst + " bytes");
    assertTrue(map.segments() > 16, "segments: " + map.segments());
    for (int key : keys) {
      assertEquals(~key, map.get(key));
    }
  }

  @Test
  void shouldAllocateTheWholeTableInOnePutOfAOneShotMap() {
    Int2IntHashMap map = new Int2IntHashMap(8, 0.8f, 0, Growth.ONE_SHOT);
    long worst = 0;
    for (int key : randomInts(SIZE, 1)) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      map.put(key, ~key);
      worst = Math.max(worst, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
    assertTrue(worst > 8 * SEGMENT_BYTES, "worst put allocated only " + worst + " bytes");
    assertEquals(1, map.segments());
  }

  @Test
  void shouldAllocateAtMostOneSegmentInAnyPutOfAGrowingObjectMap() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>();
    long[] keys = randomLongs(SIZE, 2);
    String value = "v";
    long worst = 0;
    for (long key : keys) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      map.put(key, value);
      worst = Math.max(worst, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
    // the key column and the value column (8-byte references at most)
    assertTrue(worst <= 2 * SEGMENT_BYTES + SLACK, "worst put allocated " + worst + " bytes");
    assertTrue(map.segments() > 16, "segments: " + map.segments());
    for (long key : keys) {
      assertEquals(value, map.get(key));
    }
  }

  @Test
  void shouldWalkRemoveAndCompactAMapInSegments() {
    Int2IntHashMap map = new Int2IntHashMap();
    int[] keys = randomInts(SIZE, 3);
    for (int key : keys) {
      map.put(key, key);
    }
    Set<Integer> seen = new HashSet<>();
    Int2IntHashMap.Cursor cursor = map.newCursor();
    while (cursor.next()) {
      assertTrue(seen.add(cursor.key()), "visited twice: " + cursor.key());
      if ((cursor.key() & 1) == 0) {
        cursor.remove();
      } else {
        cursor.setValue(-cursor.key());
      }
    }
    assertEquals(SIZE, seen.size());
    int odd = 0;
    for (int key : keys) {
      if ((key & 1) == 0) {
        assertFalse(map.containsKey(key));
      } else {
        odd++;
        assertEquals(-key, map.get(key));
      }
    }
    assertEquals(odd, map.size());
    map.compact();
    assertEquals(1, map.segments(), "compact() lays the map out as one table");
    for (int key : keys) {
      assertEquals((key & 1) == 0 ? 0 : -key, map.get(key));
    }
    assertEquals(odd, map.size());
  }

  @Test
  void shouldSpreadAPresizedMapThatOutgrowsItsSizeAndThenSplit() {
    int presized = 20_000;
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>(presized);
    long[] keys = randomLongs(4 * presized, 4);
    for (int i = 0; i < presized; i++) {
      map.put(keys[i], "x");
    }
    assertEquals(1, map.segments(), "a presized map is one table within its size");
    for (long key : keys) {
      map.put(key, "y");
    }
    assertTrue(map.segments() > 1);
    for (long key : keys) {
      assertEquals("y", map.get(key));
    }
    assertEquals(keys.length, map.size());
  }

  @Test
  void shouldSpreadASkewedDirectoryWithTheNextDirectorySeed() {
    // Keys whose directory hash under the public seed 0 starts with twelve zero bits: they all
    // belong to one segment however often it splits, unless the directory is re-seeded.
    long mul = Directory.directoryMultiplier(0);
    int[] keys = new int[30_000];
    int n = 0;
    for (int k = 0; n < keys.length; k++) {
      if (Chunks.hash(k, mul) >>> 52 == 0) {
        keys[n++] = k;
      }
    }
    Int2IntHashMap map = new Int2IntHashMap();
    for (int key : keys) {
      map.put(key, key);
    }
    HashMapStats stats = map.readStats(new HashMapStats());
    assertEquals(1, stats.directoryDefences(), stats.toString());
    assertFalse(stats.secretSeed(), "the next public directory seed spreads keys crafted for seed 0");
    assertTrue(map.segments() >= 8, stats.toString());
    for (int key : keys) {
      assertEquals(key, map.get(key));
    }
  }

  @Test
  void shouldRejectANullGrowthAndName() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new Int2IntHashMap(8, 0.8f, 0, null));
    assertEquals("growth", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> new Long2ObjectHashMap<>(8, 0.8f, null));
    assertEquals("growth", e.getMessage());
  }

  @Test
  void shouldReportTheGrowthChosenAtConstruction() {
    assertEquals(Growth.BOUNDED, new Int2IntHashMap().growth());
    assertEquals(Growth.ONE_SHOT, new Int2IntHashMap(1, 0.5f, 0, Growth.ONE_SHOT).growth());
    assertEquals(Growth.BOUNDED, new Long2ObjectHashMap<>().growth());
    assertNull(new Long2ObjectHashMap<String>(1, 0.5f, Growth.ONE_SHOT).get(1));
  }

  static int[] randomInts(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<Integer> distinct = new HashSet<>();
    int[] keys = new int[n];
    for (int i = 0; i < n; ) {
      int key = random.nextInt();
      if (distinct.add(key)) {
        keys[i++] = key;
      }
    }
    return keys;
  }

  static long[] randomLongs(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<Long> distinct = new HashSet<>();
    long[] keys = new long[n];
    for (int i = 0; i < n; ) {
      long key = random.nextLong();
      if (distinct.add(key)) {
        keys[i++] = key;
      }
    }
    return keys;
  }
}
