package org.hotpath.concurrent;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The boxed {@link java.util.concurrent.ConcurrentMap ConcurrentMap&lt;Long, V&gt;} view of a
 * {@link ShardedLong2ObjectMap}, returned by {@link ShardedLong2ObjectMap#asMap()}. Every call
 * allocates; the contract is documented there. Each single-key operation is one call of the map's
 * own, so it is atomic exactly as that method is.
 *
 * @param <V> the value type
 */
final class ShardedLong2ObjectMapView<V> extends ShardedMapView<Long, V> {

  private final ShardedLong2ObjectMap<V> map;

  ShardedLong2ObjectMapView(ShardedLong2ObjectMap<V> map) {
    this.map = map;
  }

  @Override
  void copyEntries(List<Map.Entry<Long, V>> into) {
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
    return map.containsKey(unbox(key));
  }

  @Override
  public V get(Object key) {
    return map.get(unbox(key));
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    return map.getOrDefault(unbox(key), defaultValue);
  }

  @Override
  public V put(Long key, V value) {
    return map.put(unbox(key), value);
  }

  @Override
  public V putIfAbsent(Long key, V value) {
    return map.putIfAbsent(unbox(key), value);
  }

  @Override
  public V replace(Long key, V value) {
    return map.replace(unbox(key), value);
  }

  @Override
  public boolean replace(Long key, V oldValue, V newValue) {
    return map.replace(unbox(key), oldValue, newValue);
  }

  @Override
  public V remove(Object key) {
    return map.remove(unbox(key));
  }

  @Override
  public boolean remove(Object key, Object value) {
    return map.remove(unbox(key), value);
  }

  @Override
  public V computeIfAbsent(Long key, Function<? super Long, ? extends V> mappingFunction) {
    Objects.requireNonNull(mappingFunction, "mappingFunction");
    return map.computeIfAbsent(unbox(key), k -> mappingFunction.apply(k));
  }

  @Override
  public V computeIfPresent(
      Long key, BiFunction<? super Long, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    return map.computeIfPresent(unbox(key), (k, v) -> remappingFunction.apply(k, v));
  }

  @Override
  public V compute(Long key, BiFunction<? super Long, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    return map.compute(unbox(key), (k, v) -> remappingFunction.apply(k, v));
  }

  @Override
  public V merge(
      Long key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    return map.merge(unbox(key), value, remappingFunction);
  }

  @Override
  public void clear() {
    map.clear();
  }

  /** The key as a long; ConcurrentMap permits no null key, in queries either. */
  private static long unbox(Object key) {
    Objects.requireNonNull(key, "key");
    if (!(key instanceof Long k)) {
      throw new ClassCastException("key is not a Long: " + key.getClass().getName());
    }
    return k;
  }
}
