package org.hotpath.concurrent;

import java.util.Locale;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.TableCensus;

/**
 * A snapshot of a sharded map's health, filled by {@link ShardedInt2IntMap#readStats} or {@link
 * ShardedLong2ObjectMap#readStats}: how many entries there are and how they spread over the
 * shards, how full the tables' chunks are, how many hits read a second chunk, how often shards
 * grew, and whether a flood defence fired. Caller-owned and reusable: create one, then read into
 * it as often as needed; reading allocates nothing.
 *
 * <p><b>Exactness.</b> Each shard is read under its writer lock, so each shard's figures are
 * exact for one instant and agree with each other (its census counts exactly its entries); the
 * shards are read one after another, so the totals are weakly consistent, as {@link
 * ShardedInt2IntMap#size()}: exact when no write is in flight. The census is read from the chunks'
 * headers alone; {@link #keysInSecondChunk()} is a lower bound once a chunk's hint has saturated
 * ({@link #saturatedHints()}), exact otherwise.
 *
 * <p><b>Reading it.</b> A largest shard far above the mean ({@code size / shardCount}) is a hot
 * shard: its keys share the hash bits that pick a shard, or one key range dominates the traffic.
 * Flood defences above 0, or a shard on a secret seed, mean keys arrived that crowded one shard's
 * chunks under every public seed (an adversarial or unlucky key set); the map coped, but it is
 * worth knowing who sends such keys. Mean chunks per hit near 1 and few full chunks are the
 * healthy state; growths that keep rising mean the map was not presized for its load.
 */
public final class ShardedMapStats {

  /** Chunk fills 0 to 7: the histogram's bounds. */
  private static final int MAX_FILL = Chunks.SLOTS;

  /** The tables' chunks, counted from their headers; reset by each read. */
  final TableCensus census = new TableCensus();

  String map = "ShardedMap";
  int shardCount;
  long size;
  long capacity;
  int smallestShard;
  int largestShard;
  long growths;
  long defences;
  int secretSeedShards;

  /** An empty snapshot (every figure 0) to pass to a sharded map's {@code readStats}. */
  public ShardedMapStats() {}

  /* ---------------- Filled by the maps ---------------- */

  /** Starts a read of a map of {@code shards} shards, called {@code map} in {@link #toString}. */
  void begin(String map, int shards) {
    this.map = map;
    this.shardCount = shards;
    this.size = 0;
    this.capacity = 0;
    this.smallestShard = Integer.MAX_VALUE;
    this.largestShard = 0;
    this.growths = 0;
    this.defences = 0;
    this.secretSeedShards = 0;
    census.reset();
  }

  /**
   * Adds one shard, read under its lock: its table (headers first in each chunk), entry count,
   * growths, flood defences, and whether its seed is secret.
   */
  void addShard(long[] table, int entries, int grown, int defended, boolean secret) {
    census.add(table);
    size += entries;
    capacity += (long) Chunks.chunks(table) * Chunks.SLOTS;
    smallestShard = Math.min(smallestShard, entries);
    largestShard = Math.max(largestShard, entries);
    growths += grown;
    defences += defended;
    secretSeedShards += secret ? 1 : 0;
  }

  /* ---------------- Sizes ---------------- */

  /**
   * The number of shards; exact.
   *
   * @return a power of two (0 in a snapshot never filled)
   */
  public int shardCount() {
    return shardCount;
  }

  /**
   * Entries, summed over the shards (each exact when read).
   *
   * @return the number of mappings
   */
  public long size() {
    return size;
  }

  /**
   * Slots over all shards' tables.
   *
   * @return the slot count, 7 per chunk
   */
  public long capacity() {
    return capacity;
  }

  /**
   * The fraction of slots in use: {@link #size()} over {@link #capacity()}. Shards grow at 0.875.
   *
   * @return between 0 and 0.875 (0 for a snapshot never filled)
   */
  public double fill() {
    return capacity == 0 ? 0 : (double) size / capacity;
  }

  /**
   * Entries in the emptiest shard.
   *
   * @return at most {@link #largestShard()}
   */
  public int smallestShard() {
    return shardCount == 0 ? 0 : smallestShard;
  }

  /**
   * Entries in the fullest shard: compare it with the mean {@code size() / shardCount()}; with
   * keys the hash spreads evenly it stays within a few square roots of the mean.
   *
   * @return at least {@link #smallestShard()}
   */
  public int largestShard() {
    return largestShard;
  }

  /* ---------------- Census ---------------- */

  /**
   * Chunks (of seven slots and a header) over all shards' tables.
   *
   * @return {@link #capacity()} / 7
   */
  public long chunks() {
    return census.chunks;
  }

  /**
   * How many chunks hold exactly {@code fill} entries: the chunk fill histogram.
   *
   * @param fill entries per chunk, 0 to 7
   * @return the number of such chunks
   * @throws IllegalArgumentException if {@code fill} is not between 0 and 7
   */
  public long chunksWithFill(int fill) {
    if (fill < 0 || fill > MAX_FILL) {
      throw new IllegalArgumentException("fill must be between 0 and " + MAX_FILL + ": " + fill);
    }
    return census.byFill[fill];
  }

  /**
   * The fraction of chunks that are full (7 entries): an insert whose two chunks are both full
   * must move entries to make room.
   *
   * @return between 0 and 1 (0 when there are no chunks)
   */
  public double fullChunkFraction() {
    return census.chunks == 0 ? 0 : (double) census.byFill[MAX_FILL] / census.chunks;
  }

  /**
   * Keys that live in their second chunk, which a hit on them reads after the first; counted from
   * the chunks' hints, a lower bound if {@link #saturatedHints()} is above 0.
   *
   * @return at most {@link #size()}
   */
  public long keysInSecondChunk() {
    return census.inSecond;
  }

  /**
   * Chunks whose count of keys living elsewhere saturated at 255 (then every miss and every insert
   * hashing there reads both chunks): 0 in any healthy table.
   *
   * @return the saturated hints
   */
  public long saturatedHints() {
    return census.saturatedHints;
  }

  /**
   * The mean number of chunks a successful lookup reads, over the keys present: {@code 1 +
   * keysInSecondChunk() / size()}. A miss always reads two.
   *
   * @return between 1 and 2, or 0 for an empty map (no hit to average)
   */
  public double meanChunksPerHit() {
    return size == 0 ? 0 : 1 + (double) census.inSecond / size;
  }

  /* ---------------- Events ---------------- */

  /**
   * Times a shard's table grew (a one-shot rebuild into a table twice as large inside one write,
   * the latency spike of a map that was not presized), summed over the shards since construction.
   *
   * @return the growths
   */
  public long growths() {
    return growths;
  }

  /**
   * Times a shard rebuilt its table with another seed because an insert found no room in a key's
   * two chunks, even after moving entries (the flood defence), summed over the shards.
   *
   * @return the defences since construction
   */
  public long floodDefences() {
    return defences;
  }

  /**
   * Shards that have drawn a secret seed (from {@code SecureRandom}), which happens only after
   * every public seed failed the flood defence.
   *
   * @return between 0 and {@link #shardCount()}
   */
  public int secretSeedShards() {
    return secretSeedShards;
  }

  /**
   * Whether any shard has drawn a secret seed.
   *
   * @return {@code secretSeedShards() > 0}
   */
  public boolean anySecretSeed() {
    return secretSeedShards > 0;
  }

  /**
   * One line for a log; allocates the string.
   *
   * @return e.g. {@code ShardedInt2IntMap stats: size=1000000, capacity=1376256, fill=0.73,
   *     shards=16 (smallest 61966, largest 63004), chunks=196608 (full 12.1%, by fill
   *     [0:310, ..., 7:23790]), mean chunks per hit=1.07 (72512 keys in their second chunk),
   *     growths=0, flood defences=0, secret seeds=0}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(256).append(map).append(" stats: size=").append(size)
        .append(", capacity=").append(capacity)
        .append(String.format(Locale.ROOT, ", fill=%.3f", fill()))
        .append(", shards=").append(shardCount)
        .append(" (smallest ").append(smallestShard()).append(", largest ").append(largestShard)
        .append("), chunks=").append(census.chunks)
        .append(String.format(Locale.ROOT, " (full %.1f%%, by fill [", 100 * fullChunkFraction()));
    for (int k = 0; k <= MAX_FILL; k++) {
      sb.append(k == 0 ? "" : ", ").append(k).append(':').append(census.byFill[k]);
    }
    sb.append("]), ").append(String.format(Locale.ROOT, "mean chunks per hit=%.3f", meanChunksPerHit()))
        .append(" (").append(census.inSecond).append(" keys in their second chunk");
    if (census.saturatedHints != 0) {
      sb.append(", ").append(census.saturatedHints).append(" saturated hints");
    }
    return sb.append("), growths=").append(growths).append(", flood defences=").append(defences)
        .append(", secret seeds=").append(secretSeedShards).toString();
  }
}
