package org.hotpath.collections;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Long2ObjectSkipListMap#defragment()} renumbers nodes in place: the contents, the capacity,
 * the height of every node id and the behaviour of every later operation stay those of a map that
 * was never defragmented.
 */
class Long2ObjectSkipListMapDefragmentTest {

  @Property(tries = 200)
  void keepsContentsCapacityAndHeightsThroughRandomChurn(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int expectedSize) {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(expectedSize, seed);
    NavigableMap<Long, String> model = new TreeMap<>();
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 8; round++) {
      int ops = random.nextInt(400);
      for (int i = 0; i < ops; i++) {
        long key = random.nextInt(8) == 0 ? random.nextLong() : random.nextInt(-200, 200);
        String value = "v" + i;
        switch (random.nextInt(5)) {
          case 0, 1, 2 -> assertSame(model.put(key, value), map.put(key, value));
          case 3 -> assertSame(model.remove(key), map.remove(key));
          default -> {
            Map.Entry<Long, String> first = model.pollFirstEntry();
            assertSame(first == null ? null : first.getValue(), map.pollFirstValue());
          }
        }
      }
      int capacity = map.capacity();
      int[] heights = heights(map);

      map.defragment();

      assertEquals(capacity, map.capacity(), "capacity");
      assertArrayEquals(heights, heights(map), "heights by node id");
      assertEquals(model.toString(), map.toString(), "contents after defragment");
      assertEquals(model.size(), map.size());
      assertEquals(descending(model), descending(map), "descending walk after defragment");
      if (!model.isEmpty()) {
        assertEquals(model.firstKey().longValue(), map.firstKey());
        assertEquals(model.lastKey().longValue(), map.lastKey());
      }
    }
  }

  @Test
  void keepsTheFreeListUsableUpToCapacity() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(100, 42);
    for (long k = 0; k < 100; k++) {
      map.put(k * 7, "v");
    }
    map.removeRange(100, 500);
    map.defragment();
    int capacity = map.capacity();
    for (long k = 1; map.size() < capacity; k += 2) {
      map.put(k, "w");
    }
    assertEquals(capacity, map.capacity(), "refilling after defragment must reuse the freed nodes");
    map.put(-1, "grows");
    assertTrue(map.capacity() > capacity);
    assertEquals("grows", map.get(-1));
  }

  @Test
  void worksOnEmptyAndFullMaps() {
    Long2ObjectSkipListMap<String> empty = new Long2ObjectSkipListMap<>(10, 1);
    empty.defragment();
    assertEquals("{}", empty.toString());
    assertNull(empty.firstValue());
    empty.put(5, "five");
    assertEquals("{5=five}", empty.toString());

    Long2ObjectSkipListMap<String> zero = new Long2ObjectSkipListMap<>(0, 1);
    zero.defragment();
    zero.put(1, "one");
    assertEquals("{1=one}", zero.toString());

    Long2ObjectSkipListMap<String> full = new Long2ObjectSkipListMap<>(64, 2);
    for (long k = 64; k > 0; k--) {
      full.put(k * 1_000_003L, "v" + k);
    }
    String before = full.toString();
    full.defragment();
    assertEquals(before, full.toString());
  }

  @Test
  void makesLiveCursorsFailFast() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(8, 3);
    map.put(1, "a");
    map.put(2, "b");
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertTrue(cursor.next());
    map.defragment();
    assertThrows(ConcurrentModificationException.class, cursor::next);
    cursor.reset();
    assertTrue(cursor.next());
    assertEquals(1, cursor.key());
    assertTrue(cursor.next());
    assertFalse(cursor.next());
  }

  @Test
  void allocatesNothing() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(512, 4);
    long[] keys = new SplittableRandom(5).longs(512).toArray();
    String value = "v";
    for (long k : keys) {
      map.put(k, value);
    }
    assertAllocationFree(
        "defragment, then churn that scrambles the layout again",
        () -> {
          map.defragment();
          for (int i = 0; i < 64; i++) {
            map.remove(keys[i]);
          }
          for (int i = 63; i >= 0; i--) {
            map.put(keys[i], value);
          }
        });
    assertEquals(512, map.size());
  }

  private static int[] heights(Long2ObjectSkipListMap<?> map) {
    int[] heights = new int[map.capacity() + 1];
    for (int id = 1; id <= map.capacity(); id++) {
      heights[id] = map.nodeHeight(id);
    }
    return heights;
  }

  private static List<Long> descending(NavigableMap<Long, String> model) {
    return new ArrayList<>(model.descendingKeySet());
  }

  private static List<Long> descending(Long2ObjectSkipListMap<String> map) {
    List<Long> keys = new ArrayList<>();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    cursor.resetToEnd();
    while (cursor.previous()) {
      keys.add(cursor.key());
    }
    return keys;
  }
}
