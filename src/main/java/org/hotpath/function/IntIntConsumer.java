package org.hotpath.function;

/** Accepts an {@code int} key and an {@code int} value; the primitive {@code BiConsumer<Integer, Integer>}. */
@FunctionalInterface
public interface IntIntConsumer {
  /**
   * Performs this operation on the given pair.
   *
   * @param key the key
   * @param value the value
   */
  void accept(int key, int value);
}
