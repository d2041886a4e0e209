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
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.hotpath.testing.Reachability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class Long2ObjectSkipListMapTest {

  /** Fixes node heights, so that every run exercises the same list shapes. */
  private static final long SEED = 0x5EED_0F_5C1F_15L;

  /** A value with content equality, so that an equal copy is a different object. */
  record Payload(long key, int generation) {}

  /* ---------------- Keys and values ---------------- */

  @Test
  void shouldReturnNullForAbsentKey() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>();
    assertNull(map.get(5));
    assertNull(map.get(Long.MIN_VALUE));
    assertFalse(map.containsKey(5));
    assertNull(map.remove(5));
    map.put(4, "four");
    map.put(6, "six");
    assertNull(map.get(5), "between two keys");
    assertNull(map.get(3), "below every key");
    assertNull(map.get(7), "above every key");
    assertFalse(map.containsKey(5));
    assertNull(map.remove(5));
    assertEquals(2, map.size());
  }

  @Test
  void shouldKeepKeysInAscendingOrderWhateverTheInsertionOrder() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, SEED);
    long[] scrambled = {0, Long.MAX_VALUE, -1, Long.MIN_VALUE, 1, Integer.MIN_VALUE, 1L << 40};
    for (long key : scrambled) {
      assertNull(map.put(key, "v" + key), "fresh put of " + key);
    }
    List<Long> keys = new ArrayList<>();
    map.forEach((k, v) -> keys.add(k));
    assertEquals(
        List.of(Long.MIN_VALUE, (long) Integer.MIN_VALUE, -1L, 0L, 1L, 1L << 40, Long.MAX_VALUE),
        keys);
    for (long key : scrambled) {
      assertEquals("v" + key, map.get(key));
    }
  }

  @Test
  void shouldReturnThePreviousValueWhenPutReplaces() {
    Long2ObjectSkipListMap<String> map = sample();
    assertEquals("zero", map.put(0, "ZERO"));
    assertEquals("max", map.put(Long.MAX_VALUE, "MAX"));
    assertEquals("ZERO", map.get(0));
    assertEquals("MAX", map.get(Long.MAX_VALUE));
    assertEquals(5, map.size());
  }

  @Test
  void shouldKeepExistingValueOnPutIfAbsent() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>();
    assertNull(map.putIfAbsent(3, "a"));
    assertEquals("a", map.putIfAbsent(3, "b"));
    assertEquals("a", map.get(3));
    assertNull(map.putIfAbsent(Long.MIN_VALUE, "z"));
    assertEquals("z", map.putIfAbsent(Long.MIN_VALUE, "y"));
    assertEquals(2, map.size());
  }

  @Test
  void shouldComputeOnlyAbsentValues() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>();
    assertEquals("6", map.computeIfAbsent(3, k -> String.valueOf(k * 2)));
    assertEquals("6", map.computeIfAbsent(3, k -> fail("computed a present key")));
    assertEquals(
        String.valueOf(Long.MAX_VALUE), map.computeIfAbsent(Long.MAX_VALUE, String::valueOf));
    assertEquals(2, map.size());
    assertEquals(Long.MAX_VALUE, map.lastKey());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 3, Long.MIN_VALUE, Long.MAX_VALUE})
  void shouldMapNothingWhenTheComputedValueIsNull(long key) {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>();
    map.put(1, "one");
    NavigableMap<Long, String> model = new TreeMap<>(Map.of(1L, "one"));
    assertNull(model.computeIfAbsent(key, k -> null), "TreeMap's behaviour");
    assertNull(map.computeIfAbsent(key, k -> null));
    assertFalse(map.containsKey(key));
    assertEquals(1, map.size());
  }

  @Test
  void shouldReturnTheDefaultOnlyForAbsentKeys() {
    Long2ObjectSkipListMap<String> map = sample();
    assertNull(map.getOrDefault(5, null), "a null default is allowed");
    assertEquals("dflt", map.getOrDefault(5, "dflt"));
    assertEquals("max", map.getOrDefault(Long.MAX_VALUE, null));
    assertEquals("min", map.getOrDefault(Long.MIN_VALUE, "dflt"));
    map.remove(Long.MIN_VALUE);
    assertNull(map.getOrDefault(Long.MIN_VALUE, null));
  }

  @Test
  void shouldFindValuesByEquals() {
    Long2ObjectSkipListMap<Payload> map = new Long2ObjectSkipListMap<>();
    map.put(0, new Payload(0, 0));
    map.put(Long.MIN_VALUE, new Payload(Long.MIN_VALUE, 0));
    assertTrue(map.containsValue(new Payload(0, 0)));
    assertTrue(map.containsValue(new Payload(Long.MIN_VALUE, 0)));
    assertFalse(map.containsValue(new Payload(Long.MIN_VALUE, 1)));
    assertFalse(map.containsValue(null));
    assertFalse(map.containsValue("not a payload"));
  }

  /* ---------------- Order ---------------- */

  @Test
  void shouldThrowNoSuchElementForFirstAndLastKeyOfANewMap() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0);
    assertThrows(NoSuchElementException.class, map::firstKey);
    assertThrows(NoSuchElementException.class, map::lastKey);
  }

  @Test
  void shouldThrowNoSuchElementForFirstAndLastKeyOnceEveryEntryIsGone() {
    Long2ObjectSkipListMap<String> map = sample();
    map.remove(0);
    map.pollFirstValue();
    map.pollLastValue();
    map.removeRange(Long.MIN_VALUE, true, Long.MAX_VALUE, true);
    assertTrue(map.isEmpty());
    assertThrows(NoSuchElementException.class, map::firstKey);
    assertThrows(NoSuchElementException.class, map::lastKey);
    Long2ObjectSkipListMap<String> cleared = sample();
    cleared.clear();
    assertThrows(NoSuchElementException.class, cleared::firstKey);
    assertThrows(NoSuchElementException.class, cleared::lastKey);
  }

  @Test
  void shouldReturnNullForTheEndValuesOfAnEmptyMap() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>();
    assertNull(map.firstValue());
    assertNull(map.lastValue());
    assertNull(map.pollFirstValue());
    assertNull(map.pollLastValue());
    assertEquals(0, map.size());
  }

  @Test
  void shouldPollEntriesFromBothEndsInOrder() {
    Long2ObjectSkipListMap<String> map = sample();
    assertEquals("min", map.firstValue());
    assertEquals("max", map.lastValue());
    assertEquals("min", map.pollFirstValue());
    assertEquals("max", map.pollLastValue());
    assertEquals("minus one", map.pollFirstValue());
    assertEquals("one", map.pollLastValue());
    assertEquals(0, map.firstKey());
    assertEquals(0, map.lastKey());
    assertEquals("zero", map.pollLastValue());
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldFindNoNeighbourBeyondTheExtremes() {
    Long2ObjectSkipListMap<String> map = sample();
    assertNull(map.higherValue(Long.MAX_VALUE), "nothing is above MAX_VALUE");
    assertNull(map.lowerValue(Long.MIN_VALUE), "nothing is below MIN_VALUE");
    assertEquals(42, map.higherKeyOrDefault(Long.MAX_VALUE, 42));
    assertEquals(42, map.lowerKeyOrDefault(Long.MIN_VALUE, 42));
    assertEquals("max", map.higherValue(Long.MAX_VALUE - 1));
    assertEquals("min", map.lowerValue(Long.MIN_VALUE + 1));
  }

  @Test
  void shouldFindTheExtremesAsTheirOwnFloorAndCeiling() {
    Long2ObjectSkipListMap<String> map = sample();
    assertEquals(Long.MIN_VALUE, map.floorKeyOrDefault(Long.MIN_VALUE, 42));
    assertEquals(Long.MAX_VALUE, map.ceilingKeyOrDefault(Long.MAX_VALUE, 42));
    assertEquals(Long.MAX_VALUE, map.floorKeyOrDefault(Long.MAX_VALUE, 42));
    assertEquals(Long.MIN_VALUE, map.ceilingKeyOrDefault(Long.MIN_VALUE, 42));
    assertEquals("min", map.floorValue(Long.MIN_VALUE));
    assertEquals("max", map.ceilingValue(Long.MAX_VALUE));
  }

  @Test
  void shouldReturnTheDefaultKeyAtTheExtremesOfAMapWithoutThem() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>();
    map.put(-1, "minus one");
    map.put(1, "one");
    assertEquals(42, map.floorKeyOrDefault(Long.MIN_VALUE, 42));
    assertEquals(42, map.ceilingKeyOrDefault(Long.MAX_VALUE, 42));
    assertEquals(1, map.floorKeyOrDefault(Long.MAX_VALUE, 42));
    assertEquals(-1, map.ceilingKeyOrDefault(Long.MIN_VALUE, 42));
    assertNull(map.floorValue(Long.MIN_VALUE));
    assertNull(map.ceilingValue(Long.MAX_VALUE));
    assertEquals(1, map.lowerKeyOrDefault(Long.MAX_VALUE, 42));
    assertEquals(-1, map.higherKeyOrDefault(Long.MIN_VALUE, 42));
  }

  @Test
  void shouldAnswerNeighbourQueriesBetweenKeys() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>();
    map.put(10, "ten");
    map.put(20, "twenty");
    assertEquals("ten", map.floorValue(15));
    assertEquals("twenty", map.ceilingValue(15));
    assertEquals("ten", map.lowerValue(20));
    assertEquals("twenty", map.higherValue(10));
    assertEquals("ten", map.floorValue(10), "a present key is its own floor");
    assertEquals("ten", map.ceilingValue(10), "a present key is its own ceiling");
    assertEquals(10, map.lowerKeyOrDefault(20, -1));
    assertEquals(20, map.higherKeyOrDefault(10, -1));
    assertEquals(-1, map.lowerKeyOrDefault(10, -1));
    assertEquals(-1, map.higherKeyOrDefault(20, -1));
  }

  /* ---------------- Ranges ---------------- */

  @Test
  void shouldVisitEveryEntryOfTheFullClosedRangeInOrder() {
    Long2ObjectSkipListMap<String> map = sample();
    List<String> visited = new ArrayList<>();
    int count =
        map.forEachInRange(
            Long.MIN_VALUE, true, Long.MAX_VALUE, true, (k, v) -> visited.add(k + "=" + v));
    assertEquals(5, count);
    assertEquals(
        List.of(
            Long.MIN_VALUE + "=min", "-1=minus one", "0=zero", "1=one", Long.MAX_VALUE + "=max"),
        visited);
  }

  @Test
  void shouldExcludeTheEndOfAHalfOpenRange() {
    Long2ObjectSkipListMap<String> map = sample();
    List<Long> visited = new ArrayList<>();
    assertEquals(4, map.forEachInRange(Long.MIN_VALUE, Long.MAX_VALUE, (k, v) -> visited.add(k)));
    assertEquals(List.of(Long.MIN_VALUE, -1L, 0L, 1L), visited);
    assertEquals(0, map.forEachInRange(0, 0, (k, v) -> fail("an empty range visited " + k)));
    assertEquals(4, map.removeRange(Long.MIN_VALUE, Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, map.firstKey(), "the excluded end stays");
  }

  @ParameterizedTest
  @CsvSource({
    "-1, true, 1, true, 3",
    "-1, false, 1, true, 2",
    "-1, true, 1, false, 2",
    "-1, false, 1, false, 1",
    "0, true, 0, true, 1",
    "0, false, 0, true, 0",
    "0, true, 0, false, 0",
    "-9223372036854775808, false, 9223372036854775807, false, 3",
    "9223372036854775807, false, 9223372036854775807, true, 0",
    "-9223372036854775808, true, -9223372036854775808, true, 1"
  })
  void shouldRespectInclusiveAndExclusiveEndsLikeSubMap(
      long from, boolean fromInclusive, long to, boolean toInclusive, int expectedCount) {
    Long2ObjectSkipListMap<String> map = sample();
    NavigableMap<Long, String> model = sampleModel();
    NavigableMap<Long, String> expected = model.subMap(from, fromInclusive, to, toInclusive);
    assertEquals(expectedCount, expected.size(), "TreeMap's answer");
    NavigableMap<Long, String> visited = new TreeMap<>();
    List<Long> order = new ArrayList<>();
    int count =
        map.forEachInRange(
            from,
            fromInclusive,
            to,
            toInclusive,
            (k, v) -> {
              order.add(k);
              visited.put(k, v);
            });
    assertEquals(expectedCount, count);
    assertEquals(expected, visited);
    assertEquals(new ArrayList<>(expected.keySet()), order, "ascending order");

    assertEquals(expectedCount, map.removeRange(from, fromInclusive, to, toInclusive));
    expected.clear();
    assertEquals(model, toTreeMap(map));
  }

  /** The four range methods, called with {@code from > to}. */
  enum RangeCall {
    FOR_EACH_HALF_OPEN {
      @Override
      void call(Long2ObjectSkipListMap<String> map, long from, long to) {
        map.forEachInRange(from, to, (k, v) -> fail("visited " + k));
      }
    },
    FOR_EACH_WITH_ENDS {
      @Override
      void call(Long2ObjectSkipListMap<String> map, long from, long to) {
        map.forEachInRange(from, true, to, true, (k, v) -> fail("visited " + k));
      }
    },
    REMOVE_HALF_OPEN {
      @Override
      void call(Long2ObjectSkipListMap<String> map, long from, long to) {
        map.removeRange(from, to);
      }
    },
    REMOVE_WITH_ENDS {
      @Override
      void call(Long2ObjectSkipListMap<String> map, long from, long to) {
        map.removeRange(from, false, to, false);
      }
    };

    abstract void call(Long2ObjectSkipListMap<String> map, long from, long to);
  }

  @ParameterizedTest
  @EnumSource(RangeCall.class)
  void shouldRejectARangeStartingAboveItsEndAndLeaveTheMapUnchanged(RangeCall call) {
    long[][] ranges = {{1_234_567, -7_654_321}, {Long.MAX_VALUE, Long.MIN_VALUE}, {1, 0}};
    for (long[] range : ranges) {
      Long2ObjectSkipListMap<String> map = sample();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> call.call(map, range[0], range[1]));
      assertTrue(e.getMessage().contains(String.valueOf(range[0])), e.getMessage());
      assertTrue(e.getMessage().contains(String.valueOf(range[1])), e.getMessage());
      assertEquals(sampleModel(), toTreeMap(map));
    }
  }

  @Test
  void shouldRemoveARangeAndKeepTheRestLinked() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, SEED);
    NavigableMap<Long, String> model = new TreeMap<>();
    for (long k = 0; k < 2_000; k++) {
      map.put(k * 3, "v" + k);
      model.put(k * 3, "v" + k);
    }
    assertEquals(333, map.removeRange(1_000, true, 2_000, true));
    model.subMap(1_000L, true, 2_000L, true).clear();
    assertEquals(model, toTreeMap(map));
    assertEquals("v333", map.lowerValue(1_001));
    assertEquals("v667", map.higherValue(1_001));
    assertEquals(model.size(), map.size());
  }

  /* ---------------- Sizing ---------------- */

  @Test
  void shouldGrowFromExpectedSizeZeroAndKeepEveryEntry() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, SEED);
    assertEquals(0, map.capacity());
    NavigableMap<Long, String> model = new TreeMap<>();
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 5_000; i++) {
      long key = random.nextLong();
      String value = "v" + i;
      assertSame(model.put(key, value), map.put(key, value));
    }
    assertTrue(map.capacity() >= 5_000, "capacity " + map.capacity());
    assertEquals(model, toTreeMap(map));
    for (Map.Entry<Long, String> e : model.entrySet()) {
      assertSame(e.getValue(), map.get(e.getKey()));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 8, 9, 1_000})
  void shouldHoldExpectedSizeEntriesWithoutGrowing(int expectedSize) {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(expectedSize, SEED);
    int capacity = map.capacity();
    assertTrue(capacity >= expectedSize);
    for (int i = 0; i < expectedSize; i++) {
      map.put(i * 0x9E3779B97F4A7C15L, "v");
    }
    assertEquals(capacity, map.capacity(), "capacity changed within expectedSize");
    assertEquals(expectedSize, map.size());
  }

  @Test
  void shouldShrinkToTheEntriesOnCompactAndGrowAgain() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(1_000, SEED);
    NavigableMap<Long, String> model = new TreeMap<>();
    for (long k = 0; k < 1_000; k++) {
      map.put(k, "v" + k);
      model.put(k, "v" + k);
    }
    map.removeIf((k, v) -> k % 10 != 0);
    model.entrySet().removeIf(e -> e.getKey() % 10 != 0);
    map.compact();
    assertEquals(100, map.capacity());
    assertEquals(model, toTreeMap(map));
    for (long k = 5; k < 1_000; k += 10) {
      map.put(k, "w" + k);
      model.put(k, "w" + k);
    }
    assertTrue(map.capacity() >= 200);
    assertEquals(model, toTreeMap(map));
    assertEquals(5, map.higherKeyOrDefault(0, -1));
  }

  @Test
  void shouldCompactAnEmptyMapAndReuseIt() {
    Long2ObjectSkipListMap<String> map = sample();
    map.clear();
    map.compact();
    assertEquals(0, map.capacity());
    assertThrows(NoSuchElementException.class, map::firstKey);
    map.put(7, "seven");
    map.put(-7, "minus seven");
    assertEquals(-7, map.firstKey());
    assertEquals(7, map.lastKey());
    assertEquals(2, map.size());
  }

  @Test
  void shouldKeepEveryEntryAndTheCapacityOnDefragment() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(3_000, SEED);
    NavigableMap<Long, String> model = new TreeMap<>();
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 2_500; i++) { // random order, with removals: keys land all over the arrays
      long key = random.nextLong(-5_000, 5_000);
      if (random.nextInt(4) == 0) {
        assertSame(model.remove(key), map.remove(key));
      } else {
        String value = "v" + i;
        assertSame(model.put(key, value), map.put(key, value));
      }
    }
    int capacity = map.capacity();
    map.defragment();
    assertEquals(capacity, map.capacity());
    assertEquals(model, toTreeMap(map));
    for (Map.Entry<Long, String> e : model.entrySet()) {
      assertSame(e.getValue(), map.get(e.getKey()), "get(" + e.getKey() + ")");
      assertEquals(
          keyOr(model.lowerKey(e.getKey()), 42), map.lowerKeyOrDefault(e.getKey(), 42), "lower");
      assertEquals(
          keyOr(model.higherKey(e.getKey()), 42), map.higherKeyOrDefault(e.getKey(), 42), "higher");
    }
    List<Long> descending = new ArrayList<>();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    cursor.resetToEnd();
    while (cursor.previous() && descending.size() <= model.size()) {
      descending.add(cursor.key());
    }
    assertEquals(new ArrayList<>(model.descendingKeySet()), descending, "descending walk");
  }

  @Test
  void shouldReuseTheFreeNodesAfterDefragment() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(1_000, SEED);
    for (long k = 0; k < 1_000; k++) {
      map.put(k * 7919 % 1_000, "v" + k);
    }
    map.removeIf((k, v) -> k % 3 == 0);
    map.defragment();
    for (long k = 0; k < 1_000; k += 3) {
      assertNull(map.put(k, "w" + k), "put(" + k + ") into a freed node");
    }
    assertEquals(1_000, map.capacity(), "the free nodes were enough: no growth");
    assertEquals(1_000, map.size());
    map.defragment();
    assertEquals("w3", map.get(3));
    assertEquals("v" + 8, map.get(8 * 7919 % 1_000));
    assertEquals(999, map.lastKey());
  }

  @Test
  void shouldDefragmentEmptyFullAndZeroCapacityMaps() {
    Long2ObjectSkipListMap<String> empty = new Long2ObjectSkipListMap<>(16, SEED);
    empty.defragment();
    assertTrue(empty.isEmpty());
    empty.put(1, "one");
    assertEquals("one", empty.firstValue());

    Long2ObjectSkipListMap<String> zero = new Long2ObjectSkipListMap<>(0, SEED);
    zero.defragment();
    zero.put(1, "one");
    assertEquals(1, zero.size());

    Long2ObjectSkipListMap<String> full = sample();
    fillToCapacity(full);
    NavigableMap<Long, String> before = toTreeMap(full);
    full.defragment();
    assertEquals(before, toTreeMap(full));
    assertEquals(before.size(), full.capacity(), "still full");
  }

  @Test
  void shouldKeepCapacityOnClearAndBeReusable() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(100, SEED);
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
    assertNull(map.ceilingValue(Long.MIN_VALUE));
    for (long i = 99; i >= 0; i--) {
      map.put(i * 2, "w" + i);
    }
    assertEquals(capacity, map.capacity(), "refilling a cleared map does not grow it");
    assertEquals(0, map.firstKey());
    assertEquals(198, map.lastKey());
    assertEquals("w50", map.get(100));
    assertEquals("w50", map.ceilingValue(99));
  }

  /* ---------------- Bad input ---------------- */

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE})
  void shouldRejectNegativeExpectedSize(int expectedSize) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Long2ObjectSkipListMap<>(expectedSize));
    assertTrue(e.getMessage().contains(String.valueOf(expectedSize)), e.getMessage());
    IllegalArgumentException seeded =
        assertThrows(
            IllegalArgumentException.class, () -> new Long2ObjectSkipListMap<>(expectedSize, SEED));
    assertTrue(seeded.getMessage().contains(String.valueOf(expectedSize)), seeded.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {Long2ObjectSkipListMap.MAX_CAPACITY + 1, Integer.MAX_VALUE})
  void shouldRejectExpectedSizeAboveTheMaximumCapacity(int expectedSize) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Long2ObjectSkipListMap<>(expectedSize));
    assertTrue(e.getMessage().contains(String.valueOf(expectedSize)), e.getMessage());
  }

  /** Present keys (MIN_VALUE, 0, MAX_VALUE) and absent ones (5, Long.MIN_VALUE + 1). */
  @ParameterizedTest
  @ValueSource(longs = {Long.MIN_VALUE, 0, Long.MAX_VALUE, 5, Long.MIN_VALUE + 1})
  void shouldRejectNullValueInPutAndLeaveTheMapUnchanged(long key) {
    Long2ObjectSkipListMap<String> map = sample();
    NullPointerException e = assertThrows(NullPointerException.class, () -> map.put(key, null));
    assertEquals("value", e.getMessage());
    assertEquals(sampleModel(), toTreeMap(map));
    assertEquals(sampleModel().get(key), map.get(key));
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MIN_VALUE, 0, Long.MAX_VALUE, 5, Long.MIN_VALUE + 1})
  void shouldRejectNullValueInPutIfAbsentAndLeaveTheMapUnchanged(long key) {
    Long2ObjectSkipListMap<String> map = sample();
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> map.putIfAbsent(key, null));
    assertEquals("value", e.getMessage());
    assertEquals(sampleModel(), toTreeMap(map));
    assertEquals(sampleModel().get(key), map.get(key));
  }

  @Test
  void shouldRejectNullValueInPutEvenWhenTheMapIsFull() {
    Long2ObjectSkipListMap<String> map = sample();
    fillToCapacity(map);
    NavigableMap<Long, String> before = toTreeMap(map);
    int capacity = map.capacity();
    assertThrows(NullPointerException.class, () -> map.put(5, null));
    assertThrows(NullPointerException.class, () -> map.putIfAbsent(5, null));
    assertEquals(capacity, map.capacity(), "a rejected put does not grow the map");
    assertEquals(before, toTreeMap(map));
  }

  @Test
  void shouldRejectNullValueInCursorSetValueAndLeaveTheEntryUnchanged() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    int walked = 0;
    while (cursor.next()) {
      String value = cursor.value();
      NullPointerException e =
          assertThrows(NullPointerException.class, () -> cursor.setValue(null));
      assertEquals("value", e.getMessage());
      assertSame(value, cursor.value(), "entry " + cursor.key());
      walked++;
    }
    assertEquals(5, walked, "the walk goes on after the rejection");
    assertEquals(sampleModel(), toTreeMap(map));
  }

  @Test
  void shouldRejectNullCallbacksAndLeaveTheMapUnchanged() {
    Long2ObjectSkipListMap<String> map = sample();
    assertEquals(
        "mappingFunction",
        assertThrows(NullPointerException.class, () -> map.computeIfAbsent(3, null)).getMessage());
    assertEquals(
        "filter", assertThrows(NullPointerException.class, () -> map.removeIf(null)).getMessage());
    assertEquals(
        "action", assertThrows(NullPointerException.class, () -> map.forEach(null)).getMessage());
    assertEquals(
        "action",
        assertThrows(NullPointerException.class, () -> map.forEachInRange(0, 1, null))
            .getMessage());
    assertEquals(
        "action",
        assertThrows(NullPointerException.class, () -> map.forEachInRange(0, true, 1, true, null))
            .getMessage());
    assertEquals(sampleModel(), toTreeMap(map));
  }

  /* ---------------- Callbacks ---------------- */

  @Test
  void shouldFailFastWhenAForEachActionModifiesTheMap() {
    Long2ObjectSkipListMap<String> map = sample();
    assertThrows(
        ConcurrentModificationException.class, () -> map.forEach((k, v) -> map.put(k + 100, v)));
  }

  @Test
  void shouldFailFastWhenAForEachInRangeActionModifiesTheMap() {
    Long2ObjectSkipListMap<String> map = sample();
    assertThrows(
        ConcurrentModificationException.class,
        () -> map.forEachInRange(-1, true, 1, true, (k, v) -> map.remove(Long.MAX_VALUE)));
    Long2ObjectSkipListMap<String> other = sample();
    assertThrows(
        ConcurrentModificationException.class,
        () -> other.forEachInRange(-1, 1, (k, v) -> other.pollFirstValue()));
  }

  @Test
  void shouldFailFastWhenARemoveIfFilterModifiesTheMap() {
    Long2ObjectSkipListMap<String> map = sample();
    assertThrows(
        ConcurrentModificationException.class,
        () -> map.removeIf((k, v) -> map.remove(Long.MAX_VALUE) == null));
  }

  @Test
  void shouldFailFastWhenAMappingFunctionModifiesTheMap() {
    Long2ObjectSkipListMap<String> map = sample();
    assertThrows(
        ConcurrentModificationException.class,
        () -> map.computeIfAbsent(5, k -> map.put(6, "six")));
    assertFalse(map.containsKey(5), "the computed value was not stored");
  }

  @Test
  void shouldFailFastWhenACallbackRemovesThroughACursor() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertThrows(
        ConcurrentModificationException.class,
        () ->
            map.forEach(
                (k, v) -> {
                  if (cursor.next()) {
                    cursor.remove();
                  }
                }));
  }

  /** Calls that leave the map as it is, made from inside a removeIf filter. */
  enum NoOpCall {
    REMOVE_OF_AN_ABSENT_KEY {
      @Override
      void call(Long2ObjectSkipListMap<String> map) {
        assertNull(map.remove(-5), "-5 is absent");
      }
    },
    PUT_IF_ABSENT_OF_A_PRESENT_KEY {
      @Override
      void call(Long2ObjectSkipListMap<String> map) {
        assertEquals("v0", map.putIfAbsent(0, "other"), "0 is present");
      }
    },
    EMPTY_REMOVE_RANGE {
      @Override
      void call(Long2ObjectSkipListMap<String> map) {
        assertEquals(0, map.removeRange(-10, -5), "nothing below 0");
      }
    };

    abstract void call(Long2ObjectSkipListMap<String> map);
  }

  /**
   * A filter that only makes calls which leave the map as it is does not modify the map, so
   * removeIf must remove exactly the entries it accepts. (Each call here searches for a key below
   * every entry; calls that search elsewhere could leave the list cyclic and hang the test.)
   */
  @ParameterizedTest
  @EnumSource(NoOpCall.class)
  void shouldRemoveExactlyTheFilteredEntriesWhenTheFilterMakesNoOpCalls(NoOpCall noOp) {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(8, SEED);
    for (long k = 0; k < 6; k++) {
      map.put(k, "v" + k);
    }
    boolean removed =
        map.removeIf(
            (k, v) -> {
              noOp.call(map);
              return k == 2;
            });
    assertTrue(removed);
    List<Long> keys = new ArrayList<>();
    map.forEach(
        (k, v) -> {
          keys.add(k);
          assertTrue(keys.size() <= 6, "forEach goes round a cycle: " + keys);
        });
    assertEquals(List.of(0L, 1L, 3L, 4L, 5L), keys, "keys after removeIf");
    assertEquals(5, map.size());
    assertEquals(0, map.firstKey());
  }

  /* ---------------- Cursors: bad use ---------------- */

  @Test
  void shouldRejectCursorAccessBeforeTheFirstMove() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertNoCurrentEntry(cursor);
    assertEquals(sampleModel(), toTreeMap(map));
  }

  @Test
  void shouldRejectCursorAccessAfterNextReturnedFalse() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    while (cursor.next()) {
      assertEquals(map.get(cursor.key()), cursor.value());
    }
    assertNoCurrentEntry(cursor);
    assertEquals(sampleModel(), toTreeMap(map));
  }

  @Test
  void shouldRejectCursorAccessAfterPreviousReturnedFalse() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    cursor.resetToEnd();
    while (cursor.previous()) {
      assertEquals(map.get(cursor.key()), cursor.value());
    }
    assertNoCurrentEntry(cursor);
    assertEquals(sampleModel(), toTreeMap(map));
  }

  @Test
  void shouldRejectASecondRemoveOfTheSameEntry() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertTrue(cursor.next());
    cursor.remove();
    assertNoCurrentEntry(cursor);
    assertEquals(4, map.size(), "only the first remove() removed");
    assertTrue(cursor.next());
    assertEquals(-1, cursor.key(), "the walk goes on after the rejections");
  }

  @Test
  void shouldRejectCursorAccessAfterRepositioning() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertTrue(cursor.next());
    cursor.reset();
    assertNoCurrentEntry(cursor);
    assertTrue(cursor.next());
    cursor.seekCeiling(0);
    assertNoCurrentEntry(cursor);
    assertTrue(cursor.next());
    cursor.resetToEnd();
    assertNoCurrentEntry(cursor);
    assertEquals(sampleModel(), toTreeMap(map));
  }

  @Test
  void shouldRejectCursorAccessOnAnEmptyMap() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0);
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertFalse(cursor.next());
    assertFalse(cursor.previous());
    cursor.resetToEnd();
    assertFalse(cursor.previous());
    assertFalse(cursor.next());
    assertNoCurrentEntry(cursor);
  }

  /* ---------------- Cursors: fail-fast ---------------- */

  /** Structural changes made while a cursor stands on the entry 0 of {@link #sample()}. */
  enum StructuralChange {
    PUT_NEW_KEY {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.put(5, "five");
      }
    },
    REMOVE {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.remove(Long.MAX_VALUE);
      }
    },
    REMOVE_THROUGH_ANOTHER_CURSOR {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        Long2ObjectSkipListMap<String>.Cursor other = map.newCursor();
        other.resetToEnd();
        assertTrue(other.previous());
        other.remove();
      }
    },
    POLL_FIRST {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.pollFirstValue();
      }
    },
    POLL_LAST {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.pollLastValue();
      }
    },
    REMOVE_RANGE {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.removeRange(1, Long.MAX_VALUE);
      }
    },
    REMOVE_IF {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.removeIf((k, v) -> k == -1);
      }
    },
    COMPUTE_NEW_KEY {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.computeIfAbsent(5, k -> "five");
      }
    },
    GROWTH {
      @Override
      void prepare(Long2ObjectSkipListMap<String> map) {
        fillToCapacity(map);
      }

      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        int capacity = map.capacity();
        map.putIfAbsent(5, "five");
        assertTrue(map.capacity() > capacity, "the map was full, so it grew");
      }
    },
    CLEAR {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.clear();
      }
    },
    COMPACT {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.compact(); // the entries stay as they are; their layout changes
      }
    },
    DEFRAGMENT {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.defragment(); // the entries stay as they are; their layout changes
      }
    };

    /** Runs before the cursor is positioned. */
    void prepare(Long2ObjectSkipListMap<String> map) {}

    abstract void apply(Long2ObjectSkipListMap<String> map);
  }

  @ParameterizedTest
  @EnumSource(StructuralChange.class)
  void shouldFailFastAfterAStructuralChange(StructuralChange change) {
    Long2ObjectSkipListMap<String> map = sample();
    change.prepare(map);
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    cursor.seekCeiling(0);
    assertTrue(cursor.next());
    change.apply(map);
    assertThrows(ConcurrentModificationException.class, cursor::next);
    assertThrows(ConcurrentModificationException.class, cursor::previous);
    assertThrows(ConcurrentModificationException.class, cursor::key);
    assertThrows(ConcurrentModificationException.class, cursor::value);
    assertThrows(ConcurrentModificationException.class, () -> cursor.setValue("x"));
    assertThrows(ConcurrentModificationException.class, cursor::remove);
    assertThrows(ConcurrentModificationException.class, cursor::next, "still failing");
  }

  @ParameterizedTest
  @EnumSource(StructuralChange.class)
  void shouldWalkAgainAfterResetFollowingAStructuralChange(StructuralChange change) {
    Long2ObjectSkipListMap<String> map = sample();
    change.prepare(map);
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertTrue(cursor.next());
    change.apply(map);
    cursor.reset();
    assertEquals(toTreeMap(map), walk(cursor));
  }

  @ParameterizedTest
  @EnumSource(StructuralChange.class)
  void shouldWalkAgainAfterSeekingFollowingAStructuralChange(StructuralChange change) {
    Long2ObjectSkipListMap<String> map = sample();
    change.prepare(map);
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertTrue(cursor.next());
    change.apply(map);
    cursor.seekHigher(-1);
    NavigableMap<Long, String> expected = toTreeMap(map).tailMap(-1L, false);
    assertEquals(expected, walk(cursor));
    cursor.seekCeiling(0);
    assertEquals(
        toTreeMap(map).lowerKey(0L) != null, cursor.previous(), "previous() after seekCeiling(0)");
    cursor.resetToEnd();
    List<Long> descending = new ArrayList<>();
    while (cursor.previous()) {
      descending.add(cursor.key());
    }
    assertEquals(new ArrayList<>(toTreeMap(map).descendingKeySet()), descending);
  }

  /** Changes that leave every key where it is; a cursor stands on entry 0 of {@link #sample()}. */
  enum NonStructuralChange {
    PUT_PRESENT_KEY {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.put(1, "ONE");
        map.put(0, "ZERO");
      }
    },
    PUT_IF_ABSENT_OF_A_PRESENT_KEY {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.putIfAbsent(1, "other");
      }
    },
    COMPUTE_PRESENT_KEY {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.computeIfAbsent(1, k -> "other");
      }
    },
    COMPUTE_NULL {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.computeIfAbsent(5, k -> null);
      }
    },
    SET_VALUE_THROUGH_ANOTHER_CURSOR {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        Long2ObjectSkipListMap<String>.Cursor other = map.newCursor();
        other.seekCeiling(1);
        assertTrue(other.next());
        other.setValue("ONE");
      }
    },
    REMOVE_ABSENT_KEY {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.remove(5);
      }
    },
    REMOVE_EMPTY_RANGE {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.removeRange(2, 100);
      }
    },
    REMOVE_IF_NOTHING_MATCHES {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.removeIf((k, v) -> false);
      }
    },
    QUERIES {
      @Override
      void apply(Long2ObjectSkipListMap<String> map) {
        map.get(1);
        map.floorValue(3);
        map.higherKeyOrDefault(0, 0);
        map.forEach((k, v) -> {});
        map.newCursor().seekHigher(0);
      }
    };

    abstract void apply(Long2ObjectSkipListMap<String> map);
  }

  @ParameterizedTest
  @EnumSource(NonStructuralChange.class)
  void shouldKeepWalkingAfterAValueUpdateOrANoOp(NonStructuralChange change) {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    cursor.seekCeiling(0);
    assertTrue(cursor.next());
    change.apply(map);
    assertEquals(0, cursor.key());
    assertSame(map.get(0), cursor.value());
    assertTrue(cursor.next());
    assertEquals(1, cursor.key());
    assertSame(map.get(1), cursor.value(), "the cursor sees the current value");
    assertTrue(cursor.previous());
    assertTrue(cursor.previous());
    assertEquals(0, cursor.key());
  }

  @Test
  void shouldKeepTheRemovingCursorValidWhileInvalidatingTheOthers() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor remover = map.newCursor();
    Long2ObjectSkipListMap<String>.Cursor reader = map.newCursor();
    assertTrue(reader.next());
    assertTrue(remover.next());
    remover.remove();
    assertThrows(ConcurrentModificationException.class, reader::next);
    assertTrue(remover.next(), "the removing cursor goes on");
    assertEquals(-1, remover.key());
  }

  /* ---------------- Cursors: walks ---------------- */

  @Test
  void shouldStepBackOverTheEntryJustPassed() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    assertTrue(cursor.next());
    assertTrue(cursor.next());
    assertEquals(-1, cursor.key());
    assertTrue(cursor.previous(), "previous() after next() moves back over the same entry");
    assertEquals(-1, cursor.key());
    assertTrue(cursor.previous());
    assertEquals(Long.MIN_VALUE, cursor.key());
    assertFalse(cursor.previous());
    assertTrue(cursor.next());
    assertEquals(Long.MIN_VALUE, cursor.key());
  }

  @Test
  void shouldSeekToTheCeilingAndTheHigherEntry() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    cursor.seekCeiling(0);
    assertTrue(cursor.next());
    assertEquals(0, cursor.key(), "seekCeiling of a present key: next() lands on it");
    cursor.seekHigher(0);
    assertTrue(cursor.next());
    assertEquals(1, cursor.key(), "seekHigher of a present key: next() lands past it");
    cursor.seekHigher(0);
    assertTrue(cursor.previous());
    assertEquals(0, cursor.key(), "seekHigher then previous(): the floor entry");
    cursor.seekCeiling(0);
    assertTrue(cursor.previous());
    assertEquals(-1, cursor.key(), "seekCeiling then previous(): the lower entry");
    cursor.seekCeiling(2);
    assertTrue(cursor.next());
    assertEquals(Long.MAX_VALUE, cursor.key(), "seekCeiling of an absent key");
    cursor.seekHigher(-2);
    assertTrue(cursor.previous());
    assertEquals(Long.MIN_VALUE, cursor.key(), "seekHigher of an absent key, then previous()");
  }

  @Test
  void shouldSeekPastTheExtremes() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    cursor.seekHigher(Long.MAX_VALUE);
    assertFalse(cursor.next(), "nothing is above MAX_VALUE");
    cursor.seekHigher(Long.MAX_VALUE);
    assertTrue(cursor.previous());
    assertEquals(Long.MAX_VALUE, cursor.key());
    cursor.seekCeiling(Long.MIN_VALUE);
    assertFalse(cursor.previous(), "nothing is below MIN_VALUE");
    cursor.seekCeiling(Long.MIN_VALUE);
    assertTrue(cursor.next());
    assertEquals(Long.MIN_VALUE, cursor.key());
    cursor.seekCeiling(Long.MAX_VALUE);
    assertTrue(cursor.next());
    assertEquals(Long.MAX_VALUE, cursor.key());
    cursor.seekHigher(Long.MIN_VALUE);
    assertTrue(cursor.previous());
    assertEquals(Long.MIN_VALUE, cursor.key());
  }

  @Test
  void shouldWalkDescendingFromTheEnd() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    cursor.resetToEnd();
    List<String> visited = new ArrayList<>();
    while (cursor.previous()) {
      visited.add(cursor.value());
    }
    assertEquals(List.of("max", "one", "zero", "minus one", "min"), visited);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void shouldVisitEveryEntryOnceWhenRemovingEveryOtherDuringAWalk(boolean ascending) {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, SEED);
    NavigableMap<Long, String> kept = new TreeMap<>();
    for (long i = -500; i < 500; i++) {
      map.put(i * 7, "v" + i);
    }
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    List<Long> visited = new ArrayList<>();
    if (ascending) {
      while (cursor.next()) {
        visitAndRemoveEveryOther(cursor, visited, kept);
      }
    } else {
      cursor.resetToEnd();
      while (cursor.previous()) {
        visitAndRemoveEveryOther(cursor, visited, kept);
      }
    }
    assertEquals(1_000, visited.size());
    for (int i = 1; i < visited.size(); i++) {
      long step = ascending ? 7 : -7;
      assertEquals(visited.get(i - 1) + step, visited.get(i).longValue(), "visit " + i);
    }
    assertEquals(kept, toTreeMap(map));
    assertEquals(500, map.size());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void shouldRemoveEveryEntryThroughACursorWithoutSkipping(boolean ascending) {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, SEED);
    NavigableMap<Long, String> model = new TreeMap<>();
    for (long i = -300; i < 300; i++) {
      map.put(i << 50, "v" + i);
      model.put(i << 50, "v" + i);
    }
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    if (!ascending) {
      cursor.resetToEnd();
    }
    int walked = 0;
    while (ascending ? cursor.next() : cursor.previous()) {
      Map.Entry<Long, String> expected = ascending ? model.pollFirstEntry() : model.pollLastEntry();
      assertEquals(expected.getKey().longValue(), cursor.key());
      assertEquals(expected.getValue(), cursor.value());
      cursor.remove();
      walked++;
    }
    assertEquals(600, walked);
    assertTrue(map.isEmpty());
    assertThrows(NoSuchElementException.class, map::firstKey);
  }

  @Test
  void shouldNestCursorsIndependently() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor outer = map.newCursor();
    Long2ObjectSkipListMap<String>.Cursor inner = map.newCursor();
    List<String> pairs = new ArrayList<>();
    while (outer.next()) {
      inner.seekHigher(outer.key());
      while (inner.next()) {
        pairs.add(outer.key() + "<" + inner.key());
      }
    }
    assertEquals(10, pairs.size(), "every ordered pair of the five keys once: " + pairs);
    assertEquals(10, pairs.stream().distinct().count());
    assertEquals(Long.MIN_VALUE + "<-1", pairs.get(0));
    assertEquals("1<" + Long.MAX_VALUE, pairs.get(9));
  }

  @Test
  void shouldUpdateValuesThroughACursor() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    while (cursor.next()) {
      cursor.setValue(cursor.value() + "!");
    }
    assertEquals("min!", map.get(Long.MIN_VALUE));
    assertEquals("max!", map.get(Long.MAX_VALUE));
    assertEquals(5, map.size());
  }

  /* ---------------- Dropped values ---------------- */

  /** Ways a value leaves the map; each drops the values of the even keys among 0..199. */
  enum Drop {
    REMOVE {
      @Override
      void apply(Long2ObjectSkipListMap<Payload> map) {
        for (long k = 0; k < 200; k += 2) {
          map.remove(k);
        }
      }
    },
    CURSOR_REMOVE {
      @Override
      void apply(Long2ObjectSkipListMap<Payload> map) {
        Long2ObjectSkipListMap<Payload>.Cursor cursor = map.newCursor();
        cursor.resetToEnd();
        while (cursor.previous()) {
          if (cursor.key() % 2 == 0) {
            cursor.remove();
          }
        }
      }
    },
    REMOVE_IF {
      @Override
      void apply(Long2ObjectSkipListMap<Payload> map) {
        map.removeIf((k, v) -> k % 2 == 0);
      }
    },
    REPLACE_BY_PUT {
      @Override
      void apply(Long2ObjectSkipListMap<Payload> map) {
        for (long k = 0; k < 200; k += 2) {
          map.put(k, new Payload(k, 1));
        }
      }
    },
    REPLACE_BY_CURSOR {
      @Override
      void apply(Long2ObjectSkipListMap<Payload> map) {
        Long2ObjectSkipListMap<Payload>.Cursor cursor = map.newCursor();
        while (cursor.next()) {
          if (cursor.key() % 2 == 0) {
            cursor.setValue(new Payload(cursor.key(), 1));
          }
        }
      }
    },
    POLL_AND_REMOVE_RANGE {
      @Override
      void apply(Long2ObjectSkipListMap<Payload> map) {
        map.pollFirstValue(); // 0
        Payload last = map.pollLastValue(); // 199, put back
        map.put(last.key(), last);
        for (long k = 2; k < 200; k += 2) {
          map.removeRange(k, true, k, true);
        }
      }
    },
    CLEAR {
      @Override
      void apply(Long2ObjectSkipListMap<Payload> map) {
        map.clear();
      }

      @Override
      boolean drops(long key) {
        return true;
      }
    };

    abstract void apply(Long2ObjectSkipListMap<Payload> map);

    boolean drops(long key) {
      return key % 2 == 0;
    }
  }

  @ParameterizedTest
  @EnumSource(Drop.class)
  void shouldNotKeepDroppedValuesReachable(Drop drop) {
    Long2ObjectSkipListMap<Payload> map = new Long2ObjectSkipListMap<>(0, SEED);
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

  /* ---------------- Object methods ---------------- */

  @Test
  void shouldRenderLikeTreeMap() {
    assertEquals(sampleModel().toString(), sample().toString());
    assertEquals(
        "{" + Long.MIN_VALUE + "=min, -1=minus one, 0=zero, 1=one, " + Long.MAX_VALUE + "=max}",
        sample().toString());
    assertEquals("{}", new Long2ObjectSkipListMap<String>().toString());
  }

  @Test
  void shouldRenderASelfReferenceLikeAbstractMap() {
    Long2ObjectSkipListMap<Object> map = new Long2ObjectSkipListMap<>();
    map.put(1, map);
    map.put(2, "two");
    NavigableMap<Long, Object> model = new TreeMap<>();
    model.put(1L, model);
    model.put(2L, "two");
    assertEquals(model.toString(), map.toString());
  }

  @Test
  void shouldHashLikeTreeMap() {
    assertEquals(sampleModel().hashCode(), sample().hashCode());
    assertEquals(
        new TreeMap<Long, String>().hashCode(), new Long2ObjectSkipListMap<String>().hashCode());
  }

  @Test
  void shouldEqualAMapWithEqualMappingsWhateverItsHistory() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String> other = new Long2ObjectSkipListMap<>(0, ~SEED);
    other.put(42, "temporary");
    sampleModel().descendingMap().forEach((k, v) -> other.put(k, new String(v)));
    other.remove(42);
    assertEquals(
        map, other, "values are compared with equals; capacity and order of inserts play no part");
    assertEquals(other, map);
    assertEquals(map.hashCode(), other.hashCode());
    assertEquals(new Long2ObjectSkipListMap<String>(), new Long2ObjectSkipListMap<String>(100));
  }

  @Test
  void shouldEqualAHashMapWithEqualMappingsBothWays() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectHashMap<String> hashed = new Long2ObjectHashMap<>();
    sampleModel().forEach((k, v) -> hashed.put(k, new String(v)));
    assertEquals(map, hashed);
    assertEquals(hashed, map);
    assertEquals(hashed.hashCode(), map.hashCode());
    assertEquals(new Long2ObjectHashMap<String>(), new Long2ObjectSkipListMap<String>());
    assertEquals(new Long2ObjectSkipListMap<String>(), new Long2ObjectHashMap<String>());
  }

  @Test
  void shouldNotEqualAMapWithADifferentValue() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String> other = sample();
    other.put(0, "ZERO");
    assertNotEquals(map, other);
    assertNotEquals(other, map);
    Long2ObjectHashMap<String> hashed = new Long2ObjectHashMap<>();
    sampleModel().forEach(hashed::put);
    hashed.put(Long.MAX_VALUE, "MAX");
    assertNotEquals(map, hashed);
    assertNotEquals(hashed, map);
  }

  @Test
  void shouldNotEqualAMapOfTheSameSizeWithOtherKeys() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String> other = sample();
    other.put(2, other.remove(1));
    assertNotEquals(map, other);
    assertNotEquals(other, map);
    Long2ObjectHashMap<String> hashed = new Long2ObjectHashMap<>();
    sampleModel().forEach(hashed::put);
    hashed.put(2, hashed.remove(1));
    assertNotEquals(map, hashed);
    assertNotEquals(hashed, map);
  }

  @Test
  void shouldNotEqualAMapWithFewerOrMoreEntries() {
    Long2ObjectSkipListMap<String> map = sample();
    Long2ObjectSkipListMap<String> fewer = sample();
    fewer.pollLastValue();
    assertNotEquals(map, fewer);
    assertNotEquals(fewer, map);
    Long2ObjectHashMap<String> more = new Long2ObjectHashMap<>();
    sampleModel().forEach(more::put);
    more.put(2, "two");
    assertNotEquals(map, more);
    assertNotEquals(more, map);
  }

  @Test
  void shouldNotEqualAJavaUtilMap() {
    assertNotEquals(sample(), sampleModel(), "a TreeMap cannot return the favour");
    assertNotEquals(new Long2ObjectSkipListMap<String>(), new TreeMap<Long, String>());
  }

  /* ---------------- Helpers ---------------- */

  /** {MIN_VALUE=min, -1=minus one, 0=zero, 1=one, MAX_VALUE=max}, with room for a few more. */
  private static Long2ObjectSkipListMap<String> sample() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(8, SEED);
    sampleModel().forEach(map::put);
    return map;
  }

  /** Adds keys 100, 101, ... until the map is full: its next new key makes it grow. */
  private static void fillToCapacity(Long2ObjectSkipListMap<String> map) {
    int capacity = map.capacity();
    for (long k = 100; map.size() < capacity; k++) {
      map.put(k, "v" + k);
    }
    assertEquals(capacity, map.capacity());
  }

  private static NavigableMap<Long, String> sampleModel() {
    NavigableMap<Long, String> model = new TreeMap<>();
    model.put(0L, "zero");
    model.put(Long.MAX_VALUE, "max");
    model.put(-1L, "minus one");
    model.put(1L, "one");
    model.put(Long.MIN_VALUE, "min");
    return model;
  }

  /** The map's entries, collected by forEach, which must visit them in ascending key order. */
  private static <V> NavigableMap<Long, V> toTreeMap(Long2ObjectSkipListMap<V> map) {
    NavigableMap<Long, V> copy = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          if (!copy.isEmpty()) { // also stops a walk round a cycle
            assertTrue(copy.lastKey() < k, "forEach went from " + copy.lastKey() + " to " + k);
          }
          copy.put(k, v);
        });
    assertEquals(map.size(), copy.size(), "size against forEach");
    return copy;
  }

  /** Walks the rest of an ascending walk, checking that keys ascend. */
  private static NavigableMap<Long, String> walk(Long2ObjectSkipListMap<String>.Cursor cursor) {
    NavigableMap<Long, String> walked = new TreeMap<>();
    while (cursor.next()) {
      if (!walked.isEmpty()) { // also stops a walk round a cycle
        assertTrue(walked.lastKey() < cursor.key(), "walk went back to " + cursor.key());
      }
      walked.put(cursor.key(), cursor.value());
    }
    return walked;
  }

  private static long keyOr(Long key, long defaultKey) {
    return key == null ? defaultKey : key;
  }

  private static void assertNoCurrentEntry(Long2ObjectSkipListMap<String>.Cursor cursor) {
    assertThrows(IllegalStateException.class, cursor::key);
    assertThrows(IllegalStateException.class, cursor::value);
    assertThrows(IllegalStateException.class, () -> cursor.setValue("x"));
    assertThrows(IllegalStateException.class, cursor::remove);
  }

  /**
   * Removes every other visited entry (the first, third, ...), keeping the rest in {@code kept}.
   */
  private static void visitAndRemoveEveryOther(
      Long2ObjectSkipListMap<String>.Cursor cursor,
      List<Long> visited,
      NavigableMap<Long, String> kept) {
    visited.add(cursor.key());
    assertTrue(visited.size() <= 1_000, "the walk visited more than the 1000 entries");
    if (visited.size() % 2 == 1) {
      cursor.remove();
    } else {
      kept.put(cursor.key(), cursor.value());
    }
  }

  /**
   * Fills {@code map} with keys 0..199 and values that nothing else references: this frame is gone
   * by the time the caller drops them.
   */
  private static Map<Long, WeakReference<Payload>> putFreshPayloads(
      Long2ObjectSkipListMap<Payload> map) {
    Map<Long, WeakReference<Payload>> refs = new HashMap<>();
    for (long key = 0; key < 200; key++) {
      Payload value = new Payload(key, 0);
      map.put(key, value);
      refs.put(key, new WeakReference<>(value));
    }
    return refs;
  }
}
