package org.hotpath.internal;

/**
 * Shard counts and shard selection for Hotpath's sharded maps.
 *
 * <p>A key's shard is a function of the key alone, so that a key never changes shard: the top 16
 * bits of a multiply, xor-shift, multiply mix. The shard's own table then hashes the key with its
 * own multipliers ({@link Chunks}), and the two must be independent, or the keys that share a
 * shard would crowd part of its table. Fibonacci hashing ({@code key * 2^64/phi}, top
 * bits) was measured here and was not independent enough: sequential keys over 256 shards probed
 * 2.5 slots from home on average, one shard 16, against 1.5 for a uniform hash. This mix stays
 * within 1.7 on average for every key family tested, as close as SplitMix64's full finalizer, for
 * one multiply less ({@code ShardsTest}).
 */
public final class Shards {

  /** Most shards a map may have: the selector reads 16 bits of the key's hash. */
  public static final int MAX_SHARDS = 1 << 16;

  /** Shards per available processor by default: few enough to stay small, many enough that two
   * threads rarely meet on one shard (1 in 16 at 2 processors). */
  private static final int SHARDS_PER_PROCESSOR = 8;

  /** An odd 64-bit multiplier with balanced bits, picked by measurement ({@code ShardsTest}). */
  private static final long MIX = 0xD6E8FEB86659FD93L;

  /** Average load of a presized or compacted map's shards, as for the single-threaded maps. */
  public static final float LOAD_FACTOR = Chunks.DEFAULT_LOAD_FACTOR;

  /**
   * Load at which a shard grows: above {@link #LOAD_FACTOR}, so that shards which receive a little
   * more than their share of a presized map's keys do not grow.
   */
  public static final float GROWTH_LOAD = Chunks.MAX_LOAD_FACTOR;

  /** Standard deviations of headroom each shard gets over its share of the expected entries. */
  private static final int SIGMAS = 4;

  private Shards() {}

  /**
   * The default shard count: 8 per available processor, rounded up to a power of two.
   *
   * @return a power of two between 1 and {@link #MAX_SHARDS}
   */
  public static int defaultCount() {
    int wanted = Runtime.getRuntime().availableProcessors() * SHARDS_PER_PROCESSOR;
    return Math.min(MAX_SHARDS, Integer.highestOneBit(Math.max(1, wanted - 1)) << 1);
  }

  /**
   * Validates a shard count.
   *
   * @param shards the requested count
   * @return {@code shards}
   * @throws IllegalArgumentException unless it is a power of two between 1 and {@link #MAX_SHARDS}
   */
  public static int checkCount(int shards) {
    if (shards < 1 || shards > MAX_SHARDS || Integer.bitCount(shards) != 1) {
      throw new IllegalArgumentException(
          "shards must be a power of two between 1 and " + MAX_SHARDS + ", but was " + shards);
    }
    return shards;
  }

  /**
   * The chunk count of each shard of a map presized for {@code expectedSize} entries: large enough
   * for the mean share at {@link #LOAD_FACTOR}, and for the mean share plus four standard
   * deviations of a binomial spread at {@link #GROWTH_LOAD}, so that no shard grows while the map
   * holds {@code expectedSize} entries spread by the hash, except with negligible probability. For
   * large maps the band between the two loads absorbs the spread and costs no memory (at 1M entries
   * over 16 shards, four deviations are 1.5% of a share and the band 9.4%); small maps get extra
   * chunks instead.
   *
   * @param expectedSize entries the whole map should hold, at least 0
   * @param shards the shard count
   * @return chunks per shard
   * @throws IllegalArgumentException if {@code expectedSize} is negative or too large
   */
  public static int chunksPerShard(int expectedSize, int shards) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expectedSize must not be negative, but was " + expectedSize);
    }
    double mean = expectedSize / (double) shards;
    double sigma = Math.sqrt(mean * (1 - 1.0 / shards));
    int share = (int) Math.ceil(mean);
    int withSpread = (int) Math.min(Integer.MAX_VALUE, Math.ceil(mean + SIGMAS * sigma));
    return Math.max(
        Chunks.chunksFor(share, LOAD_FACTOR), Chunks.chunksFor(withSpread, GROWTH_LOAD));
  }

  /**
   * The number of entries at which a shard of {@code chunks} chunks grows.
   *
   * @param chunks the shard's chunk count
   * @return its threshold at {@link #GROWTH_LOAD}
   */
  public static int threshold(int chunks) {
    return Chunks.threshold(chunks, GROWTH_LOAD);
  }

  /**
   * The shard of {@code key}.
   *
   * @param key any key
   * @param mask the shard count minus one
   * @return a shard index in {@code [0, mask]}
   */
  public static int of(long key, int mask) {
    long h = key * MIX;
    h = (h ^ (h >>> 32)) * MIX;
    return (int) (h >>> 48) & mask;
  }
}
