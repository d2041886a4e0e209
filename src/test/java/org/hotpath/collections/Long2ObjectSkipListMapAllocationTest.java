package org.hotpath.collections;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every steady-state operation of Long2ObjectSkipListMap allocates zero bytes once the map has held
 * its working size. All keys and values are built before measuring, and callbacks are non-capturing
 * lambdas or static method references (constants), so that the test measures the map and not the
 * test.
 */
class Long2ObjectSkipListMapAllocationTest {

  private static final int N = 1024;

  private static final long SEED = 0xA110_CA7E_0000_0001L;

  /** Distinct keys of all families, the extremes, 0 and -1 included. */
  private static final long[] KEYS = keys();

  /** Distinct keys absent from {@link #KEYS}, one per key. */
  private static final long[] MISSES = misses();

  /** {@code VALUES[i]} is the value of {@code KEYS[i]}. */
  private static final String[] VALUES = values("v");

  /** Replacement values, {@code OTHER_VALUES[i]} for {@code KEYS[i]}. */
  private static final String[] OTHER_VALUES = values("w");

  private static final String UPDATED = "updated";

  private final Long2ObjectSkipListMap<String> map = filled();
  private long sink;

  @Test
  void getAllocatesNothing() {
    assertAllocationFree(
        "get, getOrDefault and containsKey, hits and misses",
        () -> {
          for (int i = 0; i < N; i++) {
            sink += map.get(KEYS[i]).length() + (map.containsKey(KEYS[i]) ? 1 : 0);
            sink += map.get(MISSES[i]) == null ? 1 : 0;
            sink += map.getOrDefault(MISSES[i], UPDATED).length();
            sink += map.containsKey(MISSES[i]) ? 1 : 0;
          }
        });
  }

  @Test
  void containsValueAllocatesNothing() {
    assertAllocationFree(
        "containsValue, hit and miss",
        () ->
            sink +=
                (map.containsValue(VALUES[N / 2]) ? 1 : 0) + (map.containsValue(UPDATED) ? 1 : 0));
  }

  @Test
  void putOfExistingKeysAllocatesNothing() {
    assertAllocationFree(
        "put of existing keys",
        () -> {
          for (int i = 0; i < N; i++) {
            sink += map.put(KEYS[i], OTHER_VALUES[i]).length();
            sink += map.put(KEYS[i], VALUES[i]).length();
          }
        });
  }

  @Test
  void putOfNewKeysIntoAPresizedMapAndRemoveAllocateNothing() {
    Long2ObjectSkipListMap<String> presized = new Long2ObjectSkipListMap<>(N, SEED);
    int capacity = presized.capacity();
    assertAllocationFree(
        "put of new keys into a presized map, then remove", putThenRemove(presized));
    assertEquals(0, presized.size());
    assertEquals(capacity, presized.capacity());
  }

  /** The map grew to N entries and was emptied: inserts reuse the freed nodes. */
  @Test
  void putOfNewKeysIntoAGrownAndEmptiedMapAndRemoveAllocateNothing() {
    Long2ObjectSkipListMap<String> grown = new Long2ObjectSkipListMap<>(0, SEED);
    for (int i = 0; i < N; i++) {
      grown.put(KEYS[i], VALUES[i]);
    }
    for (int i = 0; i < N; i++) {
      grown.remove(KEYS[i]);
    }
    int capacity = grown.capacity();
    assertAllocationFree(
        "put of new keys into a grown, emptied map, then remove", putThenRemove(grown));
    assertEquals(capacity, grown.capacity());
  }

  /** The map grew to 2N entries and lost the upper N keys: only the free half is reused. */
  @Test
  void putAndRemoveInAGrownMapThatLostHalfItsEntriesAllocateNothing() {
    Long2ObjectSkipListMap<String> grown = new Long2ObjectSkipListMap<>(0, SEED);
    for (int i = 0; i < N; i++) {
      grown.put(KEYS[i], VALUES[i]);
      grown.put(MISSES[i], OTHER_VALUES[i]);
    }
    for (int i = 0; i < N; i++) {
      grown.remove(KEYS[i]);
    }
    int capacity = grown.capacity();
    assertAllocationFree(
        "put of new keys into a grown map that lost half its entries, then remove",
        putThenRemove(grown));
    assertEquals(N, grown.size());
    assertEquals(capacity, grown.capacity());
  }

  @Test
  void putIfAbsentAndComputeIfAbsentIntoAPresizedMapAllocateNothing() {
    Long2ObjectSkipListMap<String> presized = new Long2ObjectSkipListMap<>(N, SEED);
    assertAllocationFree(
        "putIfAbsent and computeIfAbsent with a non-capturing function, then clear",
        () -> {
          for (int i = 0; i < N; i += 2) {
            sink += presized.putIfAbsent(KEYS[i], VALUES[i]) == null ? 1 : 0;
          }
          for (int i = 1; i < N; i += 2) {
            sink += presized.computeIfAbsent(KEYS[i], key -> UPDATED).length();
          }
          for (int i = 0; i < N; i += 2) {
            sink += presized.computeIfAbsent(KEYS[i], key -> UPDATED).length();
          }
          presized.clear();
        });
    assertEquals(0, presized.size());
  }

  @Test
  void pollFirstAndLastValueWithReinsertAllocateNothing() {
    assertAllocationFree(
        "pollFirstValue and pollLastValue, each followed by putting the entry back",
        () -> {
          for (int i = 0; i < N / 2; i++) {
            long first = map.firstKey();
            sink += map.put(first, map.pollFirstValue()) == null ? 1 : 0;
            long last = map.lastKey();
            sink += map.put(last, map.pollLastValue()) == null ? 1 : 0;
          }
        });
    assertEquals(N, map.size());
  }

  @Test
  void neighbourQueriesAllocateNothing() {
    assertAllocationFree(
        "floor, ceiling, lower and higher values and keys, hits and misses",
        () -> {
          for (int i = 0; i < N; i++) {
            long key = (i & 1) == 0 ? KEYS[i] : MISSES[i];
            sink += map.floorValue(key) == null ? 1 : 0;
            sink += map.ceilingValue(key) == null ? 1 : 0;
            sink += map.lowerValue(key) == null ? 1 : 0;
            sink += map.higherValue(key) == null ? 1 : 0;
            sink += map.floorKeyOrDefault(key, 7);
            sink += map.ceilingKeyOrDefault(key, 7);
            sink += map.lowerKeyOrDefault(key, 7);
            sink += map.higherKeyOrDefault(key, 7);
          }
          sink +=
              map.firstKey() + map.lastKey() + map.firstValue().length() + map.lastValue().length();
        });
  }

  @Test
  void forEachInRangeAllocatesNothing() {
    Long2ObjectSkipListMap<String> dense = new Long2ObjectSkipListMap<>(N, SEED);
    for (int i = 0; i < N; i++) {
      dense.put(i, VALUES[i]);
    }
    assertAllocationFree(
        "forEachInRange over 1000 entries, both overloads, with a method reference",
        () -> {
          sink += dense.forEachInRange(10, 1_010, Long2ObjectSkipListMapAllocationTest::consume);
          sink +=
              dense.forEachInRange(
                  9, false, 1_009, true, Long2ObjectSkipListMapAllocationTest::consume);
        });
    assertEquals(1_000, dense.forEachInRange(10, 1_010, (k, v) -> {}));
  }

  @Test
  void removeRangeAndReinsertAllocateNothing() {
    assertAllocationFree(
        "removeRange, both overloads, then refill",
        () -> {
          sink += map.removeRange(-1_000_000, 1_000_000);
          sink += map.removeRange(Long.MIN_VALUE, true, Long.MIN_VALUE / 2, false);
          sink += map.removeRange(1L << 50, false, Long.MAX_VALUE, true);
          for (int i = 0; i < N; i++) {
            map.putIfAbsent(KEYS[i], VALUES[i]);
          }
        });
    assertEquals(N, map.size());
  }

  @Test
  void ascendingCursorWalkAllocatesNothing() {
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertAllocationFree(
        "ascending cursor walk",
        () -> {
          cursor.reset();
          while (cursor.next()) {
            sink += cursor.key() + cursor.value().length();
          }
        });
  }

  @Test
  void descendingCursorWalkAllocatesNothing() {
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertAllocationFree(
        "descending cursor walk",
        () -> {
          cursor.resetToEnd();
          while (cursor.previous()) {
            sink += cursor.key() + cursor.value().length();
          }
        });
  }

  @Test
  void cursorSeeksAndShortWalksAllocateNothing() {
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertAllocationFree(
        "seekCeiling and seekHigher, then a few next() and previous()",
        () -> {
          for (int i = 0; i < N; i++) {
            cursor.seekCeiling(MISSES[i]);
            for (int step = 0; step < 3 && cursor.next(); step++) {
              sink += cursor.key();
            }
            cursor.seekHigher(KEYS[i]);
            if (cursor.previous()) {
              sink += cursor.value().length();
            }
          }
        });
  }

  @Test
  void cursorWalkWithSetValueAndRemoveAllocatesNothing() {
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertAllocationFree(
        "cursor walks with setValue and remove in both directions, then refill",
        () -> {
          cursor.reset();
          while (cursor.next()) {
            if ((cursor.key() & 1) == 0) {
              cursor.remove();
            } else {
              cursor.setValue(UPDATED);
            }
          }
          cursor.resetToEnd();
          while (cursor.previous()) {
            if ((cursor.key() & 3) == 1) {
              cursor.remove();
            }
          }
          for (int i = 0; i < N; i++) {
            map.putIfAbsent(KEYS[i], VALUES[i]);
          }
        });
    assertEquals(N, map.size());
  }

  @Test
  void forEachAllocatesNothing() {
    assertAllocationFree(
        "forEach with a method reference",
        () -> map.forEach(Long2ObjectSkipListMapAllocationTest::consume));
  }

  @Test
  void removeIfAllocatesNothing() {
    assertAllocationFree(
        "removeIf with a non-capturing lambda, then refill",
        () -> {
          sink += map.removeIf((k, v) -> (k & 3) == 0) ? 1 : 0;
          for (int i = 0; i < N; i++) {
            map.putIfAbsent(KEYS[i], VALUES[i]);
          }
        });
    assertEquals(N, map.size());
  }

  @Test
  void clearAndRefillAllocateNothing() {
    assertAllocationFree(
        "clear, then refill",
        () -> {
          map.clear();
          for (int i = 0; i < N; i++) {
            map.put(KEYS[i], VALUES[i]);
          }
        });
    assertEquals(N, map.size());
  }

  /** Removals and inserts between rounds scatter entries again, so each defragment moves nodes. */
  @Test
  void defragmentAllocatesNothing() {
    assertAllocationFree(
        "defragment, after removing and reinserting a quarter of the entries",
        () -> {
          for (int i = 0; i < N; i += 4) {
            sink += map.remove(KEYS[i]).length();
          }
          for (int i = N - 4; i >= 0; i -= 4) {
            sink += map.put(KEYS[i], VALUES[i]) == null ? 1 : 0;
          }
          map.defragment();
        });
    assertEquals(N, map.size());
  }

  @Test
  void hashCodeAndEqualsAllocateNothing() {
    Long2ObjectSkipListMap<String> same = filled();
    Long2ObjectHashMap<String> hashMap = new Long2ObjectHashMap<>(N);
    for (int i = 0; i < N; i++) {
      hashMap.put(KEYS[i], VALUES[i]);
    }
    Object hashed = hashMap; // equal across the two map classes, by their contract
    assertAllocationFree(
        "hashCode and equals with a skip list and a hash map",
        () -> {
          sink += map.hashCode();
          sink += map.equals(same) ? 1 : 0;
          sink += map.equals(hashed) ? 1 : 0;
        });
    assertEquals(same, map);
    assertEquals(hashed, map);
  }

  /** One round: put every key (all absent), then remove them all. */
  private Runnable putThenRemove(Long2ObjectSkipListMap<String> target) {
    return () -> {
      for (int i = 0; i < N; i++) {
        sink += target.put(KEYS[i], VALUES[i]) == null ? 1 : 0;
      }
      for (int i = 0; i < N; i++) {
        sink += target.remove(KEYS[i]).length();
      }
    };
  }

  private static void consume(long key, String value) {
    if (value.length() == 0 && key == 42) {
      throw new AssertionError("unreachable: values are never empty");
    }
  }

  private static Long2ObjectSkipListMap<String> filled() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(N, SEED);
    for (int i = 0; i < N; i++) {
      map.put(KEYS[i], VALUES[i]);
    }
    return map;
  }

  private static long[] keys() {
    long[] keys = new long[N];
    keys[0] = 0;
    keys[1] = Long.MIN_VALUE;
    keys[2] = Long.MAX_VALUE;
    keys[3] = -1;
    for (int i = 4; i < N; i++) {
      keys[i] = (i & 1) == 0 ? i * 17L : (long) (i - N / 2) << 40;
    }
    return keys;
  }

  private static long[] misses() {
    Set<Long> present = new HashSet<>();
    for (long key : KEYS) {
      present.add(key);
    }
    long[] misses = new long[N];
    for (int i = 0; i < N; i++) {
      long candidate = KEYS[i] ^ 0x5555_0000_0000_0001L;
      while (!present.add(candidate)) {
        candidate++;
      }
      misses[i] = candidate;
    }
    return misses;
  }

  private static String[] values(String prefix) {
    String[] values = new String[N];
    for (int i = 0; i < N; i++) {
      values[i] = prefix + KEYS[i];
    }
    return values;
  }
}
