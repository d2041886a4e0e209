package org.hotpath.collections;

import static org.hotpath.testing.ModelBased.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.hotpath.testing.KeyFamilies;
import org.hotpath.testing.ModelBased;
import org.hotpath.testing.ModelBased.Operation;

/**
 * Long2ObjectSkipListMap behaves like {@code TreeMap<Long, String>} under any sequence of
 * operations, cursors included.
 *
 * <p>Every generated value is a fresh {@code String} object, so the map must hand back the very
 * object it was given ({@code assertSame}), while {@code containsValue} and {@code equals} must
 * compare by {@code equals}. Maps are built with the seeded constructor from a generated seed, so a
 * failing sample replays with the same node heights.
 */
class Long2ObjectSkipListMapProperties {

  /** Values are drawn from {@code "v0".."v<POOL>"}: few enough that equal values recur. */
  private static final int VALUE_POOL = 40;

  /** The map under test, its reference model, and a cursor that lives across operations. */
  static final class Subject {
    final Long2ObjectSkipListMap<String> map;
    final NavigableMap<Long, String> model = new TreeMap<>();

    /** Positioned before the first entry on creation; repositioned by the cursor operations. */
    final TrackedCursor tracked;

    /** The size after the previous step: a change means a structural change. */
    int sizeSeen;

    /** Reused by every check; reading stats allocates nothing. */
    final SkipListStats stats = new SkipListStats();

    Subject(int expectedSize, long seed) {
      this.map = new Long2ObjectSkipListMap<>(expectedSize, seed);
      this.tracked = new TrackedCursor(map.newCursor());
    }

    /**
     * The statistics agree with the map: size, capacity, free nodes, and a level histogram equal
     * to the heights of the entries' nodes.
     */
    void checkStats() {
      map.readStats(stats);
      assertEquals(map.size(), stats.size(), "stats size");
      assertEquals(map.capacity(), stats.capacity(), "stats capacity");
      assertEquals(map.capacity() - map.size(), stats.freeNodes(), "stats free nodes");
      int[] heights = new int[Long2ObjectSkipListMap.MAX_HEIGHT + 1];
      int tallest = 0;
      for (long key : model.keySet()) {
        int h = map.nodeHeight(map.nodeOf(key));
        heights[h]++;
        tallest = Math.max(tallest, h);
      }
      for (int h = 1; h <= Long2ObjectSkipListMap.MAX_HEIGHT; h++) {
        assertEquals(heights[h], stats.entriesWithHeight(h), "entries of height " + h);
      }
      assertEquals(tallest, stats.levels(), "levels in use");
      double order = stats.outOfKeyOrder();
      assertTrue(order >= 0 && order <= 1, "out of key order " + order);
    }

    /**
     * Runs after every step: a changed size means an insert or removal other than through the
     * tracked cursor (whose own removal updates {@link #sizeSeen}).
     */
    void noteSizeChange() {
      if (map.size() != sizeSeen) {
        tracked.valid = false;
        sizeSeen = map.size();
      }
    }

    /** Records a structural change that may leave the size as it was (clear, compact). */
    void structuralChange() {
      tracked.valid = false;
    }

    /**
     * Same size, same entries in the same ascending order through forEach and through a cursor,
     * same first and last entries; the long-lived cursor still answers as its model does.
     */
    void checkInvariants() {
      noteSizeChange();
      assertEquals(model.size(), map.size(), "size");
      assertEquals(model.isEmpty(), map.isEmpty(), "isEmpty");
      assertTrue(map.capacity() >= map.size(), "capacity " + map.capacity() + " below the size");
      List<Long> expectedKeys = new ArrayList<>(model.keySet());
      List<String> expectedValues = new ArrayList<>(model.values());

      List<Long> forEachKeys = new ArrayList<>();
      List<String> forEachValues = new ArrayList<>();
      map.forEach(
          (k, v) -> {
            forEachKeys.add(k);
            forEachValues.add(v);
            checkBound(forEachKeys.size(), model.size(), "forEach");
          });
      assertEquals(expectedKeys, forEachKeys, "forEach order");
      assertSameElements(expectedValues, forEachValues, "forEach values");

      List<Long> cursorKeys = new ArrayList<>();
      List<String> cursorValues = new ArrayList<>();
      Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
      while (cursor.next()) {
        cursorKeys.add(cursor.key());
        cursorValues.add(cursor.value());
        checkBound(cursorKeys.size(), model.size(), "cursor walk");
      }
      assertEquals(expectedKeys, cursorKeys, "cursor walk order");
      assertSameElements(expectedValues, cursorValues, "cursor walk values");

      if (model.isEmpty()) {
        assertThrows(NoSuchElementException.class, map::firstKey);
        assertThrows(NoSuchElementException.class, map::lastKey);
        assertNull(map.firstValue(), "firstValue of an empty map");
        assertNull(map.lastValue(), "lastValue of an empty map");
      } else {
        assertEquals(model.firstKey().longValue(), map.firstKey(), "firstKey");
        assertEquals(model.lastKey().longValue(), map.lastKey(), "lastKey");
        assertSame(model.firstEntry().getValue(), map.firstValue(), "firstValue");
        assertSame(model.lastEntry().getValue(), map.lastValue(), "lastValue");
      }
      tracked.checkCurrent(model);
    }
  }

  /**
   * A cursor and its model: the cursor stands in the gap after key {@code gap} ({@code null}:
   * before the first entry); {@code current} is the key of its current entry, if any. While {@code
   * valid} is false the map has changed structurally since the cursor was positioned, and every use
   * must fail fast.
   */
  static final class TrackedCursor {
    final Long2ObjectSkipListMap<String>.Cursor cursor;
    Long gap;
    Long current;
    boolean valid = true;

    TrackedCursor(Long2ObjectSkipListMap<String>.Cursor cursor) {
      this.cursor = cursor;
    }

    void reset() {
      cursor.reset();
      positioned(null);
    }

    void resetToEnd(NavigableMap<Long, String> model) {
      cursor.resetToEnd();
      positioned(model.isEmpty() ? null : model.lastKey());
    }

    void seekCeiling(long key, NavigableMap<Long, String> model) {
      cursor.seekCeiling(key);
      positioned(model.lowerKey(key));
    }

    void seekHigher(long key, NavigableMap<Long, String> model) {
      cursor.seekHigher(key);
      positioned(model.floorKey(key));
    }

    private void positioned(Long gapKey) {
      gap = gapKey;
      current = null;
      valid = true;
    }

    void next(NavigableMap<Long, String> model) {
      if (!valid) {
        assertThrows(ConcurrentModificationException.class, cursor::next, "next() after a change");
        return;
      }
      Long expected = gap == null ? firstKeyOrNull(model) : model.higherKey(gap);
      assertEquals(expected != null, cursor.next(), "next() after gap " + gap);
      current = expected;
      if (expected != null) {
        gap = expected;
      }
      checkCurrent(model);
    }

    void previous(NavigableMap<Long, String> model) {
      if (!valid) {
        assertThrows(
            ConcurrentModificationException.class, cursor::previous, "previous() after a change");
        return;
      }
      assertEquals(gap != null, cursor.previous(), "previous() after gap " + gap);
      current = gap;
      if (gap != null) {
        gap = model.lowerKey(gap);
      }
      checkCurrent(model);
    }

    void remove(NavigableMap<Long, String> model) {
      if (!valid) {
        assertThrows(
            ConcurrentModificationException.class, cursor::remove, "remove() after a change");
        return;
      }
      if (current == null) {
        assertThrows(IllegalStateException.class, cursor::remove, "remove() without current entry");
        return;
      }
      cursor.remove();
      model.remove(current);
      if (current.equals(gap)) { // the entry was reached by next(): the gap moves back over it
        gap = model.lowerKey(current);
      }
      current = null;
      checkCurrent(model);
    }

    void setValue(String value, NavigableMap<Long, String> model) {
      if (!valid) {
        assertThrows(
            ConcurrentModificationException.class,
            () -> cursor.setValue(value),
            "setValue() after a change");
        return;
      }
      if (current == null) {
        assertThrows(
            IllegalStateException.class,
            () -> cursor.setValue(value),
            "setValue() without current entry");
        return;
      }
      cursor.setValue(value);
      model.put(current, value);
      checkCurrent(model);
    }

    void checkCurrent(NavigableMap<Long, String> model) {
      if (!valid) {
        assertThrows(ConcurrentModificationException.class, cursor::key, "key() after a change");
        assertThrows(
            ConcurrentModificationException.class, cursor::value, "value() after a change");
      } else if (current == null) {
        assertThrows(IllegalStateException.class, cursor::key, "key() without current entry");
        assertThrows(IllegalStateException.class, cursor::value, "value() without current entry");
      } else {
        assertEquals(current.longValue(), cursor.key(), "cursor key");
        assertSame(model.get(current), cursor.value(), "cursor value of " + current);
      }
    }
  }

  /** Cursor moves, as generated operations name them. */
  enum Step {
    NEXT,
    PREVIOUS,
    REMOVE,
    SET_VALUE
  }

  /** Ways to position a cursor. */
  enum Position {
    RESET,
    RESET_TO_END,
    SEEK_CEILING,
    SEEK_HIGHER
  }

  /* ---------------- Properties ---------------- */

  @Property(tries = 500)
  void behavesLikeTreeMap(
      @ForAll("expectedSizes") int expectedSize,
      @ForAll long seed,
      @ForAll("operations") List<Operation<Subject>> operations) {
    ModelBased.run(
        new Subject(expectedSize, seed),
        operations,
        s -> {
          s.checkInvariants();
          s.checkStats();
        });
  }

  /**
   * After any operations, the structure is sane as far as the API can see: a descending walk is the
   * ascending walk reversed, and every key's neighbours, by query and by seeking, are its
   * neighbours in that walk.
   */
  @Property(tries = 300)
  void descendingWalkAndNeighbourQueriesMirrorTheAscendingWalk(
      @ForAll("expectedSizes") int expectedSize,
      @ForAll long seed,
      @ForAll("operations") List<Operation<Subject>> operations) {
    Subject s = new Subject(expectedSize, seed);
    ModelBased.run(s, operations, Subject::noteSizeChange);
    Long2ObjectSkipListMap<String> map = s.map;

    List<Long> ascending = new ArrayList<>();
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    while (cursor.next()) {
      ascending.add(cursor.key());
      checkBound(ascending.size(), s.model.size(), "ascending walk");
    }
    List<Long> descending = new ArrayList<>();
    cursor.resetToEnd();
    while (cursor.previous()) {
      descending.add(cursor.key());
      checkBound(descending.size(), s.model.size(), "descending walk");
    }
    Collections.reverse(descending);
    assertEquals(ascending, descending, "descending walk reversed");
    assertEquals(new ArrayList<>(s.model.keySet()), ascending, "ascending walk");
    assertEquals(map.size(), ascending.size(), "size against the walk");

    for (int i = 0; i < ascending.size(); i++) {
      long key = ascending.get(i);
      long sentinel = 0x5EED_5EED_5EED_5EEDL;
      Long lower = i > 0 ? ascending.get(i - 1) : null;
      Long higher = i + 1 < ascending.size() ? ascending.get(i + 1) : null;
      assertSame(s.model.get(key), map.get(key), "get(" + key + ")");
      assertEquals(keyOr(lower, sentinel), map.lowerKeyOrDefault(key, sentinel), "lower of " + key);
      assertEquals(
          keyOr(higher, sentinel), map.higherKeyOrDefault(key, sentinel), "higher of " + key);
      assertEquals(key, map.floorKeyOrDefault(key, sentinel), "floor of " + key);
      assertEquals(key, map.ceilingKeyOrDefault(key, sentinel), "ceiling of " + key);

      cursor.seekCeiling(key);
      assertTrue(cursor.next(), "next() after seekCeiling(" + key + ")");
      assertEquals(key, cursor.key(), "next() after seekCeiling(" + key + ")");
      cursor.seekCeiling(key);
      assertEquals(lower != null, cursor.previous(), "previous() after seekCeiling(" + key + ")");
      if (lower != null) {
        assertEquals(lower.longValue(), cursor.key(), "previous() after seekCeiling(" + key + ")");
      }
      cursor.seekHigher(key);
      assertTrue(cursor.previous(), "previous() after seekHigher(" + key + ")");
      assertEquals(key, cursor.key(), "previous() after seekHigher(" + key + ")");
    }
  }

  /** The same seed and the same operations give the same node heights: failures replay. */
  @Property(tries = 100)
  void nodeHeightsDependOnlyOnTheSeedAndTheOperations(
      @ForAll("expectedSizes") int expectedSize,
      @ForAll long seed,
      @ForAll("operations") List<Operation<Subject>> operations) {
    Subject first = new Subject(expectedSize, seed);
    Subject second = new Subject(expectedSize, seed);
    ModelBased.run(first, operations, Subject::noteSizeChange);
    ModelBased.run(second, operations, Subject::noteSizeChange);
    assertEquals(first.map.capacity(), second.map.capacity(), "capacity");
    for (int id = 1; id <= first.map.capacity(); id++) {
      assertEquals(first.map.nodeHeight(id), second.map.nodeHeight(id), "height of node " + id);
    }
  }

  /**
   * A map presized for n entries keeps its capacity while it holds at most n, whatever inserts and
   * removes it takes in between.
   */
  @Property(tries = 100)
  void neverGrowsWithinExpectedSize(
      @ForAll("presizes") int expectedSize, @ForAll long seed, @ForAll long keySeed) {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(expectedSize, seed);
    NavigableMap<Long, String> model = new TreeMap<>();
    int capacity = map.capacity();
    assertTrue(capacity >= expectedSize, "capacity " + capacity + " for " + expectedSize);
    SplittableRandom random = new SplittableRandom(keySeed);
    fill(map, model, expectedSize, random);
    assertEquals(capacity, map.capacity(), "capacity after filling");
    assertEquals(expectedSize, map.size());

    for (int round = 0; round < 4; round++) {
      List<Long> keys = new ArrayList<>(model.keySet());
      if (!keys.isEmpty()) {
        long a = keys.get(random.nextInt(keys.size()));
        long b = keys.get(random.nextInt(keys.size()));
        map.removeRange(Math.min(a, b), true, Math.max(a, b), random.nextBoolean());
      }
      map.pollFirstValue();
      map.pollLastValue();
      map.removeIf((k, v) -> (k & 7) == 3);
      Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
      for (int visited = 1; cursor.next(); visited++) {
        checkBound(visited, expectedSize, "cursor walk");
        if ((cursor.key() & 15) == 6) {
          cursor.remove();
        }
      }
      model.clear();
      map.forEach(
          (k, v) -> {
            model.put(k, v);
            checkBound(model.size(), map.size(), "forEach");
          });
      fill(map, model, expectedSize, random);
      assertEquals(capacity, map.capacity(), "capacity after churn round " + round);
      assertEquals(expectedSize, map.size(), "refilled to expectedSize");
    }
    map.clear();
    fill(map, new TreeMap<>(), expectedSize, random);
    assertEquals(capacity, map.capacity(), "capacity after clear and refill");
  }

  /** Inserts fresh keys until {@code map} holds {@code size} entries, checking every answer. */
  private static void fill(
      Long2ObjectSkipListMap<String> map,
      NavigableMap<Long, String> model,
      int size,
      SplittableRandom random) {
    while (map.size() < size) {
      long key =
          random.nextInt(4) == 0 ? random.nextLong() : random.nextLong(-4L * size, 4L * size + 1);
      String value = "v" + key;
      String expected = model.put(key, value);
      assertSame(expected, map.put(key, value), "put(" + key + ")");
    }
  }

  /* ---------------- Generators ---------------- */

  @Provide
  Arbitrary<Integer> expectedSizes() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(0)),
        Tuple.of(3, Arbitraries.integers().between(1, 16)),
        Tuple.of(1, Arbitraries.integers().between(100, 1_000)));
  }

  @Provide
  Arbitrary<Integer> presizes() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(0, 1, 2, 7, 8, 9)),
        Tuple.of(
            4,
            Arbitraries.integers()
                .between(0, 3_000)
                .withDistribution(RandomDistribution.uniform())));
  }

  @Provide
  Arbitrary<List<Operation<Subject>>> operations() {
    // Uniform lengths: jqwik's default favours short lists, which seldom build a tall list.
    return operation().list().ofMaxSize(250).withSizeDistribution(RandomDistribution.uniform());
  }

  /**
   * Keys: a small range that makes duplicates and adjacent keys, the extremes and their neighbours,
   * 0 and -1, and the hash-hostile families.
   */
  private static Arbitrary<Long> keys() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.longs().between(-20, 20)),
        Tuple.of(
            2,
            Arbitraries.of(
                Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1)),
        Tuple.of(3, KeyFamilies.longs()));
  }

  private static Arbitrary<Operation<Subject>> operation() {
    Arbitrary<Long> keys = keys();
    Arbitrary<String> values = Arbitraries.integers().between(0, VALUE_POOL).map(n -> "v" + n);
    Arbitrary<String> valuesOrNull = values.injectNull(0.3);
    Arbitrary<Boolean> booleans = Arbitraries.of(true, false);
    Arbitrary<Long> seeds = Arbitraries.longs();
    return Arbitraries.frequencyOf(
        Tuple.of(10, Combinators.combine(keys, values).as(Long2ObjectSkipListMapProperties::put)),
        Tuple.of(
            3, Combinators.combine(keys, values).as(Long2ObjectSkipListMapProperties::putIfAbsent)),
        Tuple.of(
            3,
            Combinators.combine(keys, valuesOrNull)
                .as(Long2ObjectSkipListMapProperties::computeIfAbsent)),
        Tuple.of(4, keys.map(Long2ObjectSkipListMapProperties::get)),
        Tuple.of(
            2,
            Combinators.combine(keys, valuesOrNull)
                .as(Long2ObjectSkipListMapProperties::getOrDefault)),
        Tuple.of(1, valuesOrNull.map(Long2ObjectSkipListMapProperties::containsValue)),
        Tuple.of(6, keys.map(Long2ObjectSkipListMapProperties::remove)),
        Tuple.of(2, booleans.map(Long2ObjectSkipListMapProperties::poll)),
        Tuple.of(
            4,
            Combinators.combine(keys, Arbitraries.oneOf(keys, Arbitraries.longs()))
                .as(Long2ObjectSkipListMapProperties::neighbours)),
        Tuple.of(
            3,
            Combinators.combine(keys, keys, booleans, booleans, booleans)
                .as(Long2ObjectSkipListMapProperties::forEachInRange)),
        Tuple.of(
            2,
            Combinators.combine(keys, keys, booleans, booleans, booleans)
                .as(Long2ObjectSkipListMapProperties::removeRange)),
        Tuple.of(
            2,
            Combinators.combine(
                    Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 3))
                .as(Long2ObjectSkipListMapProperties::removeIf)),
        Tuple.of(
            2,
            Combinators.combine(
                    keys,
                    Arbitraries.integers().between(1, 300),
                    Arbitraries.integers().between(0, 63))
                .as(Long2ObjectSkipListMapProperties::putMany)),
        Tuple.of(2, seeds.map(Long2ObjectSkipListMapProperties::ascendingCursorWalk)),
        Tuple.of(2, seeds.map(Long2ObjectSkipListMapProperties::descendingCursorWalk)),
        Tuple.of(
            3,
            Combinators.combine(booleans, keys, seeds)
                .as(Long2ObjectSkipListMapProperties::seekAndStep)),
        Tuple.of(1, seeds.map(Long2ObjectSkipListMapProperties::nestedCursors)),
        Tuple.of(
            3,
            Combinators.combine(Arbitraries.of(Position.class), keys)
                .as(Long2ObjectSkipListMapProperties::positionTrackedCursor)),
        Tuple.of(
            6,
            Combinators.combine(Arbitraries.of(Step.class), values)
                .as(Long2ObjectSkipListMapProperties::stepTrackedCursor)),
        Tuple.of(1, seeds.map(Long2ObjectSkipListMapProperties::equalsHashCodeAndToString)),
        Tuple.of(1, Arbitraries.just(compact())),
        Tuple.of(2, Arbitraries.just(defragment())),
        Tuple.of(1, Arbitraries.just(clear())));
  }

  /* ---------------- Operations: each asserts the map answers as the model does ---------------- */

  static Operation<Subject> put(long key, String value) {
    return op(
        "put(" + key + ", " + value + ")",
        s -> assertSame(s.model.put(key, value), s.map.put(key, value)));
  }

  static Operation<Subject> putIfAbsent(long key, String value) {
    return op(
        "putIfAbsent(" + key + ", " + value + ")",
        s -> assertSame(s.model.putIfAbsent(key, value), s.map.putIfAbsent(key, value)));
  }

  /** The function may return null, which maps nothing, as in {@code TreeMap}. */
  static Operation<Subject> computeIfAbsent(long key, String value) {
    return op(
        "computeIfAbsent(" + key + ", k -> " + value + ")",
        s -> {
          boolean absent = !s.model.containsKey(key);
          String expected = s.model.computeIfAbsent(key, k -> value);
          int[] calls = {0};
          String actual =
              s.map.computeIfAbsent(
                  key,
                  k -> {
                    calls[0]++;
                    assertEquals(key, k, "the function receives the key");
                    return value;
                  });
          assertSame(expected, actual);
          assertEquals(absent ? 1 : 0, calls[0], "calls of the function");
        });
  }

  static Operation<Subject> get(long key) {
    return op(
        "get(" + key + ")",
        s -> {
          assertSame(s.model.get(key), s.map.get(key));
          assertEquals(s.model.containsKey(key), s.map.containsKey(key), "containsKey");
        });
  }

  static Operation<Subject> getOrDefault(long key, String defaultValue) {
    return op(
        "getOrDefault(" + key + ", " + defaultValue + ")",
        s ->
            assertSame(
                s.model.getOrDefault(key, defaultValue), s.map.getOrDefault(key, defaultValue)));
  }

  /** Asks with a copy, so that values are compared with {@code equals}. */
  static Operation<Subject> containsValue(String value) {
    return op(
        "containsValue(" + value + ")",
        s -> {
          String copy = value == null ? null : new String(value);
          assertEquals(s.model.containsValue(copy), s.map.containsValue(copy));
        });
  }

  static Operation<Subject> remove(long key) {
    return op("remove(" + key + ")", s -> assertSame(s.model.remove(key), s.map.remove(key)));
  }

  static Operation<Subject> poll(boolean first) {
    return op(
        first ? "pollFirstValue" : "pollLastValue",
        s -> {
          Map.Entry<Long, String> expected =
              first ? s.model.pollFirstEntry() : s.model.pollLastEntry();
          String actual = first ? s.map.pollFirstValue() : s.map.pollLastValue();
          assertSame(expected == null ? null : expected.getValue(), actual);
        });
  }

  /** The eight neighbour queries of {@code key}; {@code defaultKey} may be a key of the map. */
  static Operation<Subject> neighbours(long key, long defaultKey) {
    return op(
        "neighbours(" + key + ", default " + defaultKey + ")",
        s -> {
          NavigableMap<Long, String> m = s.model;
          assertSame(valueOrNull(m.floorEntry(key)), s.map.floorValue(key), "floorValue");
          assertSame(valueOrNull(m.ceilingEntry(key)), s.map.ceilingValue(key), "ceilingValue");
          assertSame(valueOrNull(m.lowerEntry(key)), s.map.lowerValue(key), "lowerValue");
          assertSame(valueOrNull(m.higherEntry(key)), s.map.higherValue(key), "higherValue");
          assertEquals(
              keyOr(m.floorKey(key), defaultKey),
              s.map.floorKeyOrDefault(key, defaultKey),
              "floor");
          assertEquals(
              keyOr(m.ceilingKey(key), defaultKey),
              s.map.ceilingKeyOrDefault(key, defaultKey),
              "ceiling");
          assertEquals(
              keyOr(m.lowerKey(key), defaultKey),
              s.map.lowerKeyOrDefault(key, defaultKey),
              "lower");
          assertEquals(
              keyOr(m.higherKey(key), defaultKey),
              s.map.higherKeyOrDefault(key, defaultKey),
              "higher");
        });
  }

  /**
   * Either overload, over the range between two generated keys; {@code extremes} widens one end to
   * {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE}.
   */
  static Operation<Subject> forEachInRange(
      long a, long b, boolean fromInclusive, boolean toInclusive, boolean shortForm) {
    long from = Math.min(a, b);
    long to = Math.max(a, b);
    String description =
        shortForm
            ? "forEachInRange(" + from + ", " + to + ")"
            : "forEachInRange("
                + from
                + ", "
                + fromInclusive
                + ", "
                + to
                + ", "
                + toInclusive
                + ")";
    return op(
        description,
        s -> {
          boolean fi = shortForm || fromInclusive;
          boolean ti = !shortForm && toInclusive;
          List<Map.Entry<Long, String>> expected =
              new ArrayList<>(s.model.subMap(from, fi, to, ti).entrySet());
          List<Long> keys = new ArrayList<>();
          List<String> values = new ArrayList<>();
          int visited =
              shortForm
                  ? s.map.forEachInRange(
                      from,
                      to,
                      (k, v) -> {
                        keys.add(k);
                        values.add(v);
                      })
                  : s.map.forEachInRange(
                      from,
                      fromInclusive,
                      to,
                      toInclusive,
                      (k, v) -> {
                        keys.add(k);
                        values.add(v);
                      });
          assertEquals(expected.size(), visited, "visited count");
          List<Long> expectedKeys = new ArrayList<>();
          List<String> expectedValues = new ArrayList<>();
          for (Map.Entry<Long, String> e : expected) {
            expectedKeys.add(e.getKey());
            expectedValues.add(e.getValue());
          }
          assertEquals(expectedKeys, keys, "keys in range, in order");
          assertSameElements(expectedValues, values, "values in range");
        });
  }

  static Operation<Subject> removeRange(
      long a, long b, boolean fromInclusive, boolean toInclusive, boolean shortForm) {
    long from = Math.min(a, b);
    long to = Math.max(a, b);
    String description =
        shortForm
            ? "removeRange(" + from + ", " + to + ")"
            : "removeRange(" + from + ", " + fromInclusive + ", " + to + ", " + toInclusive + ")";
    return op(
        description,
        s -> {
          boolean fi = shortForm || fromInclusive;
          boolean ti = !shortForm && toInclusive;
          NavigableMap<Long, String> range = s.model.subMap(from, fi, to, ti);
          int expected = range.size();
          range.clear();
          int removed =
              shortForm
                  ? s.map.removeRange(from, to)
                  : s.map.removeRange(from, fromInclusive, to, toInclusive);
          assertEquals(expected, removed, "removed count");
        });
  }

  /** Also checks that the filter sees every entry once, in ascending order, with its value. */
  static Operation<Subject> removeIf(int modulus, int remainder) {
    return op(
        "removeIf((k + v.hashCode()) mod " + modulus + " == " + remainder + ")",
        s -> {
          List<Long> expectedTested = new ArrayList<>(s.model.keySet());
          NavigableMap<Long, String> before = new TreeMap<>(s.model);
          boolean expected =
              s.model
                  .entrySet()
                  .removeIf(
                      e ->
                          Math.floorMod(e.getKey() + e.getValue().hashCode(), modulus)
                              == remainder);
          List<Long> tested = new ArrayList<>();
          boolean actual =
              s.map.removeIf(
                  (k, v) -> {
                    tested.add(k);
                    assertSame(before.get(k), v, "value of " + k);
                    return Math.floorMod(k + v.hashCode(), modulus) == remainder;
                  });
          assertEquals(expected, actual, "removeIf result");
          assertEquals(expectedTested, tested, "removeIf tests every entry once, ascending");
        });
  }

  /**
   * Grows the map quickly past several growth boundaries. Strides of 2^k make keys far apart; a
   * stride of 2^63 revisits the same two keys; keys wrap around past {@code Long.MAX_VALUE}.
   */
  static Operation<Subject> putMany(long firstKey, int count, int strideShift) {
    return op(
        "putMany(" + firstKey + ", " + count + ", stride 2^" + strideShift + ")",
        s -> {
          for (int i = 0; i < count; i++) {
            long key = firstKey + ((long) i << strideShift);
            String value = "m" + i;
            assertSame(s.model.put(key, value), s.map.put(key, value), "put(" + key + ")");
          }
        });
  }

  /** Walks up with a fresh cursor, removing or updating entries as a seeded sequence decides. */
  static Operation<Subject> ascendingCursorWalk(long seed) {
    return op(
        "ascendingCursorWalk(seed " + seed + ")",
        s -> {
          List<Long> expectedKeys = new ArrayList<>(s.model.keySet());
          List<Long> seen = new ArrayList<>();
          SplittableRandom random = new SplittableRandom(seed);
          Long2ObjectSkipListMap<String>.Cursor cursor = s.map.newCursor();
          while (cursor.next()) {
            long key = cursor.key();
            seen.add(key);
            checkBound(seen.size(), expectedKeys.size(), "walk");
            assertSame(s.model.get(key), cursor.value(), "value of " + key);
            walkAction(s, cursor, key, random.nextInt(4));
          }
          assertEquals(expectedKeys, seen, "an ascending walk with removals visits every key once");
          assertFalse(cursor.next(), "next() after the end stays at the end");
        });
  }

  /** Walks down from the end with a fresh cursor, removing or updating entries on the way. */
  static Operation<Subject> descendingCursorWalk(long seed) {
    return op(
        "descendingCursorWalk(seed " + seed + ")",
        s -> {
          List<Long> expectedKeys = new ArrayList<>(s.model.descendingKeySet());
          List<Long> seen = new ArrayList<>();
          SplittableRandom random = new SplittableRandom(seed);
          Long2ObjectSkipListMap<String>.Cursor cursor = s.map.newCursor();
          cursor.resetToEnd();
          while (cursor.previous()) {
            long key = cursor.key();
            seen.add(key);
            checkBound(seen.size(), expectedKeys.size(), "walk");
            assertSame(s.model.get(key), cursor.value(), "value of " + key);
            walkAction(s, cursor, key, random.nextInt(4));
          }
          assertEquals(expectedKeys, seen, "a descending walk with removals visits every key once");
          assertFalse(cursor.previous(), "previous() at the start stays at the start");
        });
  }

  /** 0: remove the current entry; 1: replace its value; otherwise leave it. */
  private static void walkAction(
      Subject s, Long2ObjectSkipListMap<String>.Cursor cursor, long key, int action) {
    if (action == 0) {
      cursor.remove();
      s.model.remove(key);
      assertThrows(IllegalStateException.class, cursor::key, "no current entry after remove()");
    } else if (action == 1) {
      String updated = "w" + key;
      cursor.setValue(updated);
      s.model.put(key, updated);
      assertSame(updated, cursor.value());
    }
  }

  /** Seeks a fresh cursor, then mixes up to 30 moves, removals and updates. */
  static Operation<Subject> seekAndStep(boolean higher, long key, long seed) {
    return op(
        (higher ? "seekHigher(" : "seekCeiling(") + key + ") then steps(seed " + seed + ")",
        s -> {
          TrackedCursor tracked = new TrackedCursor(s.map.newCursor());
          if (higher) {
            tracked.seekHigher(key, s.model);
          } else {
            tracked.seekCeiling(key, s.model);
          }
          SplittableRandom random = new SplittableRandom(seed);
          int steps = random.nextInt(31);
          for (int i = 0; i < steps; i++) {
            int kind = random.nextInt(10);
            if (kind < 4) {
              tracked.next(s.model);
            } else if (kind < 8) {
              tracked.previous(s.model);
            } else if (kind == 8) {
              tracked.remove(s.model);
            } else {
              tracked.setValue("s" + i, s.model);
            }
          }
        });
  }

  /**
   * An outer ascending walk; at each entry an inner cursor looks a few entries ahead and one
   * behind. Sometimes the outer cursor removes its entry, which must make the inner cursor fail
   * fast until it seeks again.
   */
  static Operation<Subject> nestedCursors(long seed) {
    return op(
        "nestedCursors(seed " + seed + ")",
        s -> {
          SplittableRandom random = new SplittableRandom(seed);
          List<Long> expectedKeys = new ArrayList<>(s.model.keySet());
          List<Long> seen = new ArrayList<>();
          TrackedCursor inner = new TrackedCursor(s.map.newCursor());
          Long2ObjectSkipListMap<String>.Cursor outer = s.map.newCursor();
          while (outer.next()) {
            long key = outer.key();
            seen.add(key);
            checkBound(seen.size(), expectedKeys.size(), "outer walk");
            inner.seekHigher(key, s.model);
            inner.next(s.model);
            inner.next(s.model);
            inner.seekHigher(key, s.model);
            inner.previous(s.model);
            inner.previous(s.model);
            inner.seekCeiling(key, s.model);
            inner.previous(s.model);
            inner.seekCeiling(key, s.model);
            inner.next(s.model);
            assertEquals(key, inner.cursor.key(), "the inner cursor reaches the outer one's key");
            assertEquals(key, outer.key(), "the inner walk leaves the outer cursor in place");
            if (random.nextInt(3) == 0) {
              outer.remove();
              s.model.remove(key);
              inner.valid = false;
              inner.next(s.model);
              inner.checkCurrent(s.model);
            }
          }
          assertEquals(expectedKeys, seen, "the outer walk visits every key once");
        });
  }

  static Operation<Subject> positionTrackedCursor(Position position, long key) {
    return op(
        "tracked."
            + position
            + (position == Position.SEEK_CEILING || position == Position.SEEK_HIGHER
                ? "(" + key + ")"
                : ""),
        s -> {
          switch (position) {
            case RESET -> s.tracked.reset();
            case RESET_TO_END -> s.tracked.resetToEnd(s.model);
            case SEEK_CEILING -> s.tracked.seekCeiling(key, s.model);
            case SEEK_HIGHER -> s.tracked.seekHigher(key, s.model);
          }
        });
  }

  /**
   * A step of the long-lived cursor: it must fail fast if the map changed since it was positioned.
   */
  static Operation<Subject> stepTrackedCursor(Step step, String value) {
    return op(
        "tracked." + step + (step == Step.SET_VALUE ? "(" + value + ")" : ""),
        s -> {
          switch (step) {
            case NEXT -> s.tracked.next(s.model);
            case PREVIOUS -> s.tracked.previous(s.model);
            case REMOVE -> {
              s.tracked.remove(s.model);
              s.sizeSeen = s.map.size(); // its own removal leaves the cursor valid
            }
            case SET_VALUE -> s.tracked.setValue(value, s.model);
          }
        });
  }

  /**
   * Equal to a skip list and to a hash map holding equal (not identical) values, both ways;
   * unequal, both ways, once one value or one key differs. Hash code and text as {@code TreeMap}'s.
   */
  static Operation<Subject> equalsHashCodeAndToString(long seed) {
    return op(
        "equals/hashCode/toString(seed " + seed + ")",
        s -> {
          assertEquals(s.model.hashCode(), s.map.hashCode(), "hashCode as TreeMap's");
          assertEquals(s.model.toString(), s.map.toString(), "toString as TreeMap's");

          Long2ObjectSkipListMap<String> sorted = skipListCopy(s.model, seed);
          Long2ObjectHashMap<String> hashed = hashCopy(s.model);
          assertSymmetricallyEqual(s.map, sorted, "skip list copy");
          assertSymmetricallyEqual(s.map, hashed, "hash map copy");
          assertEquals(sorted.hashCode(), s.map.hashCode(), "hashCode of the copy");
          if (s.model.isEmpty()) {
            sorted.put(seed, "extra");
            hashed.put(seed, "extra");
            assertSymmetricallyUnequal(s.map, sorted, "skip list with an extra key");
            assertSymmetricallyUnequal(s.map, hashed, "hash map with an extra key");
            return;
          }
          List<Long> keys = new ArrayList<>(s.model.keySet());
          long key = keys.get(new SplittableRandom(seed).nextInt(keys.size()));
          sorted.put(key, s.model.get(key) + "'");
          hashed.put(key, s.model.get(key) + "'");
          assertSymmetricallyUnequal(s.map, sorted, "skip list, value of " + key + " differs");
          assertSymmetricallyUnequal(s.map, hashed, "hash map, value of " + key + " differs");

          long absent = key;
          while (s.model.containsKey(absent)) {
            absent++;
          }
          Long2ObjectSkipListMap<String> otherKey = skipListCopy(s.model, ~seed);
          Long2ObjectHashMap<String> otherKeyHashed = hashCopy(s.model);
          otherKey.put(absent, otherKey.remove(key));
          otherKeyHashed.put(absent, otherKeyHashed.remove(key));
          assertSymmetricallyUnequal(s.map, otherKey, "skip list, " + key + " -> " + absent);
          assertSymmetricallyUnequal(s.map, otherKeyHashed, "hash map, " + key + " -> " + absent);
        });
  }

  /** Shrinks the arrays to the entries; a structural change for every cursor. */
  static Operation<Subject> compact() {
    return op(
        "compact",
        s -> {
          s.map.compact();
          s.structuralChange();
          assertEquals(s.model.size(), s.map.capacity(), "compact shrinks to the entries");
        });
  }

  /** Renumbers the nodes in place: the entries, capacity and node heights stay as they were. */
  static Operation<Subject> defragment() {
    return op(
        "defragment",
        s -> {
          int capacity = s.map.capacity();
          int[] heights = new int[capacity + 1];
          for (int id = 1; id <= capacity; id++) {
            heights[id] = s.map.nodeHeight(id);
          }
          s.map.defragment();
          s.structuralChange();
          assertEquals(capacity, s.map.capacity(), "defragment keeps the capacity");
          for (int id = 1; id <= capacity; id++) {
            assertEquals(heights[id], s.map.nodeHeight(id), "height of node " + id);
          }
        });
  }

  static Operation<Subject> clear() {
    return op(
        "clear",
        s -> {
          int capacity = s.map.capacity();
          s.map.clear();
          s.model.clear();
          s.structuralChange();
          assertEquals(capacity, s.map.capacity(), "clear keeps the capacity");
        });
  }

  /* ---------------- Helpers ---------------- */

  /** Inserted in descending order into a map that grows, with copies of the values. */
  private static Long2ObjectSkipListMap<String> skipListCopy(
      NavigableMap<Long, String> model, long seed) {
    Long2ObjectSkipListMap<String> copy = new Long2ObjectSkipListMap<>(0, seed);
    model.descendingMap().forEach((k, v) -> copy.put(k, new String(v)));
    return copy;
  }

  private static Long2ObjectHashMap<String> hashCopy(NavigableMap<Long, String> model) {
    Long2ObjectHashMap<String> copy = new Long2ObjectHashMap<>(0, 0.5f);
    model.forEach((k, v) -> copy.put(k, new String(v)));
    return copy;
  }

  private static void assertSymmetricallyEqual(Object map, Object other, String what) {
    assertEquals(other, map, what);
    assertEquals(map, other, what + ", the other way");
  }

  private static void assertSymmetricallyUnequal(Object map, Object other, String what) {
    assertNotEquals(other, map, what);
    assertNotEquals(map, other, what + ", the other way");
  }

  /**
   * Fails a walk that has seen more entries than the map holds (a cycle, or a lost removal), before
   * it runs out of memory: jqwik can then shrink the operations.
   */
  private static void checkBound(int visited, int entries, String walk) {
    if (visited > entries) {
      fail(walk + " visited more than the " + entries + " entries of the map");
    }
  }

  private static void assertSameElements(List<String> expected, List<String> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": count");
    for (int i = 0; i < expected.size(); i++) {
      assertSame(expected.get(i), actual.get(i), what + " at " + i);
    }
  }

  private static Long firstKeyOrNull(NavigableMap<Long, String> model) {
    return model.isEmpty() ? null : model.firstKey();
  }

  private static String valueOrNull(Map.Entry<Long, String> entry) {
    return entry == null ? null : entry.getValue();
  }

  private static long keyOr(Long key, long defaultKey) {
    return key == null ? defaultKey : key;
  }
}
