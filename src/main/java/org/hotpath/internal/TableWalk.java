package org.hotpath.internal;

import java.util.ConcurrentModificationException;

/**
 * The state of a walk over a table's occupied slots in ascending order ({@link Chunks#nextSlot}),
 * shared by the cursors of Hotpath's hash maps, and the fail-fast checks of every structure.
 *
 * <p>Deleting an entry moves no other entry ({@link Cuckoo#delete}), so removing the entry a walk
 * stands on never makes it skip or repeat one; any other structural change ends the walk with a
 * {@link ConcurrentModificationException}.
 */
public final class TableWalk {

  /** The current slot, -1 before the first and past the table's end after the last. */
  private int slot = -1;
  /** The directory index of the current segment, for walks over a {@link Directory}. */
  private int segment;
  private boolean hasCurrent;
  private int expectedModCount;

  /**
   * Starts a walk over the table as it is now.
   *
   * @param modCount the map's structural modification count
   */
  public void reset(int modCount) {
    slot = -1;
    segment = 0;
    hasCurrent = false;
    expectedModCount = modCount;
  }

  /**
   * Advances to the next entry.
   *
   * @param table the table
   * @param modCount the map's structural modification count
   * @return {@code true} if there is a current entry, {@code false} when the walk is over
   * @throws ConcurrentModificationException if the map changed structurally since the walk began,
   *     other than through {@link #removed}
   */
  public boolean next(long[] table, int modCount) {
    checkModCount(modCount);
    int i = Chunks.nextSlot(table, slot + 1);
    hasCurrent = i >= 0;
    slot = hasCurrent ? i : table.length;
    return hasCurrent;
  }

  /**
   * Advances to the next entry of a map's segments, in directory order ({@link Directory#next}).
   *
   * @param d the map's storage
   * @param modCount the map's structural modification count
   * @return {@code true} if there is a current entry, {@code false} when the walk is over
   * @throws ConcurrentModificationException if the map changed structurally since the walk began,
   *     other than through {@link #removed}
   */
  public boolean next(Directory d, int modCount) {
    checkModCount(modCount);
    final Segment[] dir = d.dir;
    for (int k = segment; k < dir.length; k = d.next(k)) {
      int i = Chunks.nextSlot(dir[k].table, slot + 1);
      if (i >= 0) {
        segment = k;
        slot = i;
        hasCurrent = true;
        return true;
      }
      slot = -1;
    }
    segment = dir.length;
    hasCurrent = false;
    return false;
  }

  /**
   * Whether {@link #next(Directory, int)} would find another entry; moves nothing.
   *
   * @param d the map's storage
   * @param modCount the map's structural modification count
   * @return {@code true} if an entry remains
   * @throws ConcurrentModificationException if the map changed structurally since the walk began,
   *     other than through {@link #removed}
   */
  public boolean hasNext(Directory d, int modCount) {
    checkModCount(modCount);
    final Segment[] dir = d.dir;
    int from = slot + 1;
    for (int k = segment; k < dir.length; k = d.next(k)) {
      if (Chunks.nextSlot(dir[k].table, from) >= 0) {
        return true;
      }
      from = 0;
    }
    return false;
  }

  /**
   * The directory index of the current entry's segment, after {@link #next(Directory, int)}.
   *
   * @return the index; 0 in a walk over one table
   */
  public int segment() {
    return segment;
  }

  /**
   * Whether {@link #next} would find another entry; moves nothing. For iterators that must answer
   * {@code hasNext} and still remove the entry they stand on.
   *
   * @param table the table
   * @param modCount the map's structural modification count
   * @return {@code true} if an entry remains
   * @throws ConcurrentModificationException if the map changed structurally since the walk began,
   *     other than through {@link #removed}
   */
  public boolean hasNext(long[] table, int modCount) {
    checkModCount(modCount);
    return Chunks.nextSlot(table, slot + 1) >= 0;
  }

  /**
   * The slot of the current entry.
   *
   * @param modCount the map's structural modification count
   * @return the slot
   * @throws IllegalStateException if there is no current entry
   * @throws ConcurrentModificationException if the map changed structurally
   */
  public int current(int modCount) {
    checkModCount(modCount);
    if (!hasCurrent) {
      throw new IllegalStateException("no current entry: call next() and check it returned true");
    }
    return slot;
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
