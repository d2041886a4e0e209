package org.hotpath.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Examples of ShardedLong2ObjectMap's contract: null handling, bad input and callbacks. */
class ShardedLong2ObjectMapTest {

  private final ShardedLong2ObjectMap<String> map = new ShardedLong2ObjectMap<>(8, 2);

  @Test
  void shouldRejectNullValuesByNameAndLeaveTheMapUnchanged() {
    map.put(1L, "a");
    assertNpe("value", () -> map.put(2L, null));
    assertNpe("value", () -> map.put(1L, null));
    assertNpe("value", () -> map.putIfAbsent(2L, null));
    assertNpe("value", () -> map.replace(1L, null));
    assertNpe("oldValue", () -> map.replace(1L, null, "b"));
    assertNpe("newValue", () -> map.replace(1L, "a", null));
    assertNpe("value", () -> map.merge(1L, null, (a, b) -> a));
    assertNpe("remappingFunction", () -> map.merge(1L, "b", null));
    assertNpe("mappingFunction", () -> map.computeIfAbsent(2L, null));
    assertNpe("remappingFunction", () -> map.compute(2L, null));
    assertNpe("remappingFunction", () -> map.computeIfPresent(1L, null));
    assertNpe("action", () -> map.forEach(null));
    assertNpe("filter", () -> map.removeIf(null));
    assertEquals("{1=a}", map.toString());
  }

  @Test
  void shouldRejectBadSizesByValue() {
    IllegalArgumentException shards =
        assertThrows(IllegalArgumentException.class, () -> new ShardedLong2ObjectMap<>(8, 12));
    assertTrue(shards.getMessage().contains("but was 12"), shards.getMessage());
    IllegalArgumentException size =
        assertThrows(IllegalArgumentException.class, () -> new ShardedLong2ObjectMap<>(-3));
    assertTrue(size.getMessage().contains("-3"), size.getMessage());
  }

  @Test
  void shouldNeverMatchANullValueOnConditionalRemove() {
    map.put(0L, "zero");
    assertFalse(map.remove(0L, null));
    assertEquals("zero", map.get(0L));
  }

  @Test
  void shouldMapNothingWhenAFunctionReturnsNull() {
    assertNull(map.computeIfAbsent(5L, k -> null));
    assertNull(map.compute(6L, (k, v) -> null));
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldFailACallbackThatModifiesItsShardAndLeaveTheMapUnchanged() {
    ShardedLong2ObjectMap<String> single = new ShardedLong2ObjectMap<>(8, 1);
    single.put(1L, "a");
    assertThrows(IllegalStateException.class, () -> single.computeIfAbsent(2L, k -> single.remove(1L)));
    assertThrows(IllegalStateException.class, () -> single.compute(1L, (k, v) -> single.put(3L, "c")));
    assertThrows(
        IllegalStateException.class, () -> single.merge(1L, "x", (a, b) -> single.remove(1L)));
    assertEquals("{1=a}", single.toString());
    assertEquals("b", single.computeIfAbsent(2L, k -> "b"), "the lock was released");
  }

  @Test
  void shouldLeaveTheMapUnchangedWhenARemappingFunctionThrows() {
    map.put(1L, "a");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            map.compute(
                1L,
                (k, v) -> {
                  throw new IllegalArgumentException("boom");
                }));
    assertEquals("a", map.get(1L));
    assertEquals(1, map.size());
  }

  @Test
  void shouldCompareValuesByEqualsInConditionalUpdates() {
    map.put(1L, "a");
    assertTrue(map.replace(1L, new String("a"), "b"));
    assertFalse(map.replace(1L, "a", "c"));
    assertTrue(map.remove(1L, new String("b")));
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldFailAValueEqualsThatModifiesItsShard() {
    ShardedLong2ObjectMap<Object> single = new ShardedLong2ObjectMap<>(8, 1);
    ReentrantValue value = new ReentrantValue(single);
    single.put(1L, value);
    assertThrows(IllegalStateException.class, () -> single.remove(1L, "x"));
    assertThrows(IllegalStateException.class, () -> single.replace(1L, "x", "y"));
    assertEquals(1, single.size());
    assertTrue(single.get(1L) == value);
  }

  private static void assertNpe(String name, Executable call) {
    assertEquals(name, assertThrows(NullPointerException.class, call).getMessage());
  }

  /** A value whose equals modifies the map: user code that runs under a shard's lock. */
  private static final class ReentrantValue {
    private final ShardedLong2ObjectMap<Object> map;

    ReentrantValue(ShardedLong2ObjectMap<Object> map) {
      this.map = map;
    }

    @Override
    public boolean equals(Object o) {
      map.put(9L, "nine");
      return false;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }
}
