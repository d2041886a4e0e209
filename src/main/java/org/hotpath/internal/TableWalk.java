package org.hotpath.internal;

import java.util.ConcurrentModificationException;

/**
 * The state of a removal-safe walk over an open-addressing table whose occupied slots are those
 * with {@code (table[i] & keyMask) != 0}, preceded by the out-of-table zero key if present. Shared
 * by the cursors of Hotpath's hash maps.
 *
 * <p>The walk goes descending from an empty slot {@code e}: {@code e-1, ..., 0, capacity-1, ...,
 * e+1}. Backward-shift deletion of the current slot only moves entries this order has already
 * visited into slots it has visited or stands on, and {@code e} stays empty, so removing the
 * current entry never makes the walk skip or repeat one (see {@code Int2IntHashMap}'s notes).
 */
public final class TableWalk {

  /** Returned by {@link #current} while the walk stands on the out-of-table zero key. */
  public static final int ZERO_KEY = -1;

  /** Where the walk stands in the table; it continues at {@code slot - 1}. */
  private int slot;
  private int slotsLeft;
  /** The current entry's slot, or {@link #ZERO_KEY}; valid while {@code hasCurrent}. */
  private int current;
  private boolean zeroKeyPending;
  private boolean hasCurrent;
  private int expectedModCount;

  /**
   * Starts the walk over the table as it is now.
   *
   * @param table the slots
   * @param keyMask bits of a slot that hold the key; non-zero means occupied
   * @param hasZeroKey whether the zero key is mapped
   * @param modCount the map's structural modification count
   */
  public void reset(long[] table, long keyMask, boolean hasZeroKey, int modCount) {
    slot = emptySlot(table, keyMask);
    slotsLeft = table.length - 1;
    zeroKeyPending = hasZeroKey;
    hasCurrent = false;
    expectedModCount = modCount;
  }

  /**
   * Advances to the next entry.
   *
   * @param table the slots
   * @param keyMask bits of a slot that hold the key
   * @param modCount the map's structural modification count
   * @return {@code true} if there is a current entry, {@code false} when the walk is over
   * @throws ConcurrentModificationException if the map changed structurally since the walk began,
   *     other than through {@link #removed}
   */
  public boolean next(long[] table, long keyMask, int modCount) {
    checkModCount(modCount);
    if (zeroKeyPending) {
      zeroKeyPending = false;
      hasCurrent = true;
      current = ZERO_KEY;
      return true;
    }
    final int capacity = table.length;
    int i = slot;
    int left = slotsLeft;
    while (left > 0) {
      left--;
      if (--i < 0) {
        i = capacity - 1;
      }
      if ((table[i] & keyMask) != 0) {
        slot = i;
        slotsLeft = left;
        hasCurrent = true;
        current = i;
        return true;
      }
    }
    slot = i;
    slotsLeft = 0;
    hasCurrent = false;
    return false;
  }

  /**
   * Whether {@link #next} would find another entry; moves nothing. For iterators that must answer
   * {@code hasNext} and still remove the entry they stand on.
   *
   * @param table the slots
   * @param keyMask bits of a slot that hold the key
   * @param modCount the map's structural modification count
   * @return {@code true} if an entry remains
   * @throws ConcurrentModificationException if the map changed structurally since the walk began,
   *     other than through {@link #removed}
   */
  public boolean hasNext(long[] table, long keyMask, int modCount) {
    checkModCount(modCount);
    if (zeroKeyPending) {
      return true;
    }
    final int capacity = table.length;
    int i = slot;
    for (int left = slotsLeft; left > 0; left--) {
      if (--i < 0) {
        i = capacity - 1;
      }
      if ((table[i] & keyMask) != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The slot of the current entry.
   *
   * @param modCount the map's structural modification count
   * @return the slot, or {@link #ZERO_KEY}
   * @throws IllegalStateException if there is no current entry
   * @throws ConcurrentModificationException if the map changed structurally
   */
  public int current(int modCount) {
    checkModCount(modCount);
    if (!hasCurrent) {
      throw new IllegalStateException("no current entry: call next() and check it returned true");
    }
    return current;
  }

  /**
   * Records that the current entry was removed through this walk.
   *
   * @param modCount the map's modification count after the removal
   */
  public void removed(int modCount) {
    hasCurrent = false;
    expectedModCount = modCount;
  }

  /**
   * An empty slot, where walks start; one exists because a table never fills its last slot.
   *
   * @param table the slots
   * @param keyMask bits of a slot that hold the key
   * @return the highest empty slot
   */
  public static int emptySlot(long[] table, long keyMask) {
    int i = table.length - 1;
    while ((table[i] & keyMask) != 0) {
      i--;
    }
    return i;
  }

  /**
   * Fails fast when a callback (a {@code forEach} action, a {@code removeIf} filter, a mapping
   * function) changed the map structurally.
   *
   * @param expectedModCount the map's modification count before the callback
   * @param modCount the map's modification count now
   * @throws ConcurrentModificationException if they differ
   */
  public static void checkUnchanged(int expectedModCount, int modCount) {
    if (modCount != expectedModCount) {
      throw new ConcurrentModificationException("the map was modified structurally during the call");
    }
  }

  private void checkModCount(int modCount) {
    if (modCount != expectedModCount) {
      throw new ConcurrentModificationException("the map changed since this cursor was reset");
    }
  }
}
