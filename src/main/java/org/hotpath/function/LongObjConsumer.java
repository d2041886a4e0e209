package org.hotpath.function;

/**
 * Accepts a {@code long} key and an object value; the primitive-keyed {@code BiConsumer<Long, V>}.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface LongObjConsumer<V> {
  /**
   * Performs this operation on the given pair.
   *
   * @param key the key
   * @param value the value
   */
  void accept(long key, V value);
}
