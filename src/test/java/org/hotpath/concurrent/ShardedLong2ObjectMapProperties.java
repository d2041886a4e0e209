package org.hotpath.concurrent;

import static org.hotpath.testing.ModelBased.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.hotpath.testing.KeyFamilies;
import org.hotpath.testing.ModelBased;
import org.hotpath.testing.ModelBased.Operation;

/**
 * On one thread, ShardedLong2ObjectMap behaves like {@code HashMap<Long, String>} under any
 * sequence of operations, for any shard count. Every generated value is a fresh {@code String}, so
 * the map must hand back the very object it was given, while {@code remove(k, v)} and {@code
 * replace(k, old, new)} compare by {@code equals}.
 */
class ShardedLong2ObjectMapProperties {

  /** Values are drawn from {@code "v0".."v<POOL>"}: few enough that equal values recur. */
  private static final int VALUE_POOL = 40;

  /** The map under test and its reference model. */
  static final class Subject {
    final ShardedLong2ObjectMap<String> map;
    final Map<Long, String> model = new HashMap<>();

    Subject(int expectedSize, int shards) {
      this.map = new ShardedLong2ObjectMap<>(expectedSize, shards);
    }

    /** Same size, same mappings, and a forEach that yields each entry exactly once. */
    void checkInvariants() {
      assertEquals(model.size(), map.size(), "size");
      assertEquals(model.isEmpty(), map.isEmpty(), "isEmpty");
      Map<Long, String> walked = new HashMap<>();
      map.forEach((k, v) -> assertNull(walked.put(k, v), "forEach visited key " + k + " twice"));
      assertEquals(model, walked, "forEach");
      for (Map.Entry<Long, String> e : model.entrySet()) {
        assertSame(e.getValue(), map.get(e.getKey()), "get(" + e.getKey() + ")");
      }
    }
  }

  @Property(tries = 300)
  void behavesLikeHashMap(
      @ForAll @IntRange(min = 0, max = 40) int expectedSize,
      @ForAll("shardCounts") int shards,
      @ForAll("operations") List<Operation<Subject>> operations) {
    ModelBased.run(new Subject(expectedSize, shards), operations, Subject::checkInvariants);
  }

  @Provide
  Arbitrary<Integer> shardCounts() {
    return Arbitraries.of(1, 2, 4, 16, 64);
  }

  @Provide
  Arbitrary<List<Operation<Subject>>> operations() {
    return operation().list().ofMaxSize(250);
  }

  /** A fresh String per draw: equal to others of its index, never the same object. */
  private static Arbitrary<String> values() {
    return Arbitraries.integers().between(0, VALUE_POOL).map(i -> new String("v" + i));
  }

  private static Arbitrary<Operation<Subject>> operation() {
    Arbitrary<Long> keys = KeyFamilies.longs();
    Arbitrary<String> values = values();
    Arbitrary<Boolean> nulls = Arbitraries.of(true, false, false);
    return Arbitraries.frequencyOf(
        Tuple.of(10, Combinators.combine(keys, values).as(ShardedLong2ObjectMapProperties::put)),
        Tuple.of(
            3, Combinators.combine(keys, values).as(ShardedLong2ObjectMapProperties::putIfAbsent)),
        Tuple.of(5, keys.map(ShardedLong2ObjectMapProperties::get)),
        Tuple.of(
            2, Combinators.combine(keys, values).as(ShardedLong2ObjectMapProperties::getOrDefault)),
        Tuple.of(6, keys.map(ShardedLong2ObjectMapProperties::remove)),
        Tuple.of(
            3, Combinators.combine(keys, values).as(ShardedLong2ObjectMapProperties::removeValue)),
        Tuple.of(3, Combinators.combine(keys, values).as(ShardedLong2ObjectMapProperties::replace)),
        Tuple.of(
            3,
            Combinators.combine(keys, values, values)
                .as(ShardedLong2ObjectMapProperties::compareAndReplace)),
        Tuple.of(
            2,
            Combinators.combine(keys, values, nulls)
                .as(ShardedLong2ObjectMapProperties::computeIfAbsent)),
        Tuple.of(
            2,
            Combinators.combine(keys, values, nulls)
                .as(ShardedLong2ObjectMapProperties::computeIfPresent)),
        Tuple.of(
            2, Combinators.combine(keys, values, nulls).as(ShardedLong2ObjectMapProperties::compute)),
        Tuple.of(
            3, Combinators.combine(keys, values, nulls).as(ShardedLong2ObjectMapProperties::merge)),
        Tuple.of(
            2,
            Combinators.combine(
                    keys,
                    Arbitraries.integers().between(1, 600),
                    Arbitraries.integers().between(0, 20))
                .as(ShardedLong2ObjectMapProperties::putMany)),
        Tuple.of(
            2,
            Arbitraries.integers().between(1, 4).map(ShardedLong2ObjectMapProperties::removeIf)),
        Tuple.of(1, Arbitraries.just(compact())),
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

  static Operation<Subject> get(long key) {
    return op(
        "get(" + key + ")",
        s -> {
          assertSame(s.model.get(key), s.map.get(key));
          assertEquals(s.model.containsKey(key), s.map.containsKey(key));
        });
  }

  static Operation<Subject> getOrDefault(long key, String defaultValue) {
    return op(
        "getOrDefault(" + key + ", " + defaultValue + ")",
        s -> assertSame(s.model.getOrDefault(key, defaultValue), s.map.getOrDefault(key, defaultValue)));
  }

  static Operation<Subject> remove(long key) {
    return op("remove(" + key + ")", s -> assertSame(s.model.remove(key), s.map.remove(key)));
  }

  static Operation<Subject> removeValue(long key, String value) {
    return op(
        "remove(" + key + ", " + value + ")",
        s -> assertEquals(s.model.remove(key, value), s.map.remove(key, value)));
  }

  static Operation<Subject> replace(long key, String value) {
    return op(
        "replace(" + key + ", " + value + ")",
        s -> assertSame(s.model.replace(key, value), s.map.replace(key, value)));
  }

  static Operation<Subject> compareAndReplace(long key, String expected, String value) {
    return op(
        "replace(" + key + ", " + expected + ", " + value + ")",
        s ->
            assertEquals(
                s.model.replace(key, expected, value), s.map.replace(key, expected, value)));
  }

  static Operation<Subject> computeIfAbsent(long key, String value, boolean returnNull) {
    String result = returnNull ? null : value;
    return op(
        "computeIfAbsent(" + key + ", k -> " + result + ")",
        s -> {
          int[] calls = new int[1];
          int expectedCalls = s.model.containsKey(key) ? 0 : 1;
          assertSame(
              s.model.computeIfAbsent(key, k -> result),
              s.map.computeIfAbsent(
                  key,
                  k -> {
                    calls[0]++;
                    assertEquals(key, k);
                    return result;
                  }));
          assertEquals(expectedCalls, calls[0], "mapping function calls");
        });
  }

  static Operation<Subject> computeIfPresent(long key, String value, boolean returnNull) {
    String result = returnNull ? null : value;
    return op(
        "computeIfPresent(" + key + ", (k, v) -> " + result + ")",
        s -> {
          String present = s.model.get(key);
          assertSame(
              s.model.computeIfPresent(key, (k, v) -> result),
              s.map.computeIfPresent(
                  key,
                  (k, v) -> {
                    assertEquals(key, k);
                    assertSame(present, v);
                    return result;
                  }));
        });
  }

  static Operation<Subject> compute(long key, String value, boolean returnNull) {
    String result = returnNull ? null : value;
    return op(
        "compute(" + key + ", (k, v) -> " + result + ")",
        s -> {
          String present = s.model.get(key);
          assertSame(
              s.model.compute(key, (k, v) -> result),
              s.map.compute(
                  key,
                  (k, v) -> {
                    assertEquals(key, k);
                    assertSame(present, v);
                    return result;
                  }));
        });
  }

  static Operation<Subject> merge(long key, String value, boolean returnNull) {
    return op(
        "merge(" + key + ", " + value + ", " + (returnNull ? "-> null" : "concat") + ")",
        s -> {
          String expected =
              s.model.merge(key, value, (a, b) -> returnNull ? null : a + b);
          String actual = s.map.merge(key, value, (a, b) -> returnNull ? null : a + b);
          assertEquals(expected, actual);
          assertEquals(expected, s.map.get(key));
          if (expected != null) {
            s.model.put(key, actual); // the concatenation is a new object on each side
          }
        });
  }

  /** Enough fresh keys to make shards grow, then removes most of them again. */
  static Operation<Subject> putMany(long start, int count, int keep) {
    return op(
        "putMany(" + start + ", " + count + ", keep " + keep + ")",
        s -> {
          for (int i = 0; i < count; i++) {
            long key = start + i * 0x9E3779B97F4A7C15L;
            String value = "m" + i;
            assertSame(s.model.put(key, value), s.map.put(key, value));
          }
          for (int i = keep; i < count; i++) {
            long key = start + i * 0x9E3779B97F4A7C15L;
            assertSame(s.model.remove(key), s.map.remove(key));
          }
        });
  }

  static Operation<Subject> removeIf(int modulus) {
    return op(
        "removeIf((k + v.length()) % " + modulus + " == 0)",
        s -> {
          boolean expected =
              s.model
                  .entrySet()
                  .removeIf(e -> Math.floorMod(e.getKey() + e.getValue().length(), modulus) == 0);
          assertEquals(
              expected, s.map.removeIf((k, v) -> Math.floorMod(k + v.length(), modulus) == 0));
        });
  }

  static Operation<Subject> compact() {
    return op(
        "compact()",
        s -> {
          s.map.compact();
          long compacted = s.map.capacity();
          s.map.compact();
          assertEquals(compacted, s.map.capacity(), "a second compact() changed the capacity");
        });
  }

  static Operation<Subject> clear() {
    return op(
        "clear()",
        s -> {
          long capacity = s.map.capacity();
          s.model.clear();
          s.map.clear();
          assertEquals(capacity, s.map.capacity(), "clear() changed the capacity");
        });
  }
}
