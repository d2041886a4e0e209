package org.hotpath.jmh;

import java.util.ArrayList;
import java.util.List;

/**
 * The sorted {@code long -> Object} maps compared by {@link SortedMapBenchmark}, as spelled in
 * {@code -p impl=...}. A separate enum from {@link Impl} (the hash maps): the two sets of peers
 * differ, and only {@code hotpath} and {@code jdk} appear in both.
 *
 * <p>Only Hotpath has a notion of capacity; the trees and the JDK skip list allocate a node per
 * entry and take no size hint.
 */
enum SortedImpl {
  /** {@code org.hotpath.collections.Long2ObjectSkipListMap}: flat-array skip list. */
  HOTPATH("hotpath"),
  /** {@code java.util.TreeMap<Long, V>}: red-black tree, boxed keys. */
  JDK("jdk"),
  /** {@code java.util.concurrent.ConcurrentSkipListMap<Long, V>}: the JDK's skip list, boxed keys. */
  CSL("csl"),
  /** fastutil {@code Long2ObjectRBTreeMap}: threaded red-black tree, primitive keys. */
  FASTUTIL_RB("fastutil-rb"),
  /** fastutil {@code Long2ObjectAVLTreeMap}: threaded AVL tree, primitive keys. */
  FASTUTIL_AVL("fastutil-avl");

  /** The {@code @Param} spelling. */
  final String id;

  SortedImpl(String id) {
    this.id = id;
  }

  /** Parses a {@code @Param} value. */
  static SortedImpl of(String name) {
    SortedImpl impl = find(name);
    if (impl == null) {
      throw new IllegalArgumentException("unknown sorted-map implementation: " + name + " (known: " + ids() + ")");
    }
    return impl;
  }

  /** The implementation spelled {@code name}, or null. */
  static SortedImpl find(String name) {
    for (SortedImpl impl : values()) {
      if (impl.id.equals(name)) {
        return impl;
      }
    }
    return null;
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (SortedImpl impl : values()) {
      ids.add(impl.id);
    }
    return ids;
  }
}
