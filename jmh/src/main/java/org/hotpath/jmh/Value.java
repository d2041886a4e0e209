package org.hotpath.jmh;

/**
 * The values stored in the object-valued maps: a small shared pool, so the values stay in cache and
 * the benchmarks measure the maps, not the values; reading {@link #id} stands for a user touching
 * the value it looked up.
 */
final class Value {

  /** Pool size: a power of two, small enough to stay in L1. */
  static final int POOL_SIZE = 64;

  private static final Value[] POOL = new Value[POOL_SIZE];

  static {
    for (int i = 0; i < POOL_SIZE; i++) {
      POOL[i] = new Value(i + 1);
    }
  }

  /** Never 0, so a sum of ids shows whether lookups hit. */
  final int id;

  private Value(int id) {
    this.id = id;
  }

  /** The value stored for {@code key}. */
  static Value of(long key) {
    return POOL[(int) key & (POOL_SIZE - 1)];
  }
}
