package org.hotpath.internal;

import static org.hotpath.internal.Chunks.SHIFT;

import java.util.Arrays;

/**
 * The parts of Hotpath's hash tables that move entries, shared by all four maps: finding room for
 * a new key (moving other entries if its two chunks are full), deletion, and rebuilding into
 * another table. See {@link Chunks} for the layout. Stateless; callers own the arrays, the seed
 * and the counts, and call these methods single-threaded or under a lock, inside a WRITING section
 * where entries move.
 *
 * <p>{@code t} holds packed {@code int -> int} entries (key in the low half, {@code intKeys}
 * true, {@code values} null) or {@code long} keys with their values in {@code values}, at the
 * same indexes.
 */
public final class Cuckoo {

  /** Moves tried to make room: one resident moved, or one resident of its other chunk first. */
  private static final int MAX_MOVES = 2;

  /**
   * Residents of a full chunk whose other chunks are searched one level deeper. Two bound an
   * insertion's work to 42 candidates (7 + 2 * 7 per chunk) where all seven would allow 112, and
   * still leave a random table needing more with probability about 0.3^28 (each candidate's other
   * chunk is full with probability about 0.3 at load 0.8).
   */
  private static final int DEEP_RESIDENTS = 2;

  private Cuckoo() {}

  /**
   * A free slot for a new key, in its first chunk if possible, else in its second, else after
   * moving at most two other entries to their other chunks, looking at most at 42 candidates.
   *
   * @param t the table
   * @param values the value column, or null for packed entries
   * @param intKeys whether {@code t} holds packed {@code int} entries
   * @param mul1 the table's first multiplier
   * @param mul2 the table's second multiplier
   * @param c1 the new key's first chunk
   * @param c2 the new key's second chunk
   * @return a free slot in {@code c1} or {@code c2}, or -1 if none could be made (then nothing moved)
   */
  public static int roomFor(
      long[] t, Object[] values, boolean intKeys, long mul1, long mul2, int c1, int c2) {
    long free = Chunks.free(t[c1 << SHIFT]);
    if (free != 0) {
      return Chunks.slot(c1 << SHIFT, free);
    }
    free = Chunks.free(t[c2 << SHIFT]);
    if (free != 0) {
      return Chunks.slot(c2 << SHIFT, free);
    }
    int i = evict(t, values, intKeys, mul1, mul2, c1, MAX_MOVES);
    return i >= 0 ? i : evict(t, values, intKeys, mul1, mul2, c2, MAX_MOVES);
  }

  /**
   * Whether making room needs no move: one of the two chunks has a free slot.
   *
   * @param t the table
   * @param c1 a key's first chunk
   * @param c2 its second chunk
   * @return {@code true} if {@link #roomFor} would move nothing
   */
  public static boolean hasFreeSlot(long[] t, int c1, int c2) {
    return Chunks.free(t[c1 << SHIFT]) != 0 || Chunks.free(t[c2 << SHIFT]) != 0;
  }

  /**
   * Marks slot {@code i}, whose entry (or key and value) was just written, as occupied with
   * {@code tag}; counts it in its first chunk's hint if it lives in its second.
   *
   * @param t the table
   * @param i the slot
   * @param tag the key's tag
   * @param c1 the key's first chunk
   */
  public static void claim(long[] t, int i, long tag, int c1) {
    int base = Chunks.base(i);
    t[base] = Chunks.withTag(t[base], i, tag);
    if (base >>> SHIFT != c1) {
      t[c1 << SHIFT] = Chunks.hintUp(t[c1 << SHIFT]);
    }
  }

  /**
   * Frees slot {@code i}. Nothing moves: the stale key or entry stays in the slot, unreachable.
   * The caller clears the value, if any.
   *
   * @param t the table
   * @param intKeys whether {@code t} holds packed {@code int} entries
   * @param mul1 the table's first multiplier
   * @param i an occupied slot
   */
  public static void delete(long[] t, boolean intKeys, long mul1, int i) {
    int base = Chunks.base(i);
    t[base] = Chunks.withoutTag(t[base], i);
    int c1 = Chunks.chunk(Chunks.hash(keyAt(t, intKeys, i), mul1), Chunks.chunks(t));
    if (c1 != base >>> SHIFT) {
      t[c1 << SHIFT] = Chunks.hintDown(t[c1 << SHIFT]);
    }
  }

  /**
   * Inserts every entry of one table into another, empty one.
   *
   * @param from the old table
   * @param fromValues its values, or null for packed entries
   * @param to the new table, all zero
   * @param toValues its values, or null
   * @param intKeys whether the tables hold packed {@code int} entries
   * @param mul1 the new table's first multiplier
   * @param mul2 the new table's second multiplier
   * @return {@code true} if every entry found room; otherwise {@code to} is partly filled and must
   *     be dropped
   */
  public static boolean copy(
      long[] from, Object[] fromValues, long[] to, Object[] toValues, boolean intKeys, long mul1,
      long mul2) {
    final int chunks = Chunks.chunks(to);
    for (int i = Chunks.nextSlot(from, 0); i >= 0; i = Chunks.nextSlot(from, i + 1)) {
      long key = keyAt(from, intKeys, i);
      long p1 = Chunks.hash(key, mul1);
      int c1 = Chunks.chunk(p1, chunks);
      int c2 = Chunks.second(Chunks.hash(key, mul2), c1, chunks);
      int j = roomFor(to, toValues, intKeys, mul1, mul2, c1, c2);
      if (j < 0) {
        return false;
      }
      to[j] = from[i];
      if (toValues != null) {
        toValues[j] = fromValues[i];
      }
      claim(to, j, Chunks.tag(p1), c1);
    }
    return true;
  }

  /**
   * Empties a table. Clearing the headers alone would do, but writing one long in eight touches
   * every cache line anyway, one store miss after another: measured, a {@code clear()} then
   * refill of 100K entries cost 19 ns a put that way, against 12 with the whole array filled
   * (a vectorised, streaming fill).
   *
   * @param t the table
   */
  public static void clear(long[] t) {
    Arrays.fill(t, 0L);
  }

  /**
   * Frees a slot of the full chunk {@code c} by moving one of its entries to that entry's other
   * chunk, first freeing a slot there the same way if {@code depth > 1}.
   *
   * @return the freed slot in {@code c}, or -1 (then nothing moved)
   */
  private static int evict(
      long[] t, Object[] values, boolean intKeys, long mul1, long mul2, int c, int depth) {
    final int base = c << SHIFT;
    final long residents = Chunks.occupied(t[base]);
    for (long m = residents; m != 0; m &= m - 1) {
      int i = Chunks.slot(base, m);
      int other = otherChunk(t, intKeys, mul1, mul2, i, c);
      long free = Chunks.free(t[other << SHIFT]);
      if (free != 0) {
        move(t, values, intKeys, mul1, i, Chunks.slot(other << SHIFT, free));
        return i;
      }
    }
    if (depth > 1) {
      int deep = 0;
      for (long m = residents; m != 0 && deep++ < DEEP_RESIDENTS; m &= m - 1) {
        int i = Chunks.slot(base, m);
        int other = otherChunk(t, intKeys, mul1, mul2, i, c);
        int j = evict(t, values, intKeys, mul1, mul2, other, depth - 1);
        if (j >= 0) {
          move(t, values, intKeys, mul1, i, j);
          return i;
        }
      }
    }
    return -1;
  }

  /** The chunk of slot {@code i}'s key that is not {@code c}, where the key now lives. */
  private static int otherChunk(long[] t, boolean intKeys, long mul1, long mul2, int i, int c) {
    final int chunks = Chunks.chunks(t);
    long key = keyAt(t, intKeys, i);
    int c1 = Chunks.chunk(Chunks.hash(key, mul1), chunks);
    return c1 != c ? c1 : Chunks.second(Chunks.hash(key, mul2), c1, chunks);
  }

  /** Moves the entry of slot {@code from} into the free slot {@code to} of its other chunk. */
  private static void move(long[] t, Object[] values, boolean intKeys, long mul1, int from, int to) {
    final int fromBase = Chunks.base(from);
    final int toBase = Chunks.base(to);
    long tag = Chunks.tagAt(t[fromBase], from);
    t[to] = t[from];
    if (values != null) {
      values[to] = values[from];
      values[from] = null;
    }
    t[toBase] = Chunks.withTag(t[toBase], to, tag);
    t[fromBase] = Chunks.withoutTag(t[fromBase], from);
    int c1 = Chunks.chunk(Chunks.hash(keyAt(t, intKeys, to), mul1), Chunks.chunks(t));
    t[c1 << SHIFT] =
        toBase >>> SHIFT == c1 ? Chunks.hintDown(t[c1 << SHIFT]) : Chunks.hintUp(t[c1 << SHIFT]);
  }

  /** The key of slot {@code i}, zero-extended if it is an {@code int}. */
  static long keyAt(long[] t, boolean intKeys, int i) {
    long x = t[i];
    return intKeys ? x & 0xFFFF_FFFFL : x;
  }
}
