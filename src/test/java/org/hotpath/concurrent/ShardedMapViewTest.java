package org.hotpath.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What Guava's conformance suite does not check about the sharded maps' {@code asMap()}. */
class ShardedMapViewTest {

  private static final int MISSING = -7;

  @Test
  void shouldReturnTheSameViewOnEveryCallFromEveryThread() throws InterruptedException {
    ShardedInt2IntMap ints = new ShardedInt2IntMap(16, 2, MISSING);
    ShardedLong2ObjectMap<String> longs = new ShardedLong2ObjectMap<>(16, 2);
    Object[] seen = new Object[2];
    Thread other = new Thread(() -> {
      seen[0] = ints.asMap();
      seen[1] = longs.asMap();
    });
    other.start();
    other.join();
    assertSame(ints.asMap(), seen[0]);
    assertSame(longs.asMap(), seen[1]);
  }

  @Test
  void shouldReadNullForAnAbsentKeyEvenWhenTheMissingValueIsStored() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(16, 2, MISSING);
    ConcurrentMap<Integer, Integer> view = map.asMap();
    assertNull(view.putIfAbsent(1, MISSING));
    assertEquals(MISSING, view.putIfAbsent(1, 5));
    assertEquals(MISSING, view.get(1));
    assertNull(view.get(2));
    assertNull(view.replace(2, 3));
    assertFalse(map.containsKey(2));
    assertEquals(MISSING, view.replace(1, 4));
    assertTrue(view.replace(1, 4, MISSING));
    assertFalse(view.remove(1, 4));
    assertEquals(MISSING, view.remove(1));
    assertNull(view.remove(1));
    assertTrue(map.isEmpty());
  }

  @Test
  void shouldShowChangesBothWays() {
    ShardedLong2ObjectMap<String> map = new ShardedLong2ObjectMap<>(16, 2);
    ConcurrentMap<Long, String> view = map.asMap();
    map.put(1L << 40, "big");
    assertEquals("big", view.get(1L << 40));
    view.put(0L, "zero");
    assertEquals("zero", map.get(0));
    for (Map.Entry<Long, String> e : view.entrySet()) {
      if (e.getKey() == 0L) {
        assertEquals("zero", e.setValue("changed"));
      }
    }
    assertEquals("changed", map.get(0));
    Iterator<Long> keys = view.keySet().iterator();
    keys.next();
    keys.remove();
    assertEquals(1, map.size());
  }

  @Test
  void shouldRejectNullsNamingThemAndLeaveTheMapUnchanged() {
    ShardedInt2IntMap ints = new ShardedInt2IntMap(16, 2, MISSING);
    ShardedLong2ObjectMap<String> longs = new ShardedLong2ObjectMap<>(16, 2);
    ints.put(1, 2);
    longs.put(1, "one");
    NullPointerException e = assertThrows(NullPointerException.class, () -> ints.asMap().put(null, 1));
    assertEquals("key", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> ints.asMap().putIfAbsent(3, null));
    assertEquals("value", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> longs.asMap().get(null));
    assertEquals("key", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> longs.asMap().put(2L, null));
    assertEquals("value", e.getMessage());
    assertEquals(Map.of(1, 2), new HashMap<>(ints.asMap()));
    assertEquals(Map.of(1L, "one"), new HashMap<>(longs.asMap()));
  }

  @Test
  void shouldIterateWithoutFailingWhileAnotherThreadWrites() throws InterruptedException {
    ShardedInt2IntMap map = new ShardedInt2IntMap(1_000, 4, MISSING);
    for (int k = 0; k < 500; k++) {
      map.put(k, k);
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        map.put(500 + (i & 511), i);
        map.remove(500 + ((i + 256) & 511));
      }
    });
    writer.start();
    try {
      for (int round = 0; round < 200; round++) {
        int stable = 0;
        for (Iterator<Map.Entry<Integer, Integer>> it = map.asMap().entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<Integer, Integer> e = it.next();
          if (e.getKey() < 500) {
            assertEquals(e.getKey(), e.getValue());
            stable++;
          }
        }
        assertEquals(500, stable, "every key nobody touches is seen once");
      }
    } finally {
      stop.set(true);
      writer.join();
    }
  }
}
