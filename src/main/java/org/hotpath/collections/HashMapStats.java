package org.hotpath.collections;

import org.hotpath.internal.Chunks;
import org.hotpath.internal.Directory;
import org.hotpath.internal.TableCensus;

/**
 * The health of an {@link Int2IntHashMap} or a {@link Long2ObjectHashMap}, read by their {@code
 * readStats(into)} into an object the caller owns and reuses: reading allocates nothing.
 *
 * <p>What the figures mean for speed. A lookup reads at most two chunks of seven slots: a hit reads
 * one if its key lives in its first chunk, two otherwise; a miss always reads two. So the design's
 * probe length is {@link #meanChunksPerHit()} (1.09 for a table filled with random keys at load
 * 0.8, rising towards 1.3 after long churn) and its maximum is 2, whatever the keys. What the keys
 * can still do is fill chunks: a new key whose two chunks are full makes the map move other
 * entries, and, if none can move, rebuild a table with another seed ({@link #floodDefences()}).
 * {@link #chunksWithEntries(int) chunksWithEntries(7)} counts full chunks.
 *
 * <p>One read walks the chunk headers: one load per 64 bytes of table, no key hashed (the headers'
 * hints already count the keys in their second chunk). Measured: 0.5-0.7 ms for a 1M-entry {@code Int2IntHashMap}, one table or 256 segments
 * (see docs/hash-maps.md, Statistics), cheap enough to poll every second.
 */
public final class HashMapStats {

  private final TableCensus census = new TableCensus();
  private String map = "HashMap";
  private Growth growth = Growth.BOUNDED;
  private float loadFactor;
  private int size;
  private int segments;
  private int growths;
  private int splits;
  private int floodDefences;
  private int directoryDefences;
  private boolean secretSeed;

  /** An empty record, to be filled by a map's {@code readStats}. */
  public HashMapStats() {}

  /** Fills this record from a map's storage; allocates nothing. */
  HashMapStats read(String map, Growth growth, float loadFactor, int size, Directory d) {
    this.map = map;
    this.growth = growth;
    this.loadFactor = loadFactor;
    this.size = size;
    census.reset();
    d.census(census);
    this.segments = d.segments();
    this.growths = d.growths;
    this.splits = d.splits;
    this.floodDefences = d.defences;
    this.directoryDefences = d.directoryDefences;
    this.secretSeed = d.secret();
    return this;
  }

  /**
   * Entries in the map.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Slots in the map's tables, seven per chunk.
   *
   * @return the capacity
   */
  public long capacity() {
    return census.chunks * Chunks.SLOTS;
  }

  /**
   * Fraction of slots in use: at most the load factor; far below it, memory is idle (a map grown
   * past a doubling is about half as full as its load factor; {@code compact()} repacks it).
   *
   * @return size / capacity, 0 for a map without slots
   */
  public double fill() {
    return census.chunks == 0 ? 0 : (double) size / capacity();
  }

  /**
   * The load factor chosen at construction: the fill at which a table grows.
   *
   * @return the load factor
   */
  public float loadFactor() {
    return loadFactor;
  }

  /**
   * How the map grows, chosen at construction.
   *
   * @return the growth mode
   */
  public Growth growth() {
    return growth;
  }

  /**
   * Tables the map is laid out in: 1 for a presized, compacted or one-shot map, more once bounded
   * growth has split it into segments (each lookup then first reads the segment's directory
   * entry).
   *
   * @return the number of tables
   */
  public int segments() {
    return segments;
  }

  /**
   * Chunks in the map's tables.
   *
   * @return the chunk count
   */
  public long chunks() {
    return census.chunks;
  }

  /**
   * The chunk fill histogram: chunks holding exactly {@code entries} entries. A table filled with
   * random keys at load 0.8 has about a third of its chunks full; most chunks full at a lower load
   * says keys crowd some chunks (a poor key set or an attack).
   *
   * @param entries 0 to 7
   * @return chunks with that many entries
   * @throws IllegalArgumentException if {@code entries} is not in 0..7
   */
  public long chunksWithEntries(int entries) {
    if (entries < 0 || entries > Chunks.SLOTS) {
      throw new IllegalArgumentException(
          "entries must be between 0 and " + Chunks.SLOTS + ", but was " + entries);
    }
    return census.byFill[entries];
  }

  /**
   * Keys living in their second chunk: the hits that read two chunks. Exact unless some chunk's
   * count saturated ({@link #saturatedChunks()}), then a lower bound.
   *
   * @return the count
   */
  public long keysInSecondChunk() {
    return Math.min(census.inSecond, size);
  }

  /**
   * Chunks whose count of keys living elsewhere saturated at 255: every new key hashing there
   * reads its second chunk too. Zero in any healthy table; non-zero only for crowded key sets.
   *
   * @return the count
   */
  public long saturatedChunks() {
    return census.saturatedHints;
  }

  /**
   * Mean chunks a hit reads, over the keys in the map: the design's mean probe length.
   *
   * @return between 1 and 2; 0 for an empty map
   */
  public double meanChunksPerHit() {
    return size == 0 ? 0 : 1 + (double) keysInSecondChunk() / size;
  }

  /**
   * Most chunks a hit reads: 2 if any key lives in its second chunk, else 1 (0 for an empty map).
   * A miss always reads 2. No key set makes either larger.
   *
   * @return 0, 1 or 2
   */
  public int maxChunksPerHit() {
    return size == 0 ? 0 : keysInSecondChunk() > 0 || census.saturatedHints > 0 ? 2 : 1;
  }

  /**
   * Times the map grew: a table doubled, a segment split, or a one-table map was spread over
   * segments.
   *
   * @return the count since construction
   */
  public int growths() {
    return growths;
  }

  /**
   * Times a segment split in two (counted in {@link #growths()} too).
   *
   * @return the count since construction
   */
  public int splits() {
    return splits;
  }

  /**
   * Times the flood defence rebuilt a table with another seed because a new key found no room in
   * its two chunks even after moving others. Random keys essentially never do this; a handful
   * means keys chosen against the public hash seeds (or a table at the largest load factor).
   *
   * @return the count since construction
   */
  public int floodDefences() {
    return floodDefences;
  }

  /**
   * Times the directory of a map in segments was found skewed (keys sharing their directory hash's
   * leading bits) and the map was spread again with the next directory seed.
   *
   * @return the count since construction
   */
  public int directoryDefences() {
    return directoryDefences;
  }

  /**
   * Whether a defence has drawn a secret seed: the map's iteration order then differs between runs.
   *
   * @return {@code true} once a secret seed is in use
   */
  public boolean secretSeed() {
    return secretSeed;
  }

  /**
   * One line for a log, e.g. {@code Int2IntHashMap stats: size=1000000, capacity=1787584 (fill
   * 0.56, load factor 0.80), segments=256, chunks by entries [0:.. 1:.. ... 7:..], chunks per hit
   * mean 1.09 max 2, growths=264 (splits 255), flood defences=0, directory defences=0, seeds
   * public}. Allocates.
   *
   * @return the figures
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(256).append(map).append(" stats: size=").append(size)
        .append(", capacity=").append(capacity())
        .append(String.format(" (fill %.2f, load factor %.2f)", fill(), loadFactor))
        .append(", ").append(growth == Growth.BOUNDED ? "bounded" : "one-shot")
        .append(" growth, segments=").append(segments).append(", chunks by entries [");
    for (int k = 0; k <= Chunks.SLOTS; k++) {
      sb.append(k == 0 ? "" : " ").append(k).append(':').append(census.byFill[k]);
    }
    return sb.append(']')
        .append(String.format(", chunks per hit mean %.3f max %d", meanChunksPerHit(), maxChunksPerHit()))
        .append(", saturated chunks=").append(census.saturatedHints)
        .append(", growths=").append(growths).append(" (splits ").append(splits).append(')')
        .append(", flood defences=").append(floodDefences)
        .append(", directory defences=").append(directoryDefences)
        .append(secretSeed ? ", seed secret" : ", seeds public").toString();
  }
}
