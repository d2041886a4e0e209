package org.hotpath.jmh;

import java.util.ArrayList;
import java.util.List;

/**
 * The thread-safe maps compared by {@link ConcurrentLongObjectMapBenchmark} and {@link
 * ConcurrentIntIntMapBenchmark}, as spelled in {@code -p impl=...}. A separate enum from {@link
 * Impl} and {@link SortedImpl}: the peers differ, and only {@code hotpath} appears in all three.
 *
 * <p>Every implementation is presized for the number of entries it will hold: Hotpath and {@code
 * ConcurrentHashMap} take that number, JCTools takes "initial room for the given number of
 * elements", {@code HashMap} a capacity ({@link Impl#jdkCapacity}).
 */
enum ConcurrentImpl {
  /** Hotpath {@code ShardedLong2ObjectMap} / {@code ShardedInt2IntMap}: default shard count. */
  HOTPATH("hotpath"),
  /** {@code java.util.concurrent.ConcurrentHashMap}, boxed keys and values. */
  CHM("chm"),
  /**
   * JCTools {@code NonBlockingHashMapLong<V>} (primitive {@code long} keys) for {@code long ->
   * Object}; JCTools has no {@code int -> int} map, so for {@code int -> int} this is its boxed
   * {@code NonBlockingHashMap<Integer, Integer>} (not in that benchmark's default selection).
   */
  NBHM("nbhm"),
  /** {@code Collections.synchronizedMap(new HashMap<>())}: one lock, boxed keys and values. */
  SYNC("sync");

  /** The {@code @Param} spelling. */
  final String id;

  ConcurrentImpl(String id) {
    this.id = id;
  }

  /** Parses a {@code @Param} value. */
  static ConcurrentImpl of(String name) {
    ConcurrentImpl impl = find(name);
    if (impl == null) {
      throw new IllegalArgumentException("unknown concurrent-map implementation: " + name + " (known: " + ids() + ")");
    }
    return impl;
  }

  /** The implementation spelled {@code name}, or null. */
  static ConcurrentImpl find(String name) {
    for (ConcurrentImpl impl : values()) {
      if (impl.id.equals(name)) {
        return impl;
      }
    }
    return null;
  }

  /** Whether this implementation takes boxed keys (and so gets the pre-boxed key streams). */
  boolean boxedKeys(boolean longKeys) {
    return this == CHM || this == SYNC || (this == NBHM && !longKeys);
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (ConcurrentImpl impl : values()) {
      ids.add(impl.id);
    }
    return ids;
  }
}
