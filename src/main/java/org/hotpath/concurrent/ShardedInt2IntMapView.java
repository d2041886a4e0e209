package org.hotpath.concurrent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The boxed {@link java.util.concurrent.ConcurrentMap ConcurrentMap&lt;Integer, Integer&gt;} view
 * of a {@link ShardedInt2IntMap}, returned by {@link ShardedInt2IntMap#asMap()}. Every call
 * allocates; the contract is documented there. An absent key reads as {@code null}, never as the
 * map's missing value, which may itself be stored: the single-key operations go through the
 * map's presence-reporting internals, one atomic call each. {@code computeIfAbsent}, {@code
 * compute}, {@code merge} and the like are {@code ConcurrentMap}'s defaults, retry loops over
 * those atomic operations.
 */
final class ShardedInt2IntMapView extends ShardedMapView<Integer, Integer> {

  private final ShardedInt2IntMap map;

  ShardedInt2IntMapView(ShardedInt2IntMap map) {
    this.map = map;
  }

  @Override
  void copyEntries(List<Map.Entry<Integer, Integer>> into) {
    map.forEach((k, v) -> into.add(entry(k, v)));
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public boolean containsKey(Object key) {
    return map.containsKey(unbox(key, "key"));
  }

  @Override
  public Integer get(Object key) {
    return box(map.lookup(unbox(key, "key")));
  }

  @Override
  public Integer put(Integer key, Integer value) {
    return box(map.putReporting(unbox(key, "key"), unbox(value, "value")));
  }

  @Override
  public Integer putIfAbsent(Integer key, Integer value) {
    return box(map.putIfAbsentReporting(unbox(key, "key"), unbox(value, "value")));
  }

  @Override
  public Integer replace(Integer key, Integer value) {
    return box(map.replaceReporting(unbox(key, "key"), unbox(value, "value")));
  }

  @Override
  public boolean replace(Integer key, Integer oldValue, Integer newValue) {
    int k = unbox(key, "key");
    int expected = unbox(oldValue, "oldValue");
    return map.replace(k, expected, unbox(newValue, "newValue"));
  }

  @Override
  public Integer remove(Object key) {
    return box(map.removeReporting(unbox(key, "key")));
  }

  @Override
  public boolean remove(Object key, Object value) {
    int k = unbox(key, "key");
    return value instanceof Integer v && map.remove(k, v);
  }

  @Override
  public void clear() {
    map.clear();
  }

  private static Integer box(long valueOrAbsent) {
    return valueOrAbsent == ShardedInt2IntMap.ABSENT ? null : (int) valueOrAbsent;
  }

  /** The argument as an int; ConcurrentMap permits no null key or value, in queries either. */
  private static int unbox(Object o, String name) {
    Objects.requireNonNull(o, name);
    if (!(o instanceof Integer i)) {
      throw new ClassCastException(name + " is not an Integer: " + o.getClass().getName());
    }
    return i;
  }
}
