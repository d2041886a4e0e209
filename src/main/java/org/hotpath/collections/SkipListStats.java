package org.hotpath.collections;

/**
 * The health of a {@link Long2ObjectSkipListMap}, read by its {@link
 * Long2ObjectSkipListMap#readStats readStats(into)} into an object the caller owns and reuses:
 * reading allocates nothing.
 *
 * <p>What the figures mean for speed. A search visits about 4 nodes per level ({@link #levels()}
 * levels; p = 1/4, so about log4 of the size), and each visit is a cache miss unless the node sits
 * next to the one before it in memory. {@link #entriesWithHeight(int)} is the level histogram: a
 * healthy map has about 3/4 of its entries at height 1 and a quarter of the rest at each further
 * height. {@link #outOfKeyOrder()} is the figure that says whether {@link
 * Long2ObjectSkipListMap#defragment()} would help: the share of steps to the next entry in key
 * order that jump more than a cache line of keys away. A map laid out in key order (by growth,
 * {@code compact()} or {@code defragment()}) shows about 0.4, since
 * the taller nodes live apart from the rest; a map filled by random inserts shows about 1.
 *
 * <p>One read costs O(levels) for the counters plus a sample of 2,048 node ids for the order
 * figure; measured in docs/skip-list.md (Statistics), cheap enough to poll every second.
 */
public final class SkipListStats {

  /** {@link #outOfKeyOrder()} above which a large map is scattered enough to defragment. */
  static final double SCATTERED = 0.7;

  /** Below this size the whole map stays in the L2 cache, and its memory order hardly matters. */
  static final int CACHE_RESIDENT_ENTRIES = 16_384;

  private final int[] entriesOfHeight = new int[Long2ObjectSkipListMap.MAX_HEIGHT + 1];
  private int size;
  private int capacity;
  private int growths;
  private int levels;
  private int sampledSteps;
  private int farSteps;

  /** An empty record, to be filled by {@link Long2ObjectSkipListMap#readStats}. */
  public SkipListStats() {}

  /** Fills this record; allocates nothing. */
  SkipListStats read(
      int size,
      int capacity,
      int growths,
      int levels,
      int[] entriesOfHeight,
      int sampledSteps,
      int farSteps) {
    this.size = size;
    this.capacity = capacity;
    this.growths = growths;
    this.levels = levels;
    System.arraycopy(entriesOfHeight, 0, this.entriesOfHeight, 0, entriesOfHeight.length);
    this.sampledSteps = sampledSteps;
    this.farSteps = farSteps;
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
   * Nodes in the map's arrays, entries and free nodes together.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }

  /**
   * Nodes ready for inserts without growth: on the free list, reused before the map grows.
   *
   * @return capacity - size
   */
  public int freeNodes() {
    return capacity - size;
  }

  /**
   * Times the map grew since construction: each re-layout in arrays twice as large.
   *
   * @return the growth count
   */
  public int growths() {
    return growths;
  }

  /**
   * Levels in use: the height of the tallest entry, 0 for an empty map. A search descends that
   * many levels.
   *
   * @return the level count
   */
  public int levels() {
    return levels;
  }

  /**
   * The level histogram: entries whose node has {@code height} levels (height 1 is level 0 only).
   *
   * @param height between 1 and 20
   * @return the number of such entries
   * @throws IllegalArgumentException if {@code height} is not between 1 and 20
   */
  public int entriesWithHeight(int height) {
    if (height < 1 || height >= entriesOfHeight.length) {
      throw new IllegalArgumentException(
          "height must be between 1 and " + (entriesOfHeight.length - 1) + ", but was " + height);
    }
    return entriesOfHeight[height];
  }

  /**
   * How far the nodes are from key order: the share of sampled steps from an entry to the next in
   * key order that land more than 8 nodes (a cache line of keys) away in memory. About 0.4 right
   * after a layout in key order, near 1 for random inserts.
   *
   * @return a fraction between 0 and 1; 0 when no step was sampled
   */
  public double outOfKeyOrder() {
    return sampledSteps == 0 ? 0 : (double) farSteps / sampledSteps;
  }

  /**
   * Whether {@link Long2ObjectSkipListMap#defragment()} would make lookups and walks faster: the
   * map is larger than the L2 cache holds (16,384 entries) and {@link #outOfKeyOrder()} is above
   * 0.7.
   *
   * @return {@code true} if defragmenting is worth its O(capacity) pass
   */
  public boolean defragmentWouldHelp() {
    return size >= CACHE_RESIDENT_ENTRIES && outOfKeyOrder() > SCATTERED;
  }

  /**
   * One line for a log, for example {@code Long2ObjectSkipListMap stats: size=1000000,
   * capacity=1048576 (free 48576, 17 growths), levels=10, heights 1:750112 2:187480 3:46920 ...,
   * out of key order 0.98 (defragment would help)}. Allocates.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(256).append("Long2ObjectSkipListMap stats: size=")
        .append(size).append(", capacity=").append(capacity)
        .append(" (free ").append(freeNodes()).append(", ")
        .append(growths).append(growths == 1 ? " growth)" : " growths)")
        .append(", levels=").append(levels).append(", heights");
    for (int h = 1; h <= levels; h++) {
      sb.append(' ').append(h).append(':').append(entriesOfHeight[h]);
    }
    sb.append(String.format(", out of key order %.2f", outOfKeyOrder()));
    return sb.append(defragmentWouldHelp() ? " (defragment would help)" : "").toString();
  }
}
