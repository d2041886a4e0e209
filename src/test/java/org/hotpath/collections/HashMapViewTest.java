package org.hotpath.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Guava's conformance suite does not check about the hash maps' {@code asMap()}. */
class HashMapViewTest {

  private static final int MISSING = -7;

  private static Int2IntHashMap intMapOf(int... keysAndValues) {
    Int2IntHashMap map = new Int2IntHashMap(4, 0.5f, MISSING);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Long2ObjectHashMap<String> longMapOf(long... keys) {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>(4);
    for (long key : keys) {
      map.put(key, "v" + key);
    }
    return map;
  }

  @Test
  void shouldReturnTheSameViewOnEveryCall() {
    Int2IntHashMap ints = intMapOf(1, 2);
    Long2ObjectHashMap<String> longs = longMapOf(1);
    assertSame(ints.asMap(), ints.asMap());
    assertSame(longs.asMap(), longs.asMap());
    assertSame(ints.asMap().entrySet(), ints.asMap().entrySet());
  }

  @Test
  void shouldReadNullForAnAbsentKeyEvenWhenTheMissingValueIsStored() {
    Int2IntHashMap map = intMapOf(1, MISSING);
    Map<Integer, Integer> view = map.asMap();
    assertEquals(MISSING, view.get(1));
    assertNull(view.get(2));
    assertNull(view.remove(2));
    assertNull(view.put(3, MISSING));
    assertEquals(MISSING, view.put(3, 4));
    assertEquals(MISSING, view.remove(1));
    assertEquals(Map.of(3, 4), view);
  }

  @Test
  void shouldShowChangesBothWays() {
    Long2ObjectHashMap<String> map = longMapOf(1);
    Map<Long, String> view = map.asMap();
    map.put(1L << 40, "big");
    assertEquals("big", view.get(1L << 40));
    view.put(0L, "zero");
    view.remove(1L);
    assertEquals("zero", map.get(0));
    assertFalse(map.containsKey(1));
    assertEquals(2, map.size());
  }

  @Test
  void shouldRejectNullKeysAndValuesNamingThemAndLeaveTheMapUnchanged() {
    Int2IntHashMap ints = intMapOf(1, 2);
    Long2ObjectHashMap<String> longs = longMapOf(1);
    NullPointerException e = assertThrows(NullPointerException.class, () -> ints.asMap().put(null, 1));
    assertEquals("key", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> ints.asMap().put(1, null));
    assertEquals("value", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> longs.asMap().put(null, "x"));
    assertEquals("key", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> longs.asMap().put(1L, null));
    assertEquals("value", e.getMessage());
    assertEquals(intMapOf(1, 2), ints);
    assertEquals(longMapOf(1), longs);
    assertNull(longs.asMap().get(null));
    assertFalse(ints.asMap().containsKey(null));
  }

  @Test
  void shouldEqualAJdkMapWithTheSameEntriesBothWays() {
    Int2IntHashMap map = intMapOf(0, MISSING, Integer.MIN_VALUE, Integer.MAX_VALUE);
    Map<Integer, Integer> jdk = new HashMap<>(Map.of(0, MISSING, Integer.MIN_VALUE, Integer.MAX_VALUE));
    assertEquals(jdk, map.asMap());
    assertEquals(map.asMap(), jdk);
    assertEquals(jdk.hashCode(), map.asMap().hashCode());
    assertEquals(map.hashCode(), map.asMap().hashCode());
  }

  @Test
  void shouldRemoveThroughTheIteratorAfterHasNextLookedAhead() {
    Long2ObjectHashMap<String> map = longMapOf(0, 1, 2, 3, 4, 5, 6, 7);
    Iterator<Long> it = map.asMap().keySet().iterator();
    int seen = 0;
    while (it.hasNext()) {
      long key = it.next();
      seen++;
      if (it.hasNext() && key % 2 == 0) {
        it.remove();
      }
    }
    assertEquals(8, seen);
    assertTrue(map.size() >= 4 && map.size() <= 5, "even keys removed except possibly the last seen");
    for (long k = 1; k < 8; k += 2) {
      assertTrue(map.containsKey(k), "odd key kept: " + k);
    }
  }

  @Test
  void shouldFailFastWhenTheMapChangesUnderAnIterator() {
    Int2IntHashMap map = intMapOf(1, 1, 2, 2);
    Iterator<Integer> it = map.asMap().values().iterator();
    it.next();
    map.put(3, 3);
    assertThrows(ConcurrentModificationException.class, it::hasNext);
    assertThrows(ConcurrentModificationException.class, it::next);
  }

  @Test
  void shouldRefuseSetValueOnAnEntryWhoseKeyWasRemoved() {
    Long2ObjectHashMap<String> map = longMapOf(1);
    Map.Entry<Long, String> entry = map.asMap().entrySet().iterator().next();
    entry.setValue("one");
    assertEquals("one", map.get(1));
    map.remove(1);
    assertThrows(IllegalStateException.class, () -> entry.setValue("again"));
    assertTrue(map.isEmpty());
  }
}
