package org.hotpath.internal;

import static org.hotpath.internal.Chunks.SHIFT;

import java.util.Arrays;

/**
 * The storage of a single-threaded Hotpath hash map: one cuckoo table ({@link Segment}) while the
 * map is small, presized or compacted, and, once it has grown past one segment with bounded growth,
 * a directory of segments in the manner of extendible hashing (Fagin et al., 1979; Go's maps since
 * 1.24 grow the same way). Holds every algorithm that grows, reseeds or spreads a map; the maps
 * keep only their fast paths.
 *
 * <pre>{@code
 * Implementation notes.
 *
 *   dir: Segment[2^D]        D = global depth (0: the map is one table, the maps' fast path)
 *     dir[k] -> the segment owning every key whose directory hash starts with the bits of k
 *   a segment of local depth d <= D owns a run of 2^(D-d) adjacent entries of dir
 *
 * Directory hash: the top D bits of Chunks.hash(key, dirMul), a multiplier of its own, so that the
 *   keys of one segment spread over that segment's chunks as any key set does (the segment hashes
 *   with its own multipliers, from its own seed: a flooded segment reseeds alone).
 * Growth, bounded: a one-table map doubles its table until it has SEGMENT_CHUNKS chunks, then
 *   splits; a full segment splits: the entries whose next directory bit is 1 are copied to a new
 *   segment of the same size (the only allocation) and deleted from the old one, which keeps its
 *   table, seed and every other entry in place. One split is the most a put ever does: at most one
 *   segment allocated, at most one segment's entries moved. The directory doubles (an array of
 *   references, copied) when a segment of depth D splits.
 * Growth, one-shot: D stays 0 and the table doubles in one call, as before bounded growth existed.
 * A one-table map larger than one segment (presized, or compacted) that must grow is spread over
 *   segments in one call: the one growth of such a map that is not bounded.
 * Skew: keys chosen so that their directory hashes share a long prefix would make segments split
 *   without relief and the directory double each time. When the directory has more than SKEW
 *   entries per segment, the whole map is spread again with the next directory seed (0, 1, 2 public,
 *   then secret, as Chunks' seeds): a one-call rebuild an attacker can force three times at most.
 * Notation: s = a segment, k = a directory index, d = a local depth, D = depth.
 * }</pre>
 */
public final class Directory {

  /**
   * Chunks of a segment. A split allocates one segment (64 KB of table, and 32 KB of values for an
   * object map: 16 and 8 fresh pages, which this machine zeroes at about 10 us each) and moves
   * about 2,900 entries; 1024 keeps the worst put well under a millisecond while the directory of a
   * 4M-entry map stays under 8 KB.
   */
  public static final int SEGMENT_CHUNKS = 1 << 10;


  /**
   * Directory entries per segment above which the directory counts as skewed. Random keys keep
   * local depths within one or two of each other (under 4 entries per segment).
   */
  private static final int SKEW = 8;

  /** Fewest entries a segment holds before it splits, whatever the load factor. */
  private static final int MIN_SEGMENT_ENTRIES = 4;

  /** Salt making the directory multiplier independent of the segments' multipliers. */
  private static final long DIR_SALT = 0x5EC7_10D1_2EC7_0A1BL;

  private final boolean intKeys;
  private final boolean bounded;
  private final float loadFactor;
  private final String type;
  /** Chunks of a segment: {@link #SEGMENT_CHUNKS}, smaller in tests that want many splits. */
  private final int segmentChunks;
  /** Deepest directory: {@link Chunks#MAX_CHUNKS} in segments of {@code segmentChunks}. */
  private final int maxDepth;

  /** The segments, {@code 2^depth} entries; read by the maps' fast paths. */
  public Segment[] dir;

  /** The global depth; 0 while the map is one table. */
  public int depth;

  private long dirSeed;
  private long dirMul;

  /** Set while the map is spread again, so that a nested split does not start another spread. */
  private boolean spreading;

  /** Times the map grew: a table doubled, a segment split, or the map was spread over segments. */
  public int growths;

  /** Times a segment split in two (included in {@link #growths}). */
  public int splits;

  /** Times the flood defence rebuilt a table: an insertion found no room in its key's chunks. */
  public int defences;

  /** Times the directory was found skewed and the map spread with a new directory seed. */
  public int directoryDefences;

  /**
   * Storage of one table.
   *
   * @param intKeys whether the tables hold packed {@code int -> int} entries (no value column)
   * @param bounded whether growth is bounded ({@code Growth.BOUNDED}) or one-shot
   * @param loadFactor the map's load factor
   * @param type the map's class name, for error messages
   * @param chunks the table's chunk count
   * @param segmentChunks chunks of a segment, a power of two: {@link #SEGMENT_CHUNKS} but in tests
   */
  public Directory(
      boolean intKeys, boolean bounded, float loadFactor, String type, int chunks, int segmentChunks) {
    if (segmentChunks < 2 || Integer.bitCount(segmentChunks) != 1 || segmentChunks > SEGMENT_CHUNKS) {
      throw new IllegalArgumentException(
          "segmentChunks must be a power of two from 2 to " + SEGMENT_CHUNKS + ", but was " + segmentChunks);
    }
    this.intKeys = intKeys;
    this.bounded = bounded;
    this.loadFactor = loadFactor;
    this.type = type;
    int least = segmentChunks;
    while (Chunks.threshold(least, loadFactor) < MIN_SEGMENT_ENTRIES) {
      least *= 2; // a tiny load factor: a segment must still hold a few entries, or splits never end
    }
    this.segmentChunks = least;
    this.maxDepth = Integer.numberOfTrailingZeros(Chunks.MAX_CHUNKS / least);
    this.dir = new Segment[] {newSegment(chunks, 0L, 0)};
    setDirSeed(0L);
  }

  /* ---------------- Finding a segment ---------------- */

  /**
   * The one table of a map with {@link #depth} 0.
   *
   * @return {@code dir[0]}
   */
  public Segment root() {
    return dir[0];
  }

  /**
   * The segment of an {@code int} key.
   *
   * @param key any key
   * @return its segment
   */
  public Segment segmentOf(int key) {
    return dir[index(Chunks.hash(key, dirMul))];
  }

  /**
   * The segment of a {@code long} key.
   *
   * @param key any key
   * @return its segment
   */
  public Segment segmentOf(long key) {
    return dir[index(Chunks.hash(key, dirMul))];
  }

  /**
   * The directory index of the next segment after the one at {@code k}, in directory order: how
   * walks visit every segment once.
   *
   * @param k the index of a segment's first directory entry
   * @return the next segment's first index, {@code dir.length} after the last
   */
  public int next(int k) {
    return k + (1 << (depth - dir[k].depth));
  }

  /**
   * Slots of all segments.
   *
   * @return seven per chunk
   */
  public long capacity() {
    long chunks = 0;
    for (int k = 0; k < dir.length; k = next(k)) {
      chunks += Chunks.chunks(dir[k].table);
    }
    return chunks * Chunks.SLOTS;
  }

  /**
   * Distinct segments.
   *
   * @return 1 while the map is one table
   */
  public int segments() {
    int n = 0;
    for (int k = 0; k < dir.length; k = next(k)) {
      n++;
    }
    return n;
  }

  /**
   * Whether any table, or the directory, has drawn a secret seed.
   *
   * @return {@code true} if iteration order now differs between runs
   */
  public boolean secret() {
    for (int k = 0; k < dir.length; k = next(k)) {
      if (Chunks.isSecret(dir[k].seed)) {
        return true;
      }
    }
    return Chunks.isSecret(dirSeed);
  }

  /**
   * Adds every segment's headers to a census.
   *
   * @param census the census to add to
   */
  public void census(TableCensus census) {
    for (int k = 0; k < dir.length; k = next(k)) {
      census.add(dir[k].table);
    }
  }

  /* ---------------- Insertion and growth ---------------- */

  /**
   * Inserts a key known to be absent, growing or reseeding its segment as needed: the slow path
   * of every map. A map with {@link #depth} 0 must first have set {@code root().size}.
   *
   * @param s the key's segment ({@link #segmentOf})
   * @param key the key (an {@code int} key zero-extended)
   * @param word what to store in the table: the packed entry, or the key
   * @param value the value, for maps with a value column
   * @throws IllegalStateException if the map is at its largest; then nothing changed
   */
  public void insert(Segment s, long key, long word, Object value) {
    for (; ; ) {
      if (s.size >= s.threshold) {
        grow(s, key);
      } else if (place(s, key, word, value)) {
        s.size++;
        return;
      } else {
        // Both chunks full and nothing could move: the flood defence. Another seed; a secret seed
        // that fails too means the table is too full, so it grows instead.
        defences++;
        if (Chunks.isSecret(s.seed)) {
          grow(s, key);
        } else {
          rebuild(s, Chunks.chunks(s.table), Chunks.nextSeed(s.seed));
        }
      }
      s = dir[index(Chunks.hash(key, dirMul))];
    }
  }

  /**
   * Lays the map out as one table of {@code chunks} chunks, keeping the first segment's seed.
   *
   * @param chunks the new chunk count, enough for every entry at the load factor
   * @param size the map's entries
   */
  public void compact(int chunks, int size) {
    final Segment[] old = dir;
    final int oldDepth = depth;
    for (long seed = old[0].seed; ; ) {
      Segment root = newSegment(chunks, seed, 0);
      if (copyAll(old, oldDepth, root)) {
        root.size = size;
        dir = new Segment[] {root};
        depth = 0;
        return;
      }
      if (Chunks.isSecret(seed)) {
        chunks = Chunks.grownChunks(chunks, size, type);
      }
      seed = Chunks.nextSeed(seed);
    }
  }

  /** Empties every segment; keeps the segments, the directory and every seed. */
  public void clear() {
    for (int k = 0; k < dir.length; k = next(k)) {
      Segment s = dir[k];
      Cuckoo.clear(s.table);
      if (s.values != null) {
        Arrays.fill(s.values, null);
      }
      s.size = 0;
    }
  }

  private void grow(Segment s, long key) {
    final int chunks = Chunks.chunks(s.table);
    if (!bounded || (depth == 0 && chunks < segmentChunks)) {
      int grown = Chunks.grownChunks(chunks, s.size, type);
      growths++;
      rebuild(s, bounded ? Math.min(segmentChunks, grown) : grown, s.seed);
    } else if (depth == 0 && chunks > segmentChunks) {
      growths++;
      spread(dirSeed, depthFor(2L * s.size)); // presized or compacted beyond one segment
    } else if (s.depth == maxDepth) {
      growths++;
      rebuild(s, Chunks.grownChunks(chunks, s.size, type), s.seed); // only a pathological key set
    } else {
      split(s, key);
    }
  }

  /**
   * Splits the full segment {@code s}, which owns {@code key}: its entries whose next directory bit
   * is 1 go to a new segment of the same size.
   */
  private void split(Segment s, long key) {
    if (s.depth == depth) {
      doubleDirectory();
      if (spreadIfSkewed()) {
        return;
      }
    }
    growths++;
    splits++;
    final int d = s.depth;
    final int chunks = Chunks.chunks(s.table);
    Segment sibling;
    for (long seed = s.seed; ; seed = Chunks.nextSeed(seed)) {
      sibling = newSegment(chunks, seed, d + 1);
      if (copyHalf(s, sibling, d)) {
        break;
      }
      defences++; // the half that moves did not fit under this seed
    }
    final long[] t = s.table;
    int moved = 0;
    for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
      if (splitBit(Cuckoo.keyAt(t, intKeys, i), d) != 0) {
        Cuckoo.delete(t, intKeys, s.mul1, i);
        if (s.values != null) {
          s.values[i] = null;
        }
        moved++;
      }
    }
    sibling.size = moved;
    s.size -= moved;
    s.depth = d + 1;
    final int span = 1 << (depth - d);
    final int start = index(Chunks.hash(key, dirMul)) & -span;
    for (int k = start + span / 2; k < start + span; k++) {
      dir[k] = sibling;
    }
  }

  private void doubleDirectory() {
    Segment[] doubled = new Segment[dir.length * 2];
    for (int k = 0; k < dir.length; k++) {
      doubled[2 * k] = dir[k];
      doubled[2 * k + 1] = dir[k];
    }
    dir = doubled;
    depth++;
  }

  /** Spreads the map with the next directory seed if its directory is skewed; whether it did. */
  private boolean spreadIfSkewed() {
    if (spreading || Chunks.isSecret(dirSeed) || dir.length <= SKEW * segments()) {
      return false;
    }
    directoryDefences++;
    long size = 0;
    for (int k = 0; k < dir.length; k = next(k)) {
      size += dir[k].size;
    }
    spread(Chunks.nextSeed(dirSeed), depthFor(2 * size));
    return true;
  }

  /**
   * Moves every entry into fresh segments under directory seed {@code seed}, starting from
   * {@code 2^newDepth} of them (at least two).
   */
  private void spread(long seed, int newDepth) {
    final Segment[] old = dir;
    final int oldDepth = depth;
    final long tableSeed = old[0].seed;
    final long oldSeed = dirSeed;
    setDirSeed(seed);
    depth = newDepth;
    dir = new Segment[1 << newDepth];
    for (int k = 0; k < dir.length; k++) {
      dir[k] = newSegment(segmentChunks, tableSeed, newDepth);
    }
    spreading = true;
    try {
      for (int k = 0; k < old.length; k += 1 << (oldDepth - old[k].depth)) {
        final Segment o = old[k];
        final long[] t = o.table;
        for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
          long key = Cuckoo.keyAt(t, intKeys, i);
          insert(dir[index(Chunks.hash(key, dirMul))], key, t[i], o.values == null ? null : o.values[i]);
        }
      }
    } catch (RuntimeException | Error e) {
      dir = old; // the old segments were only read: the map is as it was
      depth = oldDepth;
      setDirSeed(oldSeed);
      throw e;
    } finally {
      spreading = false;
    }
  }

  /** Depth of a directory whose segments hold {@code entries} at half their threshold. */
  private int depthFor(long entries) {
    long perSegment = Math.max(1, Chunks.threshold(segmentChunks, loadFactor) / 2);
    long segments = Math.max(2, (entries + perSegment - 1) / perSegment);
    return Math.min(maxDepth, 64 - Long.numberOfLeadingZeros(segments - 1));
  }

  /**
   * Rebuilds segment {@code s} as {@code chunks} chunks hashed with {@code seed}, or, if its
   * entries do not fit, with the next seed (and, once secret seeds fail, twice the chunks).
   */
  private void rebuild(Segment s, int chunks, long seed) {
    for (; ; ) {
      long[] t = new long[chunks << SHIFT];
      Object[] v = s.values == null ? null : new Object[chunks << SHIFT];
      if (Cuckoo.copy(s.table, s.values, t, v, intKeys, Chunks.mul1(seed, chunks),
          Chunks.mul2(seed, chunks))) {
        s.install(t, v, seed, loadFactor);
        return;
      }
      if (Chunks.isSecret(seed)) {
        chunks = Chunks.grownChunks(chunks, s.size, type);
      }
      seed = Chunks.nextSeed(seed);
    }
  }

  /** Places a new key in its segment's table if room can be made; whether it was. */
  private boolean place(Segment s, long key, long word, Object value) {
    final long[] t = s.table;
    final int chunks = Chunks.chunks(t);
    final long h = Chunks.hash(key, s.mul1);
    final int c1 = Chunks.chunk(h, chunks);
    final int c2 = Chunks.second(Chunks.hash(key, s.mul2), c1, chunks);
    final int i = Cuckoo.roomFor(t, s.values, intKeys, s.mul1, s.mul2, c1, c2);
    if (i < 0) {
      return false;
    }
    t[i] = word;
    if (s.values != null) {
      s.values[i] = value;
    }
    Cuckoo.claim(t, i, Chunks.tag(h), c1);
    return true;
  }

  /** Copies the entries of {@code s} whose bit after the first {@code d} is 1 into {@code to}. */
  private boolean copyHalf(Segment s, Segment to, int d) {
    final long[] t = s.table;
    for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
      long key = Cuckoo.keyAt(t, intKeys, i);
      if (splitBit(key, d) != 0 && !place(to, key, t[i], s.values == null ? null : s.values[i])) {
        return false;
      }
    }
    return true;
  }

  /** Copies every entry of the segments of {@code from} into the empty table {@code to}. */
  private boolean copyAll(Segment[] from, int fromDepth, Segment to) {
    for (int k = 0; k < from.length; k += 1 << (fromDepth - from[k].depth)) {
      Segment s = from[k];
      if (!Cuckoo.copy(s.table, s.values, to.table, to.values, intKeys, to.mul1, to.mul2)) {
        return false;
      }
    }
    return true;
  }

  private Segment newSegment(int chunks, long seed, int localDepth) {
    return new Segment(new long[chunks << SHIFT], intKeys ? null : new Object[chunks << SHIFT],
        seed, loadFactor, localDepth);
  }

  /**
   * The directory multiplier of a directory seed: independent of every table's multipliers.
   *
   * @param seed a directory seed (0, 1, 2 public, as {@link Chunks#nextSeed} gives them)
   * @return an odd multiplier
   */
  public static long directoryMultiplier(long seed) {
    return SplitMix64.mix(seed * SplitMix64.GOLDEN_GAMMA + DIR_SALT) | 1L;
  }

  private void setDirSeed(long seed) {
    this.dirSeed = seed;
    this.dirMul = directoryMultiplier(seed);
  }

  /** The directory index of a directory hash: its top {@link #depth} bits (none at depth 0). */
  private int index(long h) {
    return (int) ((h >>> 1) >>> (63 - depth));
  }

  /** The directory bit that splits a segment of local depth {@code d}: bit {@code d} from the top. */
  private int splitBit(long key, int d) {
    return (int) (Chunks.hash(key, dirMul) >>> (63 - d)) & 1;
  }
}
