package org.hotpath.internal;

import static org.hotpath.internal.Chunks.SHIFT;

/**
 * Where a key is in a table of {@link Chunks}: its first chunk's candidates, then its second
 * chunk's. Plain loads: for single-threaded tables and for writers under a lock (the sharded maps'
 * optimistic readers probe with acquire loads of their own). At most two chunks read.
 */
public final class Lookup {

  private Lookup() {}

  /**
   * The slot of an {@code int} key in a table of packed entries.
   *
   * @param t the table
   * @param mul1 its first multiplier
   * @param mul2 its second multiplier
   * @param key any key
   * @return the slot, or -1 if absent
   */
  public static int findInt(long[] t, long mul1, long mul2, int key) {
    final long p = Chunks.hash(key, mul1);
    final int base = Chunks.chunk(p, Chunks.chunks(t)) << SHIFT;
    final long pattern = Chunks.pattern(Chunks.tag(p));
    long m = Chunks.matches(t[base], pattern);
    if (m != 0) { // the common hit, inline
      int i = Chunks.slot(base, m);
      if ((int) t[i] == key) {
        return i;
      }
      m &= m - 1;
    }
    for (; m != 0; m &= m - 1) {
      int i = Chunks.slot(base, m);
      if ((int) t[i] == key) {
        return i;
      }
    }
    return findIntInSecond(t, mul2, key, base >>> SHIFT, pattern);
  }

  /**
   * The slot of an {@code int} key in its second chunk.
   *
   * @param t the table
   * @param mul2 its second multiplier
   * @param key any key
   * @param c1 the key's first chunk
   * @param pattern the key's tag pattern
   * @return the slot, or -1 if the key is not in its second chunk
   */
  public static int findIntInSecond(long[] t, long mul2, int key, int c1, long pattern) {
    final int base = Chunks.second(Chunks.hash(key, mul2), c1, Chunks.chunks(t)) << SHIFT;
    for (long m = Chunks.matches(t[base], pattern); m != 0; m &= m - 1) {
      int i = Chunks.slot(base, m);
      if ((int) t[i] == key) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The slot of a {@code long} key in a key column.
   *
   * @param keys the key column
   * @param mul1 its first multiplier
   * @param mul2 its second multiplier
   * @param key any key
   * @return the slot, or -1 if absent
   */
  public static int findLong(long[] keys, long mul1, long mul2, long key) {
    final long p = Chunks.hash(key, mul1);
    final int base = Chunks.chunk(p, Chunks.chunks(keys)) << SHIFT;
    final long pattern = Chunks.pattern(Chunks.tag(p));
    long m = Chunks.matches(keys[base], pattern);
    if (m != 0) {
      int i = Chunks.slot(base, m);
      if (keys[i] == key) {
        return i;
      }
      m &= m - 1;
    }
    for (; m != 0; m &= m - 1) {
      int i = Chunks.slot(base, m);
      if (keys[i] == key) {
        return i;
      }
    }
    return findLongInSecond(keys, mul2, key, base >>> SHIFT, pattern);
  }

  /**
   * The slot of a {@code long} key in its second chunk.
   *
   * @param keys the key column
   * @param mul2 its second multiplier
   * @param key any key
   * @param c1 the key's first chunk
   * @param pattern the key's tag pattern
   * @return the slot, or -1 if the key is not in its second chunk
   */
  public static int findLongInSecond(long[] keys, long mul2, long key, int c1, long pattern) {
    final int base = Chunks.second(Chunks.hash(key, mul2), c1, Chunks.chunks(keys)) << SHIFT;
    for (long m = Chunks.matches(keys[base], pattern); m != 0; m &= m - 1) {
      int i = Chunks.slot(base, m);
      if (keys[i] == key) {
        return i;
      }
    }
    return -1;
  }
}
