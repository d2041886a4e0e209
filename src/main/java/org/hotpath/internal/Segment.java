package org.hotpath.internal;

/**
 * One cuckoo table of a hash map: the whole map while it is laid out in one piece, one of the
 * {@link Directory}'s segments once it has grown in pieces. Plain fields, owned and written by the
 * {@link Directory} and by its map (single-threaded).
 */
public final class Segment {

  /** The table of {@link Chunks}: packed entries, or the key column. */
  public long[] table;

  /** The value column at the table's indexes, or null for packed {@code int -> int} entries. */
  public Object[] values;

  /** The seed the multipliers come from ({@link Chunks#mul1}). */
  public long seed;

  /** The first multiplier. */
  public long mul1;

  /** The second multiplier. */
  public long mul2;

  /** Entries this table holds before it must grow. */
  public int threshold;

  /**
   * Entries in this table. Kept by the {@link Directory} while the map has more than one segment;
   * while it has one, the map keeps its own count and hands it over before the directory acts.
   */
  public int size;

  /** Local depth: this segment owns the directory entries whose top {@code depth} bits it shares. */
  int depth;

  Segment(long[] table, Object[] values, long seed, float loadFactor, int depth) {
    this.table = table;
    this.values = values;
    this.depth = depth;
    reseed(seed, loadFactor);
  }

  /** Installs a new table of the same kind and its seed. */
  void install(long[] table, Object[] values, long seed, float loadFactor) {
    this.table = table;
    this.values = values;
    reseed(seed, loadFactor);
  }

  private void reseed(long seed, float loadFactor) {
    final int chunks = Chunks.chunks(table);
    this.seed = seed;
    this.mul1 = Chunks.mul1(seed, chunks);
    this.mul2 = Chunks.mul2(seed, chunks);
    this.threshold = Chunks.threshold(chunks, loadFactor);
  }
}
