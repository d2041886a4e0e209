package org.hotpath.internal;

import static org.hotpath.internal.SplitMix64.GOLDEN_GAMMA;

/**
 * Shard counts and shard selection for Hotpath's sharded maps.
 *
 * <p>A key's shard comes from the top 16 bits of {@code key * 2^64/phi} (Fibonacci hashing), a
 * function of the key alone, so that a key never changes shard. The shard's own table hashes the
 * key with a different, seeded mix ({@link OpenAddressing#slot}), so the keys that share a shard
 * still spread over its table.
 */
public final class Shards {

  /** Most shards a map may have: the selector reads 16 bits of the key's hash. */
  public static final int MAX_SHARDS = 1 << 16;

  /** Shards per available processor by default: few enough to stay small, many enough that two
   * threads rarely meet on one shard (1 in 16 at 2 processors). */
  private static final int SHARDS_PER_PROCESSOR = 8;

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
   * The expected entries to size each shard for, so that {@code expectedSize} entries spread by
   * the hash fit without any shard growing except with negligible probability: the mean share
   * plus four standard deviations of a binomial spread.
   *
   * @param expectedSize entries the whole map should hold, at least 0
   * @param shards the shard count
   * @return entries per shard
   * @throws IllegalArgumentException if {@code expectedSize} is negative
   */
  public static int expectedPerShard(int expectedSize, int shards) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expectedSize must not be negative, but was " + expectedSize);
    }
    double mean = expectedSize / (double) shards;
    double sigma = Math.sqrt(mean * (1 - 1.0 / shards));
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(mean + SIGMAS * sigma));
  }

  /**
   * The shard of {@code key}.
   *
   * @param key any key
   * @param mask the shard count minus one
   * @return a shard index in {@code [0, mask]}
   */
  public static int of(long key, int mask) {
    return (int) ((key * GOLDEN_GAMMA) >>> 48) & mask;
  }
}
