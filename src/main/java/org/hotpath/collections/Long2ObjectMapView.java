package org.hotpath.collections;

import java.util.Objects;

/**
 * The boxed {@link java.util.Map Map&lt;Long, V&gt;} view of a {@link Long2ObjectHashMap}, returned
 * by {@link Long2ObjectHashMap#asMap()}. Every call allocates; the contract is documented there.
 *
 * @param <V> the value type
 */
final class Long2ObjectMapView<V> extends HashMapView<Long, V> {

  private final Long2ObjectHashMap<V> map;

  Long2ObjectMapView(Long2ObjectHashMap<V> map) {
    this.map = map;
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
    return key instanceof Long k && map.containsKey(k);
  }

  @Override
  public boolean containsValue(Object value) {
    return value != null && map.containsValue(value);
  }

  @Override
  public V get(Object key) {
    return key instanceof Long k ? map.get(k) : null;
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    V value = get(key);
    return value != null ? value : defaultValue;
  }

  @Override
  public V put(Long key, V value) {
    Objects.requireNonNull(key, "key");
    return map.put(key, value);
  }

  @Override
  public V putIfAbsent(Long key, V value) {
    Objects.requireNonNull(key, "key");
    return map.putIfAbsent(key, value);
  }

  @Override
  public V remove(Object key) {
    return key instanceof Long k ? map.remove(k) : null;
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  BoxedCursor<Long, V> newBoxedCursor() {
    Long2ObjectHashMap<V>.Cursor cursor = map.newCursor();
    return new BoxedCursor<>() {
      @Override
      public boolean hasNext() {
        return cursor.hasNext();
      }

      @Override
      public boolean next() {
        return cursor.next();
      }

      @Override
      public Long key() {
        return cursor.key();
      }

      @Override
      public V value() {
        return cursor.value();
      }

      @Override
      public void remove() {
        cursor.remove();
      }
    };
  }
}
