package org.hotpath.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What Guava's conformance suite does not check about {@code asNavigableMap()}. */
class Long2ObjectSkipListMapViewTest {

  private static final long SEED = 0x5EED_0F_5C1F_15L;

  private static Long2ObjectSkipListMap<String> mapOf(long... keys) {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, SEED);
    for (long key : keys) {
      map.put(key, "v" + key);
    }
    return map;
  }

  @Test
  void shouldReturnTheSameViewOnEveryCall() {
    Long2ObjectSkipListMap<String> map = mapOf(1, 2);
    NavigableMap<Long, String> view = map.asNavigableMap();
    assertSame(view, map.asNavigableMap());
    assertSame(view.keySet(), view.keySet());
    assertSame(view.entrySet(), view.entrySet());
    assertSame(view.values(), view.values());
    assertSame(view.descendingMap(), view.descendingMap());
    assertSame(view, view.descendingMap().descendingMap());
  }

  @Test
  void shouldShowChangesToThePrimitiveMap() {
    Long2ObjectSkipListMap<String> map = mapOf(1);
    NavigableMap<Long, String> view = map.asNavigableMap();
    NavigableMap<Long, String> head = view.headMap(10L, true);
    map.put(5, "five");
    map.put(20, "twenty");
    assertEquals("five", view.get(5L));
    assertEquals(List.of(1L, 5L), List.copyOf(head.keySet()));
    map.remove(1);
    assertEquals(5L, head.firstKey());
    assertEquals(2, view.size());
  }

  @Test
  void shouldWriteChangesThroughToThePrimitiveMap() {
    Long2ObjectSkipListMap<String> map = mapOf(1, 2, 3);
    NavigableMap<Long, String> view = map.asNavigableMap();
    view.put(4L, "four");
    view.remove(1L);
    view.descendingMap().pollFirstEntry();
    view.firstEntry();
    for (Map.Entry<Long, String> e : view.entrySet()) {
      e.setValue("x" + e.getKey());
    }
    Iterator<Long> keys = view.tailMap(3L, true).keySet().iterator();
    keys.next();
    keys.remove();
    assertEquals(1, map.size());
    assertEquals("x2", map.get(2));
    assertFalse(map.containsKey(3));
  }

  @Test
  void shouldRejectNullKeyWithTheMapUnchanged() {
    Long2ObjectSkipListMap<String> map = mapOf(1, 2);
    NavigableMap<Long, String> view = map.asNavigableMap();
    NullPointerException put = assertThrows(NullPointerException.class, () -> view.put(null, "v"));
    assertEquals("key", put.getMessage());
    assertEquals("key", assertThrows(NullPointerException.class, () -> view.get(null)).getMessage());
    assertThrows(NullPointerException.class, () -> view.ceilingKey(null));
    assertThrows(NullPointerException.class, () -> view.remove(null));
    assertEquals(mapOf(1, 2), map);
  }

  @Test
  void shouldRejectNullValueWithTheMapUnchanged() {
    Long2ObjectSkipListMap<String> map = mapOf(1, 2);
    NavigableMap<Long, String> view = map.asNavigableMap();
    NullPointerException put = assertThrows(NullPointerException.class, () -> view.put(3L, null));
    assertEquals("value", put.getMessage());
    Map<Long, String> withNull = new TreeMap<>();
    withNull.put(0L, "zero");
    withNull.put(9L, null);
    assertThrows(NullPointerException.class, () -> view.putAll(withNull));
    Map.Entry<Long, String> entry = view.entrySet().iterator().next();
    assertThrows(NullPointerException.class, () -> entry.setValue(null));
    assertEquals(mapOf(1, 2), map);
  }

  @Test
  void shouldRejectWrongTypedKeyWithClassCastException() {
    NavigableMap<Long, String> view = mapOf(1).asNavigableMap();
    Object intKey = 1;
    ClassCastException e = assertThrows(ClassCastException.class, () -> view.get(intKey));
    assertEquals("key must be a Long, but was a java.lang.Integer", e.getMessage());
  }

  @Test
  void shouldRejectOutOfRangePutOnSubMapNamingTheKey() {
    Long2ObjectSkipListMap<String> map = mapOf(10, 20);
    NavigableMap<Long, String> sub = map.asNavigableMap().subMap(10L, true, 20L, false);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sub.put(20L, "x"));
    assertEquals("key 20 is outside this view's key range [10, 20)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sub.put(9L, "x"));
    assertThrows(IllegalArgumentException.class, () -> sub.descendingMap().put(25L, "x"));
    assertThrows(IllegalArgumentException.class, () -> sub.putAll(Map.of(11L, "a", 30L, "b")));
    assertThrows(IllegalArgumentException.class, () -> sub.headMap(20L, true));
    assertEquals(mapOf(10, 20), map, "every rejected put left the map unchanged");
    assertNull(sub.remove(20L), "removing out of range is a no-op");
    assertEquals(2, map.size());
  }

  @Test
  void shouldBoundSubMapsAtTheEndsOfTheLongRange() {
    Long2ObjectSkipListMap<String> map =
        mapOf(Long.MIN_VALUE, Long.MIN_VALUE + 1, 0, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    NavigableMap<Long, String> view = map.asNavigableMap();
    assertEquals(List.of(Long.MIN_VALUE), List.copyOf(view.headMap(Long.MIN_VALUE, true).keySet()));
    assertTrue(view.headMap(Long.MIN_VALUE, false).isEmpty());
    assertTrue(view.tailMap(Long.MAX_VALUE, false).isEmpty());
    assertEquals(
        List.of(Long.MAX_VALUE, Long.MAX_VALUE - 1),
        List.copyOf(view.tailMap(Long.MAX_VALUE - 1, true).descendingKeySet()));
    NavigableMap<Long, String> inner = view.subMap(Long.MIN_VALUE, false, Long.MAX_VALUE, false);
    assertEquals(3, inner.size());
    assertEquals(Long.MIN_VALUE + 1, inner.firstKey());
    assertEquals(Long.MAX_VALUE - 1, inner.lastKey());
    assertNull(inner.higherKey(Long.MAX_VALUE - 1));
    assertNull(inner.lowerKey(Long.MIN_VALUE + 1));
    assertEquals(Long.MIN_VALUE + 1, inner.ceilingKey(Long.MIN_VALUE));
    assertThrows(IllegalArgumentException.class, () -> inner.put(Long.MAX_VALUE, "x"));
    inner.clear();
    assertEquals(List.of(Long.MIN_VALUE, Long.MAX_VALUE), List.copyOf(view.keySet()));
  }

  @Test
  void shouldFailFastWhenTheMapChangesDuringIteration() {
    Long2ObjectSkipListMap<String> map = mapOf(1, 2, 3);
    Iterator<Long> it = map.asNavigableMap().descendingKeySet().iterator();
    it.next();
    map.put(4, "four");
    assertThrows(ConcurrentModificationException.class, it::next);
  }

  @Test
  void shouldGiveImmutableEntriesFromNavigation() {
    NavigableMap<Long, String> view = mapOf(1).asNavigableMap();
    assertThrows(UnsupportedOperationException.class, () -> view.firstEntry().setValue("x"));
    assertEquals("v1", view.get(1L));
  }

  @Test
  void shouldRejectSetValueOfAnEntryWhoseKeyWasRemoved() {
    Long2ObjectSkipListMap<String> map = mapOf(1);
    Map.Entry<Long, String> entry = map.asNavigableMap().entrySet().iterator().next();
    map.remove(1);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> entry.setValue("x"));
    assertEquals("key 1 is no longer mapped: its entry was removed from the map", e.getMessage());
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldEqualTreeMapWithTheSameMappings() {
    NavigableMap<Long, String> view = mapOf(-5, 0, 5).asNavigableMap();
    TreeMap<Long, String> tree = new TreeMap<>(Map.of(-5L, "v-5", 0L, "v0", 5L, "v5"));
    assertEquals(tree, view);
    assertEquals(view, tree);
    assertEquals(tree.hashCode(), view.hashCode());
    assertEquals(tree.toString(), view.toString());
    assertEquals(tree.descendingMap().toString(), view.descendingMap().toString());
  }
}
