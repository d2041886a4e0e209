package org.hotpath.concurrent;

import static org.hotpath.testing.ModelBased.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
 * On one thread, ShardedInt2IntMap behaves like {@code HashMap<Integer, Integer>} under any
 * sequence of operations, for any shard count; concurrency is covered by the Lincheck and stress
 * tests.
 */
class ShardedInt2IntMapProperties {

  /** The missing value used by maps in these properties; also a generated key and value. */
  private static final int MISSING = 42;

  /** The map under test and its reference model. */
  static final class Subject {
    final ShardedInt2IntMap map;
    final Map<Integer, Integer> model = new HashMap<>();
    final int missing;

    Subject(int expectedSize, int shards, int missing) {
      this.map = new ShardedInt2IntMap(expectedSize, shards, missing);
      this.missing = missing;
    }

    int expected(Integer boxed) {
      return boxed == null ? missing : boxed;
    }

    /** Same size, same mappings, and a forEach that yields each entry exactly once. */
    void checkInvariants() {
      assertEquals(model.size(), map.size(), "size");
      assertEquals(model.isEmpty(), map.isEmpty(), "isEmpty");
      Map<Integer, Integer> walked = new HashMap<>();
      map.forEach((k, v) -> assertNull(walked.put(k, v), "forEach visited key " + k + " twice"));
      assertEquals(model, walked, "forEach");
      for (Map.Entry<Integer, Integer> e : model.entrySet()) {
        assertEquals(e.getValue().intValue(), map.get(e.getKey()), "get(" + e.getKey() + ")");
      }
    }
  }

  @Property(tries = 300)
  void behavesLikeHashMap(
      @ForAll @IntRange(min = 0, max = 40) int expectedSize,
      @ForAll("shardCounts") int shards,
      @ForAll("missingValues") int missing,
      @ForAll("operations") List<Operation<Subject>> operations) {
    ModelBased.run(new Subject(expectedSize, shards, missing), operations, Subject::checkInvariants);
  }

  @Provide
  Arbitrary<Integer> shardCounts() {
    return Arbitraries.of(1, 2, 4, 16, 64);
  }

  @Provide
  Arbitrary<Integer> missingValues() {
    return Arbitraries.of(0, -1, MISSING, Integer.MIN_VALUE);
  }

  @Provide
  Arbitrary<List<Operation<Subject>>> operations() {
    return operation().list().ofMaxSize(250);
  }

  private static Arbitrary<Operation<Subject>> operation() {
    Arbitrary<Integer> keys = KeyFamilies.ints(MISSING);
    Arbitrary<Integer> values =
        Arbitraries.oneOf(KeyFamilies.ints(MISSING), Arbitraries.just(MISSING));
    return Arbitraries.frequencyOf(
        Tuple.of(10, Combinators.combine(keys, values).as(ShardedInt2IntMapProperties::put)),
        Tuple.of(3, Combinators.combine(keys, values).as(ShardedInt2IntMapProperties::putIfAbsent)),
        Tuple.of(5, keys.map(ShardedInt2IntMapProperties::get)),
        Tuple.of(2, Combinators.combine(keys, values).as(ShardedInt2IntMapProperties::getOrDefault)),
        Tuple.of(6, keys.map(ShardedInt2IntMapProperties::remove)),
        Tuple.of(3, Combinators.combine(keys, values).as(ShardedInt2IntMapProperties::removeValue)),
        Tuple.of(3, Combinators.combine(keys, values).as(ShardedInt2IntMapProperties::replace)),
        Tuple.of(
            3,
            Combinators.combine(keys, values, values)
                .as(ShardedInt2IntMapProperties::compareAndReplace)),
        Tuple.of(4, Combinators.combine(keys, values).as(ShardedInt2IntMapProperties::addAndGet)),
        Tuple.of(
            2, Combinators.combine(keys, values).as(ShardedInt2IntMapProperties::computeIfAbsent)),
        Tuple.of(
            2,
            Combinators.combine(
                    keys,
                    Arbitraries.integers().between(1, 600),
                    Arbitraries.integers().between(0, 20))
                .as(ShardedInt2IntMapProperties::putMany)),
        Tuple.of(
            2,
            Combinators.combine(
                    Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 3))
                .as(ShardedInt2IntMapProperties::removeIf)),
        Tuple.of(1, Arbitraries.just(compact())),
        Tuple.of(1, Arbitraries.just(clear())));
  }

  /* ---------------- Operations: each asserts the map answers as the model does ---------------- */

  static Operation<Subject> put(int key, int value) {
    return op(
        "put(" + key + ", " + value + ")",
        s -> assertEquals(s.expected(s.model.put(key, value)), s.map.put(key, value)));
  }

  static Operation<Subject> putIfAbsent(int key, int value) {
    return op(
        "putIfAbsent(" + key + ", " + value + ")",
        s ->
            assertEquals(
                s.expected(s.model.putIfAbsent(key, value)), s.map.putIfAbsent(key, value)));
  }

  static Operation<Subject> get(int key) {
    return op(
        "get(" + key + ")",
        s -> {
          assertEquals(s.expected(s.model.get(key)), s.map.get(key));
          assertEquals(s.model.containsKey(key), s.map.containsKey(key));
        });
  }

  static Operation<Subject> getOrDefault(int key, int defaultValue) {
    return op(
        "getOrDefault(" + key + ", " + defaultValue + ")",
        s ->
            assertEquals(
                s.model.getOrDefault(key, defaultValue).intValue(),
                s.map.getOrDefault(key, defaultValue)));
  }

  static Operation<Subject> remove(int key) {
    return op(
        "remove(" + key + ")",
        s -> assertEquals(s.expected(s.model.remove(key)), s.map.remove(key)));
  }

  static Operation<Subject> removeValue(int key, int value) {
    return op(
        "remove(" + key + ", " + value + ")",
        s -> assertEquals(s.model.remove(key, value), s.map.remove(key, value)));
  }

  static Operation<Subject> replace(int key, int value) {
    return op(
        "replace(" + key + ", " + value + ")",
        s -> assertEquals(s.expected(s.model.replace(key, value)), s.map.replace(key, value)));
  }

  static Operation<Subject> compareAndReplace(int key, int expected, int value) {
    return op(
        "replace(" + key + ", " + expected + ", " + value + ")",
        s ->
            assertEquals(
                s.model.replace(key, expected, value), s.map.replace(key, expected, value)));
  }

  static Operation<Subject> addAndGet(int key, int delta) {
    return op(
        "addAndGet(" + key + ", " + delta + ")",
        s ->
            assertEquals(
                s.model.merge(key, delta, Integer::sum).intValue(), s.map.addAndGet(key, delta)));
  }

  static Operation<Subject> computeIfAbsent(int key, int value) {
    return op(
        "computeIfAbsent(" + key + ", k -> " + value + ")",
        s -> {
          int[] calls = new int[1];
          int expectedCalls = s.model.containsKey(key) ? 0 : 1;
          int expected = s.model.computeIfAbsent(key, k -> value);
          assertEquals(
              expected,
              s.map.computeIfAbsent(
                  key,
                  k -> {
                    calls[0]++;
                    assertEquals(key, k);
                    return value;
                  }));
          assertEquals(expectedCalls, calls[0], "mapping function calls");
        });
  }

  /** Enough fresh keys to make shards grow, then removes most of them again. */
  static Operation<Subject> putMany(int start, int count, int keep) {
    return op(
        "putMany(" + start + ", " + count + ", keep " + keep + ")",
        s -> {
          for (int i = 0; i < count; i++) {
            int key = start + i * 0x9E3779B9;
            assertEquals(s.expected(s.model.put(key, i)), s.map.put(key, i));
          }
          for (int i = keep; i < count; i++) {
            int key = start + i * 0x9E3779B9;
            assertEquals(s.expected(s.model.remove(key)), s.map.remove(key));
          }
        });
  }

  static Operation<Subject> removeIf(int modulus, int residue) {
    return op(
        "removeIf((k + v) % " + modulus + " == " + residue + ")",
        s -> {
          boolean expected =
              s.model.entrySet().removeIf(e -> Math.floorMod(e.getKey() + e.getValue(), modulus) == residue);
          assertEquals(
              expected, s.map.removeIf((k, v) -> Math.floorMod(k + v, modulus) == residue));
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
