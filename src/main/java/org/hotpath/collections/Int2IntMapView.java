package org.hotpath.collections;

import java.util.Objects;

/**
 * The boxed {@link java.util.Map Map&lt;Integer, Integer&gt;} view of an {@link Int2IntHashMap},
 * returned by {@link Int2IntHashMap#asMap()}. Every call allocates; the contract is documented
 * there. An absent key reads as {@code null}, never as the map's missing value, which may itself
 * be stored.
 */
final class Int2IntMapView extends HashMapView<Integer, Integer> {

  private final Int2IntHashMap map;

  Int2IntMapView(Int2IntHashMap map) {
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
    return key instanceof Integer k && map.containsKey(k);
  }

  @Override
  public boolean containsValue(Object value) {
    return value instanceof Integer v && map.containsValue(v);
  }

  @Override
  public Integer get(Object key) {
    return key instanceof Integer k && map.containsKey(k) ? map.get(k) : null;
  }

  @Override
  public Integer getOrDefault(Object key, Integer defaultValue) {
    if (key instanceof Integer k && map.containsKey(k)) {
      return map.get(k);
    }
    return defaultValue; // may be null, as Map.getOrDefault allows
  }

  @Override
  public Integer put(Integer key, Integer value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    boolean present = map.containsKey(key);
    int previous = map.put(key, value);
    return present ? previous : null;
  }

  @Override
  public Integer putIfAbsent(Integer key, Integer value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (map.containsKey(key)) {
      return map.get(key);
    }
    map.put(key, value);
    return null;
  }

  @Override
  public Integer remove(Object key) {
    return key instanceof Integer k && map.containsKey(k) ? map.remove(k) : null;
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  BoxedCursor<Integer, Integer> newBoxedCursor() {
    Int2IntHashMap.Cursor cursor = map.newCursor();
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
      public Integer key() {
        return cursor.key();
      }

      @Override
      public Integer value() {
        return cursor.value();
      }

      @Override
      public void remove() {
        cursor.remove();
      }
    };
  }
}
