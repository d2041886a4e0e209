package org.hotpath.function;

/**
 * Computes a result from a {@code long} key and an object value; the primitive-keyed {@code
 * BiFunction<Long, V, R>}.
 *
 * @param <V> the value type
 * @param <R> the result type
 */
@FunctionalInterface
public interface LongObjFunction<V, R> {
  /**
   * Applies this function to the given pair.
   *
   * @param key the key
   * @param value the value, or null where the caller documents it (e.g. an absent key)
   * @return the result
   */
  R apply(long key, V value);
}
