package org.hotpath.internal;

import static org.hotpath.internal.OpenAddressing.canFillHole;
import static org.hotpath.internal.OpenAddressing.slot;

/**
 * The probing, backward-shift deletion and rehash of a {@code long -> Object} table held in two
 * parallel arrays, {@code keys} (0 meaning empty) and {@code values}; see {@code
 * Long2ObjectHashMap}'s implementation notes. Stateless: callers own the arrays, the seed and the
 * counts.
 */
public final class LongObjectSlots {

  private LongObjectSlots() {}

  /**
   * Slot holding {@code key}, or -1 if it is absent. The table must have an empty slot and must
   * not be changing (single-threaded, or under a lock): optimistic readers probe with loads of
   * their own.
   *
   * @param keys the key column
   * @param seed the table's seed
   * @param key a non-zero key
   * @return the slot, or -1 if absent
   */
  public static int find(long[] keys, long seed, long key) {
    int i = probe(keys, seed, key);
    return i < 0 ? -1 : i;
  }

  /**
   * Slot holding {@code key} or, if it is absent, {@code ~e} where {@code e} is the first empty
   * slot on its probe path, where it would be inserted: one probe for a lookup-or-insert. The table
   * must have an empty slot and must not be changing.
   *
   * @param keys the key column
   * @param seed the table's seed
   * @param key a non-zero key
   * @return the key's slot, or the complement of the slot to insert it at (negative)
   */
  public static int probe(long[] keys, long seed, long key) {
    final int capacity = keys.length;
    int i = slot(key, seed, capacity);
    for (; ; ) {
      long k = keys[i];
      if (k == key) {
        return i;
      }
      if (k == 0) {
        return ~i;
      }
      if (++i == capacity) {
        i = 0;
      }
    }
  }

  /**
   * First empty slot on {@code key}'s probe path; the key must be absent and the table must have
   * an empty slot.
   *
   * @param keys the key column
   * @param seed the table's seed
   * @param key a non-zero key
   * @return an empty slot
   */
  public static int emptySlotFor(long[] keys, long seed, long key) {
    final int capacity = keys.length;
    int i = slot(key, seed, capacity);
    while (keys[i] != 0) {
      if (++i == capacity) {
        i = 0;
      }
    }
    return i;
  }

  /**
   * Empties slot {@code hole} by backward shift (Knuth 6.4, Algorithm R), moving keys and values
   * together.
   *
   * @param keys the key column
   * @param values the value column
   * @param seed the table's seed
   * @param hole an occupied slot
   */
  public static void delete(long[] keys, Object[] values, long seed, int hole) {
    final int capacity = keys.length;
    int j = hole;
    for (; ; ) {
      if (++j == capacity) {
        j = 0;
      }
      long k = keys[j];
      if (k == 0) {
        break;
      }
      if (canFillHole(hole, j, slot(k, seed, capacity))) {
        keys[hole] = k;
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = 0L;
    values[hole] = null;
  }

  /**
   * Inserts every entry of {@code (fromKeys, fromValues)} into the empty table {@code (toKeys,
   * toValues)}.
   *
   * @param fromKeys the old key column
   * @param fromValues the old value column
   * @param toKeys an empty key column large enough for every entry, plus one empty slot
   * @param toValues the new value column, as long as {@code toKeys}
   * @param toSeed the seed of the new table
   */
  public static void copy(
      long[] fromKeys, Object[] fromValues, long[] toKeys, Object[] toValues, long toSeed) {
    for (int i = 0; i < fromKeys.length; i++) {
      long k = fromKeys[i];
      if (k != 0) {
        int j = emptySlotFor(toKeys, toSeed, k);
        toKeys[j] = k;
        toValues[j] = fromValues[i];
      }
    }
  }
}
