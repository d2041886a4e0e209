package org.hotpath.collections;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every steady-state operation of Int2IntHashMap allocates zero bytes. */
class Int2IntHashMapAllocationTest {

  private static final int N = 1024;

  /** Keys of all families, 0 and the extremes included. */
  private static final int[] KEYS = keys();

  private final Int2IntHashMap map = filled();
  private long sink;

  @Test
  void getAllocatesNothing() {
    assertAllocationFree(
        "get, hits and misses",
        () -> {
          for (int key : KEYS) {
            sink += map.get(key) + map.get(~key) + (map.containsKey(key) ? 1 : 0);
          }
        });
  }

  @Test
  void putOfExistingKeysAllocatesNothing() {
    assertAllocationFree(
        "put of existing keys",
        () -> {
          for (int key : KEYS) {
            sink += map.put(key, key + 1);
          }
        });
  }

  @Test
  void putOfNewKeysIntoAPresizedMapAndRemoveAllocateNothing() {
    Int2IntHashMap presized = new Int2IntHashMap(N);
    assertAllocationFree(
        "put of new keys into a presized map, then remove",
        () -> {
          for (int key : KEYS) {
            sink += presized.put(key, key);
          }
          for (int key : KEYS) {
            sink += presized.remove(key);
          }
        });
    assertEquals(0, presized.size());
  }

  @Test
  void addAndGetAllocatesNothing() {
    Int2IntHashMap counters = new Int2IntHashMap(N);
    assertAllocationFree(
        "addAndGet",
        () -> {
          for (int key : KEYS) {
            sink += counters.addAndGet(key, 1);
          }
        });
  }

  @Test
  void forEachAllocatesNothing() {
    assertAllocationFree("forEach with a non-capturing lambda", () -> map.forEach(Int2IntHashMapAllocationTest::consume));
  }

  @Test
  void cursorWalkWithSetValueAndRemoveAllocatesNothing() {
    Int2IntHashMap.Cursor cursor = map.newCursor();
    assertAllocationFree(
        "cursor walk with setValue and remove, then refill",
        () -> {
          cursor.reset();
          while (cursor.next()) {
            if ((cursor.key() & 1) == 0) {
              cursor.remove();
            } else {
              cursor.setValue(cursor.value() + 1);
            }
          }
          for (int key : KEYS) {
            map.putIfAbsent(key, key);
          }
        });
  }

  @Test
  void removeIfAllocatesNothing() {
    assertAllocationFree(
        "removeIf with a non-capturing lambda, then refill",
        () -> {
          map.removeIf((k, v) -> (k & 3) == 0);
          for (int key : KEYS) {
            map.putIfAbsent(key, key);
          }
        });
  }

  private static void consume(int key, int value) {
    if (key == value && key == 42) {
      throw new AssertionError("unreachable: keys never equal their value here");
    }
  }

  private static Int2IntHashMap filled() {
    Int2IntHashMap map = new Int2IntHashMap(N);
    for (int key : KEYS) {
      map.put(key, ~key);
    }
    return map;
  }

  private static int[] keys() {
    int[] keys = new int[N];
    keys[0] = 0;
    keys[1] = Integer.MIN_VALUE;
    keys[2] = Integer.MAX_VALUE;
    keys[3] = -1;
    for (int i = 4; i < N; i++) {
      keys[i] = (i & 1) == 0 ? i * 17 : i << 20;
    }
    return keys;
  }
}
