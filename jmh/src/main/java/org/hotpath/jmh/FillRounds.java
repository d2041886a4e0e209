package org.hotpath.jmh;

import static org.hotpath.jmh.Keys.BATCH;

/**
 * The position of a fill benchmark ({@code putPresized}, {@code putGrowing}) in its key pool: the
 * pool holds {@link Keys#fillRounds} disjoint key sets of {@code size} keys (rounded down to whole
 * batches), each map is filled from one set, and every new or cleared map takes the next set.
 */
final class FillRounds {
  private final int pool;
  private final int limit;
  /** Start of the key set the current map is filled from. */
  private int base;
  /** Keys of the current set already inserted. */
  private int next;

  /**
   * @param size entries per map
   * @param mapStartsFull whether the first {@link #nextRoundIfFull()} must start a map (the
   *     benchmark creates it there) rather than fill one built in setup
   */
  FillRounds(int size, boolean mapStartsFull) {
    this.limit = size - size % BATCH;
    this.pool = keyCount(size);
    this.next = mapStartsFull ? limit : 0;
  }

  /** Length of the key pool for maps of {@code size} entries. */
  static int keyCount(int size) {
    return (size - size % BATCH) * Keys.fillRounds(size);
  }

  /**
   * Outside the timing: whether the next batch would overfill the map. If so, moves to a fresh key
   * set, and the caller must empty or replace the map.
   */
  boolean nextRoundIfFull() {
    if (next + BATCH > limit) {
      next = 0;
      base = (base + limit) % pool; // a new key set: see Keys.fillRounds
      return true;
    }
    return false;
  }

  /** Index in the key pool of the next {@code BATCH} keys to insert; advances past them. */
  int nextBatch() {
    int from = base + next;
    next += BATCH;
    return from;
  }
}
