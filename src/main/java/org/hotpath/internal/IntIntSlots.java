package org.hotpath.internal;

import static org.hotpath.internal.OpenAddressing.canFillHole;
import static org.hotpath.internal.OpenAddressing.slot;

/**
 * The probing, insertion, backward-shift deletion and rehash of an {@code int -> int} table whose
 * slots pack key and value into one {@code long} ({@code value << 32 | key}, key 0 meaning empty);
 * see {@code Int2IntHashMap}'s implementation notes. Stateless: callers own the array, the seed
 * and the counts.
 */
public final class IntIntSlots {

  /** The key half of a slot; a slot is occupied iff {@code (slot & KEY_MASK) != 0}. */
  public static final long KEY_MASK = 0xFFFF_FFFFL;

  private IntIntSlots() {}

  /**
   * Packs an entry into a slot.
   *
   * @param key a non-zero key
   * @param value any value
   * @return the slot contents
   */
  public static long pack(int key, int value) {
    return ((long) value << 32) | (key & KEY_MASK);
  }

  /**
   * The value half of a slot.
   *
   * @param entry slot contents
   * @return the value
   */
  public static int value(long entry) {
    return (int) (entry >>> 32);
  }

  /**
   * Slot holding {@code key}, or -1 if it is absent. The table must have an empty slot and must
   * not be changing (single-threaded, or under a lock): optimistic readers probe with loads of
   * their own.
   *
   * @param entries the table
   * @param seed the table's seed
   * @param key a non-zero key
   * @return the slot, or -1 if absent
   */
  public static int find(long[] entries, long seed, int key) {
    int i = probe(entries, seed, key);
    return i < 0 ? -1 : i;
  }

  /**
   * Slot holding {@code key} or, if it is absent, {@code ~e} where {@code e} is the first empty
   * slot on its probe path, where it would be inserted: one probe for a lookup-or-insert. The table
   * must have an empty slot and must not be changing.
   *
   * @param entries the table
   * @param seed the table's seed
   * @param key a non-zero key
   * @return the key's slot, or the complement of the slot to insert it at (negative)
   */
  public static int probe(long[] entries, long seed, int key) {
    final int capacity = entries.length;
    int i = slot(key, seed, capacity);
    for (; ; ) {
      int k = (int) entries[i];
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
   * @param entries the table
   * @param seed the table's seed
   * @param key a non-zero key
   * @return an empty slot
   */
  public static int emptySlotFor(long[] entries, long seed, int key) {
    final int capacity = entries.length;
    int i = slot(key, seed, capacity);
    while ((int) entries[i] != 0) {
      if (++i == capacity) {
        i = 0;
      }
    }
    return i;
  }

  /**
   * Empties slot {@code hole} by backward shift (Knuth 6.4, Algorithm R): later entries of the run
   * move back into the hole when their home allows, so no tombstone is left.
   *
   * @param entries the table
   * @param seed the table's seed
   * @param hole an occupied slot
   */
  public static void delete(long[] entries, long seed, int hole) {
    final int capacity = entries.length;
    int j = hole;
    for (; ; ) {
      if (++j == capacity) {
        j = 0;
      }
      long e = entries[j];
      if ((int) e == 0) {
        break;
      }
      if (canFillHole(hole, j, slot((int) e, seed, capacity))) {
        entries[hole] = e;
        hole = j;
      }
    }
    entries[hole] = 0L;
  }

  /**
   * Inserts every entry of {@code from} into the empty table {@code to}.
   *
   * @param from the old table
   * @param to an empty table large enough for every entry, plus one empty slot
   * @param toSeed the seed of {@code to}
   */
  public static void copy(long[] from, long[] to, long toSeed) {
    for (long e : from) {
      if ((int) e != 0) {
        to[emptySlotFor(to, toSeed, (int) e)] = e;
      }
    }
  }
}
