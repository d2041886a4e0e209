package org.hotpath.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotpath.internal.Chunks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Int2IntHashMapTest {

  /** Keys that a naive map treats specially; here all are ordinary. */
  private static final int[] EDGE_KEYS = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 7};

  /* ---------------- Keys and values ---------------- */

  @Test
  void shouldReturnMissingValueForAbsentKey() {
    Int2IntHashMap map = new Int2IntHashMap(4, 0.75f, -7);
    assertEquals(-7, map.get(5));
    assertEquals(-7, map.get(0));
    assertEquals(-7, map.remove(5));
    assertEquals(-7, map.put(5, 1));
    assertEquals(-7, map.missingValue());
  }

  @Test
  void shouldStoreEveryEdgeKeyAndTheMissingValueItself() {
    Int2IntHashMap map = new Int2IntHashMap(0, 0.75f, 7);
    for (int key : EDGE_KEYS) {
      assertEquals(7, map.put(key, 7), "fresh put of " + key);
    }
    assertEquals(EDGE_KEYS.length, map.size());
    for (int key : EDGE_KEYS) {
      assertTrue(map.containsKey(key), "containsKey(" + key + ")");
      assertEquals(7, map.get(key));
      assertEquals(7, map.remove(key));
      assertFalse(map.containsKey(key), "removed " + key);
    }
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldCountFromZeroWithAddAndGet() {
    Int2IntHashMap counters = new Int2IntHashMap(4, 0.75f, -1);
    assertEquals(3, counters.addAndGet(10, 3));
    assertEquals(1, counters.addAndGet(10, -2));
    assertEquals(5, counters.addAndGet(0, 5));
    assertEquals(Integer.MIN_VALUE, counters.addAndGet(11, Integer.MIN_VALUE));
    assertEquals(Integer.MAX_VALUE, counters.addAndGet(11, -1), "overflow wraps like +");
  }

  @Test
  void shouldKeepExistingValueOnPutIfAbsent() {
    Int2IntHashMap map = new Int2IntHashMap();
    assertEquals(0, map.putIfAbsent(3, 30));
    assertEquals(30, map.putIfAbsent(3, 31));
    assertEquals(30, map.get(3));
  }

  @Test
  void shouldComputeOnlyAbsentValues() {
    Int2IntHashMap map = new Int2IntHashMap();
    assertEquals(6, map.computeIfAbsent(3, k -> k * 2));
    assertEquals(6, map.computeIfAbsent(3, k -> -1));
    assertEquals(0, map.computeIfAbsent(0, k -> k));
    assertTrue(map.containsKey(0));
  }

  /* ---------------- Sizing ---------------- */

  @Test
  void shouldGrowPastExpectedSizeAndCompactBack() {
    Int2IntHashMap map = new Int2IntHashMap(10);
    int initialCapacity = map.capacity();
    for (int i = 1; i <= 10_000; i++) {
      map.put(i, -i);
    }
    assertTrue(map.capacity() > initialCapacity);
    map.removeIf((k, v) -> k > 10);
    map.compact();
    assertEquals(Chunks.chunksFor(10, map.loadFactor()) * Chunks.SLOTS, map.capacity());
    for (int i = 1; i <= 10; i++) {
      assertEquals(-i, map.get(i));
    }
  }

  @Test
  void shouldKeepCapacityOnClear() {
    Int2IntHashMap map = new Int2IntHashMap(100);
    for (int i = 0; i < 100; i++) {
      map.put(i, i);
    }
    int capacity = map.capacity();
    map.clear();
    assertEquals(0, map.size());
    assertEquals(capacity, map.capacity());
    assertFalse(map.containsKey(0));
    assertEquals(0, map.get(50));
  }

  /* ---------------- Bad input ---------------- */

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE})
  void shouldRejectNegativeExpectedSize(int expectedSize) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Int2IntHashMap(expectedSize));
    assertTrue(e.getMessage().contains(String.valueOf(expectedSize)), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(floats = {0f, 0.9f, 1f, -0.5f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY})
  void shouldRejectLoadFactorOutsideItsRange(float loadFactor) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Int2IntHashMap(8, loadFactor));
    assertTrue(e.getMessage().contains(String.valueOf(loadFactor)), e.getMessage());
  }

  @Test
  void shouldRejectExpectedSizeBeyondTheLargestTable() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Int2IntHashMap(Integer.MAX_VALUE, 0.5f));
    assertTrue(e.getMessage().contains(String.valueOf(Integer.MAX_VALUE)), e.getMessage());
  }

  @Test
  void shouldRejectNullFunctionsAndLeaveTheMapUnchanged() {
    Int2IntHashMap map = mapOf(1, 10, 2, 20);
    Int2IntHashMap before = mapOf(1, 10, 2, 20);
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> map.computeIfAbsent(3, null));
    assertEquals("mappingFunction", e.getMessage());
    assertEquals("filter", assertThrows(NullPointerException.class, () -> map.removeIf(null)).getMessage());
    assertEquals("action", assertThrows(NullPointerException.class, () -> map.forEach(null)).getMessage());
    assertEquals(before, map);
  }

  @Test
  void shouldFailFastWhenACallbackModifiesTheMap() {
    Int2IntHashMap map = mapOf(1, 10, 2, 20);
    assertThrows(ConcurrentModificationException.class, () -> map.forEach((k, v) -> map.put(k + 100, v)));
    Int2IntHashMap other = mapOf(1, 10, 2, 20);
    assertThrows(
        ConcurrentModificationException.class, () -> other.computeIfAbsent(5, k -> other.put(6, 6)));
    assertFalse(other.containsKey(5), "the computed value was not stored");
  }

  /* ---------------- Cursors ---------------- */

  @Test
  void shouldNestCursorsIndependently() {
    Int2IntHashMap map = mapOf(1, 10, 2, 20, 0, 0);
    Int2IntHashMap.Cursor outer = map.newCursor();
    Int2IntHashMap.Cursor inner = map.newCursor();
    List<String> pairs = new ArrayList<>();
    while (outer.next()) {
      inner.reset();
      while (inner.next()) {
        pairs.add(outer.key() + ":" + inner.key());
      }
    }
    assertEquals(9, pairs.size());
    assertEquals(9, pairs.stream().distinct().count());
  }

  @Test
  void shouldRemoveEveryEntryThroughACursorWithoutSkipping() {
    Int2IntHashMap map = new Int2IntHashMap(0, 0.875f); // as full as allowed: entries in second chunks, moved entries
    Map<Integer, Integer> model = new HashMap<>();
    for (int i = -500; i < 500; i++) {
      map.put(i * 17, i);
      model.put(i * 17, i);
    }
    Int2IntHashMap.Cursor cursor = map.newCursor();
    int walked = 0;
    while (cursor.next()) {
      assertEquals(model.remove(cursor.key()).intValue(), cursor.value());
      cursor.remove();
      walked++;
    }
    assertEquals(1000, walked);
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldFailFastWhenTheMapChangesUnderACursor() {
    Int2IntHashMap map = mapOf(1, 10, 2, 20);
    Int2IntHashMap.Cursor cursor = map.newCursor();
    assertTrue(cursor.next());
    map.put(3, 30);
    assertThrows(ConcurrentModificationException.class, cursor::next);
    assertThrows(ConcurrentModificationException.class, cursor::key);
    cursor.reset();
    assertTrue(cursor.next(), "reset makes the cursor usable again");
  }

  @Test
  void shouldInvalidateOtherCursorsOnCursorRemoval() {
    Int2IntHashMap map = mapOf(1, 10, 2, 20);
    Int2IntHashMap.Cursor remover = map.newCursor();
    Int2IntHashMap.Cursor reader = map.newCursor();
    assertTrue(reader.next());
    assertTrue(remover.next());
    remover.remove();
    assertThrows(ConcurrentModificationException.class, reader::next);
    assertTrue(remover.next(), "the removing cursor goes on");
  }

  @Test
  void shouldNotCountValueUpdatesAsStructuralChanges() {
    Int2IntHashMap map = mapOf(1, 10, 2, 20);
    Int2IntHashMap.Cursor cursor = map.newCursor();
    assertTrue(cursor.next());
    map.put(1, 11);
    map.addAndGet(2, 1);
    assertTrue(cursor.next());
  }

  @Test
  void shouldRejectAccessWithoutCurrentEntry() {
    Int2IntHashMap map = mapOf(1, 10);
    Int2IntHashMap.Cursor cursor = map.newCursor();
    assertThrows(IllegalStateException.class, cursor::key);
    assertTrue(cursor.next());
    cursor.remove();
    assertThrows(IllegalStateException.class, cursor::remove);
    assertThrows(IllegalStateException.class, () -> cursor.setValue(1));
    assertFalse(cursor.next());
    assertThrows(IllegalStateException.class, cursor::value);
  }

  /* ---------------- Object methods ---------------- */

  @Test
  void shouldFollowMapSemanticsForEqualsHashCodeAndToString() {
    Int2IntHashMap map = new Int2IntHashMap(4, 0.75f, 99);
    Map<Integer, Integer> model = new HashMap<>();
    int[][] entries = {{0, 1}, {-1, Integer.MIN_VALUE}, {Integer.MAX_VALUE, 0}};
    for (int[] e : entries) {
      map.put(e[0], e[1]);
      model.put(e[0], e[1]);
    }
    Int2IntHashMap same = new Int2IntHashMap();
    model.forEach(same::put);
    assertEquals(same, map);
    assertEquals(model.hashCode(), map.hashCode());
    same.put(5, 5);
    assertNotEquals(same, map);
    assertNotEquals(map, model, "not a java.util.Map");
    String text = map.toString();
    assertTrue(text.startsWith("{0=1, ") && text.endsWith("}"), text);
    for (Map.Entry<Integer, Integer> e : model.entrySet()) {
      assertTrue(text.contains(e.getKey() + "=" + e.getValue()), text);
    }
    assertEquals("{}", new Int2IntHashMap().toString());
  }

  private static Int2IntHashMap mapOf(int... keysAndValues) {
    Int2IntHashMap map = new Int2IntHashMap();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
