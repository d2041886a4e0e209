package org.hotpath.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hotpath.internal.Chunks;
import org.hotpath.testing.Reachability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class Long2ObjectHashMapTest {

  /** Keys that a naive map treats specially; here all are ordinary. */
  private static final long[] EDGE_KEYS = {
    0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 32, 7
  };

  /** Clustered keys (a 0.9 load factor makes long runs), so removals shift entries back. */
  private static final long[] DROP_KEYS = dropKeys();

  /** A value with content equality, so that an equal copy is a different object. */
  record Payload(long key, int generation) {}

  /* ---------------- Keys and values ---------------- */

  @Test
  void shouldReturnNullForAbsentKey() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>();
    assertNull(map.get(5));
    assertNull(map.get(0));
    assertFalse(map.containsKey(5));
    assertFalse(map.containsKey(0));
    assertNull(map.remove(5));
    assertNull(map.remove(0));
    assertNull(map.put(5, "five"), "put of an absent key returns null");
    assertEquals(1, map.size());
  }

  @Test
  void shouldStoreEveryEdgeKey() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>(0);
    for (long key : EDGE_KEYS) {
      assertNull(map.put(key, "v" + key), "fresh put of " + key);
    }
    assertEquals(EDGE_KEYS.length, map.size());
    for (long key : EDGE_KEYS) {
      assertTrue(map.containsKey(key), "containsKey(" + key + ")");
      assertEquals("v" + key, map.get(key));
      assertEquals("v" + key, map.remove(key));
      assertFalse(map.containsKey(key), "removed " + key);
      assertNull(map.get(key), "removed " + key);
    }
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldDistinguishKeysThatDifferOnlyInTheHighHalf() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>();
    Map<Long, String> model = new HashMap<>();
    for (long high = 0; high < 1_000; high++) {
      for (long low : new long[] {0, 1, 0xFFFF_FFFFL}) {
        long key = high << 32 | low;
        String value = high + ":" + low;
        map.put(key, value);
        model.put(key, value);
      }
    }
    assertEquals(model.size(), map.size());
    model.forEach((key, value) -> assertSame(value, map.get(key), "get(" + key + ")"));
  }

  @Test
  void shouldReturnThePreviousValueWhenPutReplaces() {
    Long2ObjectHashMap<String> map = mapOf(0, "zero", 3, "three");
    assertEquals("three", map.put(3, "THREE"));
    assertEquals("zero", map.put(0, "ZERO"));
    assertEquals("THREE", map.get(3));
    assertEquals("ZERO", map.get(0));
    assertEquals(2, map.size());
  }

  @Test
  void shouldKeepExistingValueOnPutIfAbsent() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>();
    assertNull(map.putIfAbsent(3, "a"));
    assertEquals("a", map.putIfAbsent(3, "b"));
    assertEquals("a", map.get(3));
    assertNull(map.putIfAbsent(0, "z"));
    assertEquals("z", map.putIfAbsent(0, "y"));
    assertEquals("z", map.get(0));
  }

  @Test
  void shouldComputeOnlyAbsentValues() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>();
    assertEquals("6", map.computeIfAbsent(3, k -> String.valueOf(k * 2)));
    assertEquals("6", map.computeIfAbsent(3, k -> fail("computed a present key")));
    assertEquals("0", map.computeIfAbsent(0, String::valueOf));
    assertEquals("0", map.get(0));
    assertEquals(2, map.size());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 3, Long.MIN_VALUE})
  void shouldMapNothingWhenTheComputedValueIsNull(long key) {
    Long2ObjectHashMap<String> map = mapOf(1, "one");
    Map<Long, String> model = new HashMap<>(Map.of(1L, "one"));
    assertNull(model.computeIfAbsent(key, k -> null), "HashMap's behaviour");
    assertNull(map.computeIfAbsent(key, k -> null));
    assertFalse(map.containsKey(key));
    assertEquals(1, map.size());
  }

  @Test
  void shouldReturnTheDefaultOnlyForAbsentKeys() {
    Long2ObjectHashMap<String> map = mapOf(0, "zero", 9, "nine");
    assertNull(map.getOrDefault(5, null), "a null default is allowed");
    assertEquals("dflt", map.getOrDefault(5, "dflt"));
    assertEquals("nine", map.getOrDefault(9, null));
    assertEquals("zero", map.getOrDefault(0, "dflt"));
    map.remove(0);
    assertNull(map.getOrDefault(0, null));
  }

  @Test
  void shouldFindValuesByEquals() {
    Long2ObjectHashMap<Payload> map = new Long2ObjectHashMap<>();
    map.put(0, new Payload(0, 0));
    map.put(Long.MIN_VALUE, new Payload(Long.MIN_VALUE, 0));
    assertTrue(map.containsValue(new Payload(0, 0)), "value of the zero key");
    assertTrue(map.containsValue(new Payload(Long.MIN_VALUE, 0)));
    assertFalse(map.containsValue(new Payload(Long.MIN_VALUE, 1)));
    assertFalse(map.containsValue(null));
    assertFalse(map.containsValue("not a payload"));
  }

  /* ---------------- Sizing ---------------- */

  @Test
  void shouldGrowPastExpectedSizeAndCompactBack() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>(10);
    int initialCapacity = map.capacity();
    for (long i = 1; i <= 10_000; i++) {
      map.put(i << 32, "v" + i);
    }
    assertTrue(map.capacity() > initialCapacity);
    map.removeIf((k, v) -> k > (10L << 32));
    map.compact();
    assertEquals(Chunks.chunksFor(10, map.loadFactor()) * Chunks.SLOTS, map.capacity());
    for (long i = 1; i <= 10; i++) {
      assertEquals("v" + i, map.get(i << 32));
    }
  }

  @Test
  void shouldKeepCapacityOnClear() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>(100);
    for (long i = 0; i < 100; i++) {
      map.put(i, "v" + i);
    }
    int capacity = map.capacity();
    map.clear();
    assertEquals(0, map.size());
    assertEquals(capacity, map.capacity());
    assertFalse(map.containsKey(0));
    assertNull(map.get(50));
    assertFalse(map.containsValue("v50"), "cleared values are gone");
  }

  /* ---------------- Dropped values ---------------- */

  /**
   * Ways a value leaves the map; each drops the value of every victim key (all keys for {@link
   * #CLEAR}). A replaced value is dropped although its key stays.
   */
  enum Drop {
    REMOVE {
      @Override
      void apply(Long2ObjectHashMap<Payload> map) {
        for (long key : DROP_KEYS) {
          if (isVictim(key)) {
            map.remove(key);
          }
        }
      }
    },
    CURSOR_REMOVE {
      @Override
      void apply(Long2ObjectHashMap<Payload> map) {
        Long2ObjectHashMap<Payload>.Cursor cursor = map.newCursor();
        while (cursor.next()) {
          if (isVictim(cursor.key())) {
            cursor.remove();
          }
        }
      }
    },
    REMOVE_IF {
      @Override
      void apply(Long2ObjectHashMap<Payload> map) {
        map.removeIf((k, v) -> isVictim(k));
      }
    },
    REPLACE_BY_PUT {
      @Override
      void apply(Long2ObjectHashMap<Payload> map) {
        for (long key : DROP_KEYS) {
          if (isVictim(key)) {
            map.put(key, new Payload(key, 1));
          }
        }
      }
    },
    REPLACE_BY_CURSOR {
      @Override
      void apply(Long2ObjectHashMap<Payload> map) {
        Long2ObjectHashMap<Payload>.Cursor cursor = map.newCursor();
        while (cursor.next()) {
          if (isVictim(cursor.key())) {
            cursor.setValue(new Payload(cursor.key(), 1));
          }
        }
      }
    },
    CLEAR {
      @Override
      void apply(Long2ObjectHashMap<Payload> map) {
        map.clear();
      }

      @Override
      boolean drops(long key) {
        return true;
      }
    };

    abstract void apply(Long2ObjectHashMap<Payload> map);

    boolean drops(long key) {
      return isVictim(key);
    }
  }

  @ParameterizedTest
  @EnumSource(Drop.class)
  void shouldForgetDroppedValues(Drop drop) {
    Long2ObjectHashMap<Payload> map = payloadMap();
    drop.apply(map);
    for (long key : DROP_KEYS) {
      boolean dropped = drop.drops(key);
      assertEquals(
          !dropped, map.containsValue(new Payload(key, 0)), "containsValue, original of " + key);
    }
  }

  @ParameterizedTest
  @EnumSource(Drop.class)
  void shouldNotKeepDroppedValuesReachable(Drop drop) {
    Long2ObjectHashMap<Payload> map = new Long2ObjectHashMap<>(0, 0.875f);
    Map<Long, WeakReference<Payload>> originals = putFreshPayloads(map);
    drop.apply(map);
    assertEquals(
        List.of(),
        Reachability.droppedButReachableAfterGc(originals, drop::drops),
        "dropped values the map still references after GC");
    originals.forEach(
        (key, ref) -> {
          if (!drop.drops(key)) {
            assertSame(ref.get(), map.get(key), "the map keeps the value of " + key);
          }
        });
  }

  /* ---------------- Bad input ---------------- */

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE})
  void shouldRejectNegativeExpectedSize(int expectedSize) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Long2ObjectHashMap<>(expectedSize));
    assertTrue(e.getMessage().contains(String.valueOf(expectedSize)), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(floats = {0f, 0.9f, 1f, -0.5f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY})
  void shouldRejectLoadFactorOutsideItsRange(float loadFactor) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Long2ObjectHashMap<>(8, loadFactor));
    assertTrue(e.getMessage().contains(String.valueOf(loadFactor)), e.getMessage());
  }

  @Test
  void shouldRejectExpectedSizeBeyondTheLargestTable() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Long2ObjectHashMap<>(Integer.MAX_VALUE, 0.5f));
    assertTrue(e.getMessage().contains(String.valueOf(Integer.MAX_VALUE)), e.getMessage());
  }

  /** Present keys (0, 1, MIN_VALUE) and absent ones (-1, MAX_VALUE, 2). */
  @ParameterizedTest
  @ValueSource(longs = {0, 1, Long.MIN_VALUE, -1, Long.MAX_VALUE, 2})
  void shouldRejectNullValueInPutAndLeaveTheMapUnchanged(long key) {
    Long2ObjectHashMap<String> map = threeEntries();
    NullPointerException e = assertThrows(NullPointerException.class, () -> map.put(key, null));
    assertEquals("value", e.getMessage());
    assertEquals(threeEntries(), map);
    assertEquals(threeEntries().get(key), map.get(key));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, Long.MIN_VALUE, -1, Long.MAX_VALUE, 2})
  void shouldRejectNullValueInPutIfAbsentAndLeaveTheMapUnchanged(long key) {
    Long2ObjectHashMap<String> map = threeEntries();
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> map.putIfAbsent(key, null));
    assertEquals("value", e.getMessage());
    assertEquals(threeEntries(), map);
    assertEquals(threeEntries().get(key), map.get(key));
  }

  @Test
  void shouldRejectNullValueInCursorSetValueAndLeaveTheEntryUnchanged() {
    Long2ObjectHashMap<String> map = threeEntries();
    Long2ObjectHashMap<String>.Cursor cursor = map.newCursor();
    int walked = 0;
    while (cursor.next()) {
      String value = cursor.value();
      NullPointerException e = assertThrows(NullPointerException.class, () -> cursor.setValue(null));
      assertEquals("value", e.getMessage());
      assertSame(value, cursor.value(), "entry " + cursor.key());
      walked++;
    }
    assertEquals(3, walked, "the walk goes on after the rejection");
    assertEquals(threeEntries(), map);
  }

  @Test
  void shouldRejectNullFunctionsAndLeaveTheMapUnchanged() {
    Long2ObjectHashMap<String> map = threeEntries();
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> map.computeIfAbsent(3, null));
    assertEquals("mappingFunction", e.getMessage());
    assertEquals("filter", assertThrows(NullPointerException.class, () -> map.removeIf(null)).getMessage());
    assertEquals("action", assertThrows(NullPointerException.class, () -> map.forEach(null)).getMessage());
    assertEquals(threeEntries(), map);
  }

  @Test
  void shouldFailFastWhenACallbackModifiesTheMap() {
    Long2ObjectHashMap<String> map = mapOf(1, "a", 2, "b");
    assertThrows(ConcurrentModificationException.class, () -> map.forEach((k, v) -> map.put(k + 100, v)));
    Long2ObjectHashMap<String> filtered = mapOf(1, "a", 2, "b");
    assertThrows(
        ConcurrentModificationException.class, () -> filtered.removeIf((k, v) -> filtered.remove(k) == null));
    Long2ObjectHashMap<String> other = mapOf(1, "a", 2, "b");
    assertThrows(
        ConcurrentModificationException.class, () -> other.computeIfAbsent(5, k -> other.put(6, "f")));
    assertFalse(other.containsKey(5), "the computed value was not stored");
  }

  /* ---------------- Cursors ---------------- */

  @Test
  void shouldNestCursorsIndependently() {
    Long2ObjectHashMap<String> map = mapOf(1, "a", 2, "b", 0, "z");
    Long2ObjectHashMap<String>.Cursor outer = map.newCursor();
    Long2ObjectHashMap<String>.Cursor inner = map.newCursor();
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
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>(0, 0.875f); // as full as allowed: entries in second chunks, moved entries
    Map<Long, String> model = new HashMap<>();
    for (long i = -500; i < 500; i++) {
      long key = (i * 17) << 20;
      map.put(key, "v" + i);
      model.put(key, "v" + i);
    }
    Long2ObjectHashMap<String>.Cursor cursor = map.newCursor();
    int walked = 0;
    while (cursor.next()) {
      assertEquals(model.remove(cursor.key()), cursor.value());
      cursor.remove();
      walked++;
    }
    assertEquals(1000, walked);
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldFailFastWhenTheMapChangesUnderACursor() {
    Long2ObjectHashMap<String> map = mapOf(1, "a", 2, "b");
    Long2ObjectHashMap<String>.Cursor cursor = map.newCursor();
    assertTrue(cursor.next());
    map.put(3, "c");
    assertThrows(ConcurrentModificationException.class, cursor::next);
    assertThrows(ConcurrentModificationException.class, cursor::key);
    assertThrows(ConcurrentModificationException.class, cursor::value);
    cursor.reset();
    assertTrue(cursor.next(), "reset makes the cursor usable again");
  }

  @Test
  void shouldInvalidateOtherCursorsOnCursorRemoval() {
    Long2ObjectHashMap<String> map = mapOf(1, "a", 2, "b");
    Long2ObjectHashMap<String>.Cursor remover = map.newCursor();
    Long2ObjectHashMap<String>.Cursor reader = map.newCursor();
    assertTrue(reader.next());
    assertTrue(remover.next());
    remover.remove();
    assertThrows(ConcurrentModificationException.class, reader::next);
    assertTrue(remover.next(), "the removing cursor goes on");
  }

  @Test
  void shouldNotCountValueUpdatesAsStructuralChanges() {
    Long2ObjectHashMap<String> map = mapOf(1, "a", 2, "b", 0, "z");
    Long2ObjectHashMap<String>.Cursor cursor = map.newCursor();
    Long2ObjectHashMap<String>.Cursor writer = map.newCursor();
    assertTrue(cursor.next());
    map.put(1, "A");
    map.put(0, "Z");
    assertTrue(writer.next());
    writer.setValue("updated");
    assertTrue(cursor.next());
  }

  @Test
  void shouldUpdateTheZeroKeyThroughACursor() {
    Long2ObjectHashMap<String> map = mapOf(0, "z", 5, "five");
    Long2ObjectHashMap<String>.Cursor cursor = map.newCursor();
    while (cursor.next()) {
      cursor.setValue(cursor.value().toUpperCase(Locale.ROOT));
    }
    assertEquals("Z", map.get(0));
    assertEquals("FIVE", map.get(5));
  }

  @Test
  void shouldRejectAccessWithoutCurrentEntry() {
    Long2ObjectHashMap<String> map = mapOf(1, "a");
    Long2ObjectHashMap<String>.Cursor cursor = map.newCursor();
    assertThrows(IllegalStateException.class, cursor::key);
    assertTrue(cursor.next());
    cursor.remove();
    assertThrows(IllegalStateException.class, cursor::remove);
    assertThrows(IllegalStateException.class, () -> cursor.setValue("b"));
    assertFalse(cursor.next());
    assertThrows(IllegalStateException.class, cursor::value);
  }

  /* ---------------- Object methods ---------------- */

  @Test
  void shouldFollowMapSemanticsForEqualsHashCodeAndToString() {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>();
    Map<Long, String> model = new HashMap<>();
    Object[][] entries = {{0L, "zero"}, {-1L, "minus one"}, {Long.MIN_VALUE, "min"}, {Long.MAX_VALUE, "max"}};
    for (Object[] e : entries) {
      map.put((Long) e[0], (String) e[1]);
      model.put((Long) e[0], (String) e[1]);
    }
    Long2ObjectHashMap<String> same = new Long2ObjectHashMap<>(0, 0.5f);
    model.forEach((k, v) -> same.put(k, new String(v)));
    assertEquals(same, map, "values are compared with equals");
    assertEquals(map, same);
    assertEquals(model.hashCode(), map.hashCode());
    assertEquals(model.hashCode(), same.hashCode());
    same.put(5, "five");
    assertNotEquals(same, map);
    assertNotEquals(map, model, "not a java.util.Map");
    String text = map.toString();
    assertTrue(text.startsWith("{0=zero, ") && text.endsWith("}"), text);
    for (Map.Entry<Long, String> e : model.entrySet()) {
      assertTrue(text.contains(e.getKey() + "=" + e.getValue()), text);
    }
    assertEquals("{}", new Long2ObjectHashMap<String>().toString());
  }

  @Test
  void shouldNotEqualAMapWithADifferentValue() {
    assertNotEquals(mapOf(0, "a", 1, "b"), mapOf(0, "A", 1, "b"), "zero key's value");
    assertNotEquals(mapOf(0, "a", 1, "b"), mapOf(0, "a", 1, "B"), "table value");
  }

  @Test
  void shouldNotEqualAMapOfTheSameSizeWithOtherKeys() {
    Long2ObjectHashMap<String> withZero = mapOf(0, "a", 1, "b");
    Long2ObjectHashMap<String> withoutZero = mapOf(2, "a", 1, "b");
    assertNotEquals(withZero, withoutZero);
    assertNotEquals(withoutZero, withZero);
  }

  @Test
  void shouldRenderASelfReferenceLikeAbstractMap() {
    Long2ObjectHashMap<Object> map = new Long2ObjectHashMap<>();
    map.put(1, map);
    Map<Long, Object> model = new HashMap<>();
    model.put(1L, model);
    assertEquals(model.toString(), map.toString());
  }

  /* ---------------- Helpers ---------------- */

  private static Long2ObjectHashMap<String> mapOf(Object... keysAndValues) {
    Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(((Number) keysAndValues[i]).longValue(), (String) keysAndValues[i + 1]);
    }
    return map;
  }

  /** {0=zero, 1=one, MIN_VALUE=min}: a fresh map with the same content on every call. */
  private static Long2ObjectHashMap<String> threeEntries() {
    return mapOf(0, "zero", 1, "one", Long.MIN_VALUE, "min");
  }

  private static boolean isVictim(long key) {
    return Long.bitCount(key) % 2 == 0;
  }

  private static long[] dropKeys() {
    long[] keys = new long[600];
    keys[0] = 0;
    keys[1] = -1;
    keys[2] = Long.MIN_VALUE;
    keys[3] = Long.MAX_VALUE;
    for (int i = 4; i < keys.length; i++) {
      keys[i] = (i & 1) == 0 ? i * 17L : (long) i << 32;
    }
    return keys;
  }

  private static Long2ObjectHashMap<Payload> payloadMap() {
    Long2ObjectHashMap<Payload> map = new Long2ObjectHashMap<>(0, 0.875f);
    for (long key : DROP_KEYS) {
      map.put(key, new Payload(key, 0));
    }
    return map;
  }

  /**
   * Fills {@code map} with values that nothing else references: this frame is gone by the time the
   * caller drops them.
   */
  private static Map<Long, WeakReference<Payload>> putFreshPayloads(Long2ObjectHashMap<Payload> map) {
    Map<Long, WeakReference<Payload>> refs = new HashMap<>();
    for (long key : DROP_KEYS) {
      Payload value = new Payload(key, 0);
      map.put(key, value);
      refs.put(key, new WeakReference<>(value));
    }
    return refs;
  }
}
