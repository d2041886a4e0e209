package org.hotpath.internal;

/**
 * Capacity math and hashing shared by Hotpath's open-addressing tables.
 *
 * <p>Tables are not restricted to powers of two. A key's home slot is derived from the top 32 bits
 * of a multiplicative hash and mapped onto {@code [0, capacity)} with Lemire's "fastrange"
 * reduction, {@code (hash * capacity) >>> 32}, so a table can be sized to exactly
 * {@code expectedSize / loadFactor} slots instead of the next power of two.
 *
 * <p>The odd 64-bit multiplier of the hash is a function of the table's capacity ({@link
 * #multiplierFor}, SplitMix64 of the capacity). A table's iteration order follows its hash, so
 * inserting one table's keys in its iteration order into a table of another capacity would, with a
 * shared hash function, fill that table's first slots far beyond its load factor: the "copy
 * problem" (HPPC-80, fastutil #53). Tables of different capacities hash independently here, so that
 * cannot happen, and tables of equal capacity hash alike, which is harmless: the keys land in the
 * same relative places as in the source. Iteration order stays a deterministic function of the
 * operations applied, across instances and runs. The multiplier is not secret: this is no defence
 * against deliberate hash flooding.
 */
public final class OpenAddressing {

  /** Default fraction of slots a table fills before it grows. */
  public static final float DEFAULT_LOAD_FACTOR = 0.75f;

  /** Entries a default-constructed table holds before its first resize. */
  public static final int DEFAULT_EXPECTED_SIZE = 8;

  /** Largest table: 2^30 slots, so that {@code capacity * 2} and slot arithmetic never overflow. */
  public static final int MAX_CAPACITY = 1 << 30;

  /** Smallest table: probing needs at least one slot that is always empty. */
  private static final int MIN_CAPACITY = 2;

  /** 2^64 / golden ratio, the SplitMix64 increment. */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  /** Distinguishes Hotpath's multipliers from a plain SplitMix64 of small integers. */
  private static final long MULTIPLIER_SALT = 0x1CEB00DA_5EEDF00DL;

  private OpenAddressing() {}

  /**
   * The hash multiplier of a table with {@code capacity} slots: well mixed, odd, and different for
   * different capacities.
   *
   * @param capacity the table's slot count
   * @return an odd 64-bit multiplier
   */
  public static long multiplierFor(int capacity) {
    long z = MULTIPLIER_SALT + capacity * GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) | 1L;
  }

  /**
   * Home slot of an {@code int} key.
   *
   * @param key any key
   * @param multiplier the table's odd multiplier
   * @param capacity the table's slot count
   * @return a slot in {@code [0, capacity)}
   */
  public static int slot(int key, long multiplier, int capacity) {
    long hash = ((key & 0xFFFF_FFFFL) * multiplier) >>> 32;
    return (int) ((hash * capacity) >>> 32);
  }

  /**
   * Home slot of a {@code long} key. The xor-shift folds the high half into the low half first, so
   * every key bit reaches the top bits of the product.
   *
   * @param key any key
   * @param multiplier the table's odd multiplier
   * @param capacity the table's slot count
   * @return a slot in {@code [0, capacity)}
   */
  public static int slot(long key, long multiplier, int capacity) {
    long hash = ((key ^ (key >>> 32)) * multiplier) >>> 32;
    return (int) ((hash * capacity) >>> 32);
  }

  /**
   * Whether an entry found at {@code slot} whose home is {@code home} may move back into the
   * empty slot {@code hole} without becoming unreachable, i.e. whether {@code home} lies outside the
   * cyclic interval {@code (hole, slot]}. This is the test of backward-shift deletion.
   *
   * @param hole the empty slot
   * @param slot where the entry is now, cyclically after {@code hole}
   * @param home the entry's home slot
   * @return {@code true} if the entry may fill the hole
   */
  public static boolean canFillHole(int hole, int slot, int home) {
    return hole <= slot ? home <= hole || home > slot : home <= hole && home > slot;
  }

  /**
   * Validates a load factor.
   *
   * @param loadFactor the requested load factor
   * @return {@code loadFactor}
   * @throws IllegalArgumentException if it is not strictly between 0 and 1 (NaN included)
   */
  public static float checkLoadFactor(float loadFactor) {
    if (!(loadFactor > 0f && loadFactor < 1f)) {
      throw new IllegalArgumentException(
          "loadFactor must be strictly between 0 and 1, but was " + loadFactor);
    }
    return loadFactor;
  }

  /**
   * Slot count for a table that must hold {@code expectedSize} entries without resizing.
   *
   * @param expectedSize entries to hold, at least 0
   * @param loadFactor a load factor already checked by {@link #checkLoadFactor}
   * @return a capacity whose {@link #threshold} is at least {@code expectedSize}
   * @throws IllegalArgumentException if {@code expectedSize} is negative or needs more than
   *     {@link #MAX_CAPACITY} slots
   */
  public static int capacityFor(int expectedSize, float loadFactor) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expectedSize must not be negative, but was " + expectedSize);
    }
    long capacity = Math.max(MIN_CAPACITY, (long) Math.ceil(expectedSize / (double) loadFactor));
    while (capacity <= MAX_CAPACITY && threshold((int) capacity, loadFactor) < expectedSize) {
      capacity++; // absorbs rounding in the division above
    }
    if (capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "expectedSize "
              + expectedSize
              + " exceeds the largest table for loadFactor "
              + loadFactor
              + ": at most "
              + threshold(MAX_CAPACITY, loadFactor)
              + " entries");
    }
    return (int) capacity;
  }

  /**
   * Entries a table of {@code capacity} slots holds before it must grow; always leaves one slot
   * empty so that every probe terminates.
   *
   * @param capacity the slot count
   * @param loadFactor the load factor
   * @return the largest number of occupied slots allowed
   */
  public static int threshold(int capacity, float loadFactor) {
    return (int) Math.min(capacity - 1L, (long) (capacity * (double) loadFactor));
  }

  /**
   * Capacity after growth: double, capped at {@link #MAX_CAPACITY}.
   *
   * @param capacity the current slot count
   * @param size the current number of occupied slots, for the error message
   * @param type the class name to report
   * @return the new capacity
   * @throws IllegalStateException if the table is already at its largest
   */
  public static int grownCapacity(int capacity, int size, String type) {
    if (capacity >= MAX_CAPACITY) {
      throw new IllegalStateException(type + " is full: it cannot hold more than " + size + " entries");
    }
    return (int) Math.min(MAX_CAPACITY, capacity * 2L);
  }
}
