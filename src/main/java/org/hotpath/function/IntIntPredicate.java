package org.hotpath.function;

/** Tests an {@code int} key and an {@code int} value; the primitive {@code BiPredicate<Integer, Integer>}. */
@FunctionalInterface
public interface IntIntPredicate {
  /**
   * Evaluates this predicate on the given pair.
   *
   * @param key the key
   * @param value the value
   * @return {@code true} if the pair matches
   */
  boolean test(int key, int value);
}
