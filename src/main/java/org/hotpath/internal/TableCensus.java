package org.hotpath.internal;

import java.util.Arrays;

/**
 * A count of what a table of {@link Chunks} looks like, read from its headers alone: how full its
 * chunks are and how many keys live in their second chunk (the hits that read two chunks). The
 * shared arithmetic behind every hash map's statistics. Reading the headers costs one load per
 * chunk (a 64-byte stride the hardware prefetcher follows) and no key is hashed: the hints already
 * count the keys in their second chunk.
 *
 * <p>Mutable and reusable: {@link #reset()}, then {@link #add} each table. Allocates nothing.
 */
public final class TableCensus {

  /** Chunks counted. */
  public long chunks;

  /** Occupied slots counted. */
  public long entries;

  /**
   * Keys living in their second chunk, summed from the hints; a lower bound once a hint saturates
   * (see {@link #saturatedHints}).
   */
  public long inSecond;

  /** Chunks whose hint saturated at 255: each counts as 255 above, and every put of a new key
   * that hashes there reads the second chunk too. */
  public long saturatedHints;

  /** {@code byFill[k]}: chunks holding exactly {@code k} entries, {@code k} in 0..7. */
  public final long[] byFill = new long[Chunks.SLOTS + 1];

  /** Empties the census. */
  public void reset() {
    chunks = 0;
    entries = 0;
    inSecond = 0;
    saturatedHints = 0;
    Arrays.fill(byFill, 0L);
  }

  /**
   * Adds a table's chunks to the census.
   *
   * @param t the table (packed entries or a key column: only the headers are read)
   */
  public void add(long[] t) {
    for (int base = 0; base < t.length; base += 1 << Chunks.SHIFT) {
      long header = t[base];
      int fill = Long.bitCount(Chunks.occupied(header));
      int hint = (int) (header >>> 56);
      byFill[fill]++;
      entries += fill;
      inSecond += hint;
      if (hint == 0xFF) {
        saturatedHints++;
      }
    }
    chunks += Chunks.chunks(t);
  }
}
