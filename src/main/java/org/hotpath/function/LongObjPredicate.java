package org.hotpath.function;

/**
 * Tests a {@code long} key and an object value; the primitive-keyed {@code BiPredicate<Long, V>}.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface LongObjPredicate<V> {
  /**
   * Evaluates this predicate on the given pair.
   *
   * @param key the key
   * @param value the value
   * @return {@code true} if the pair matches
   */
  boolean test(long key, V value);
}
