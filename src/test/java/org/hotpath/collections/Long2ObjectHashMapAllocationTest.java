package org.hotpath.collections;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every steady-state operation of Long2ObjectHashMap allocates zero bytes. All values are built
 * before measuring, so that the test measures the map and not the test.
 */
class Long2ObjectHashMapAllocationTest {

  private static final int N = 1024;

  /** Keys of all families, 0 and the extremes included. */
  private static final long[] KEYS = keys();

  /** Keys absent from {@link #KEYS}, one per key. */
  private static final long[] MISSES = misses();

  /** {@code VALUES[i]} is the value of {@code KEYS[i]}. */
  private static final String[] VALUES = values("v");

  /** Replacement values, {@code OTHER_VALUES[i]} for {@code KEYS[i]}. */
  private static final String[] OTHER_VALUES = values("w");

  private static final String UPDATED = "updated";

  private final Long2ObjectHashMap<String> map = filled();
  private long sink;

  @Test
  void getAllocatesNothing() {
    assertAllocationFree(
        "get, getOrDefault and containsKey, hits and misses",
        () -> {
          for (int i = 0; i < N; i++) {
            sink += map.get(KEYS[i]).length() + (map.containsKey(KEYS[i]) ? 1 : 0);
            sink += map.get(MISSES[i]) == null ? 1 : 0;
            sink += map.getOrDefault(MISSES[i], null) == null ? 1 : 0;
            sink += map.containsKey(MISSES[i]) ? 1 : 0;
          }
        });
  }

  @Test
  void containsValueAllocatesNothing() {
    assertAllocationFree(
        "containsValue, hit and miss",
        () -> sink += (map.containsValue(VALUES[N / 2]) ? 1 : 0) + (map.containsValue(UPDATED) ? 1 : 0));
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
    Long2ObjectHashMap<String> presized = new Long2ObjectHashMap<>(N);
    assertAllocationFree(
        "put of new keys into a presized map, then remove",
        () -> {
          for (int i = 0; i < N; i++) {
            sink += presized.put(KEYS[i], VALUES[i]) == null ? 1 : 0;
          }
          for (int i = 0; i < N; i++) {
            sink += presized.remove(KEYS[i]).length();
          }
        });
    assertEquals(0, presized.size());
  }

  @Test
  void putIfAbsentAndComputeIfAbsentIntoAPresizedMapAllocateNothing() {
    Long2ObjectHashMap<String> presized = new Long2ObjectHashMap<>(N);
    assertAllocationFree(
        "putIfAbsent and computeIfAbsent with a non-capturing function, then clear",
        () -> {
          for (int i = 0; i < N; i += 2) {
            sink += presized.putIfAbsent(KEYS[i], VALUES[i]) == null ? 1 : 0;
          }
          for (int i = 1; i < N; i += 2) {
            sink += presized.computeIfAbsent(KEYS[i], key -> UPDATED).length();
          }
          presized.clear();
        });
    assertNull(presized.get(KEYS[0]));
  }

  @Test
  void forEachAllocatesNothing() {
    assertAllocationFree(
        "forEach with a method reference", () -> map.forEach(Long2ObjectHashMapAllocationTest::consume));
  }

  @Test
  void cursorWalkWithSetValueAndRemoveAllocatesNothing() {
    Long2ObjectHashMap<String>.Cursor cursor = map.newCursor();
    assertAllocationFree(
        "cursor walk with setValue and remove, then refill",
        () -> {
          cursor.reset();
          while (cursor.next()) {
            if ((cursor.key() & 1) == 0) {
              cursor.remove();
            } else {
              cursor.setValue(UPDATED);
            }
          }
          for (int i = 0; i < N; i++) {
            map.putIfAbsent(KEYS[i], VALUES[i]);
          }
        });
  }

  @Test
  void removeIfAllocatesNothing() {
    assertAllocationFree(
        "removeIf with a non-capturing lambda, then refill",
        () -> {
          map.removeIf((k, v) -> (k & 3) == 0);
          for (int i = 0; i < N; i++) {
            map.putIfAbsent(KEYS[i], VALUES[i]);
          }
        });
  }

  private static void consume(long key, String value) {
    if (value.length() == 0 && key == 42) {
      throw new AssertionError("unreachable: values are never empty");
    }
  }

  private static Long2ObjectHashMap<String> filled() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>(N);
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
      keys[i] = (i & 1) == 0 ? i * 17L : (long) i << 40;
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
      while (present.contains(candidate)) {
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
