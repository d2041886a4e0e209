package org.hotpath.internal;

import static org.hotpath.internal.SplitMix64.GOLDEN_GAMMA;

/**
 * Capacity math and hashing shared by Hotpath's open-addressing tables.
 *
 * <p>Tables are not restricted to powers of two. A key's home slot is derived from the top 32 bits
 * of a multiplicative hash and mapped onto {@code [0, capacity)} with Lemire's "fastrange"
 * reduction, {@code (hash * capacity) >>> 32}, so a table can be sized to exactly
 * {@code expectedSize / loadFactor} slots instead of the next power of two.
 *
 * <p>The hash mixes the key xor a 64-bit seed that is a function of the table's capacity ({@link
 * #seedFor}, SplitMix64 of the capacity). A table's iteration order follows its hash, so
 * inserting one table's keys in its iteration order into a table of another capacity would, with a
 * shared hash function, fill that table's first slots far beyond its load factor: the "copy
 * problem" (HPPC-80, fastutil #53). Tables of different capacities hash independently here, so that
 * cannot happen, and tables of equal capacity hash alike, which is harmless: the keys land in the
 * same relative places as in the source. Iteration order stays a deterministic function of the
 * operations applied, across instances and runs. The seed is not secret: this is no defence
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

  /** Distinguishes Hotpath's seeds from a plain SplitMix64 of small integers. */
  private static final long SEED_SALT = 0x1CEB00DA_5EEDF00DL;

  private OpenAddressing() {}

  /**
   * The hash seed of a table with {@code capacity} slots: well mixed and different for different
   * capacities.
   *
   * @param capacity the table's slot count
   * @return a 64-bit seed
   */
  public static long seedFor(int capacity) {
    return SplitMix64.mix(SEED_SALT + capacity * GOLDEN_GAMMA);
  }

  /**
   * Home slot of an {@code int} key: the key xor the table's seed is folded (xor-shift), multiplied
   * by 2^64/phi, and the two halves of the product are xored into a 32-bit hash, which fastrange
   * maps onto the table. A bare multiply is not enough: its top bits put runs of keys and
   * power-of-two strides into long clusters at some table sizes (measured: 5-95 slots from home on
   * average, against 1.5 for a uniform hash; this mix stays under 3 for every family tested). Two
   * full xor-shift-multiply rounds (SplitMix64's finalizer) spread even better but made lookups
   * 1.5x slower.
   *
   * @param key any key
   * @param seed the table's seed, from {@link #seedFor}
   * @param capacity the table's slot count
   * @return a slot in {@code [0, capacity)}
   */
  public static int slot(int key, long seed, int capacity) {
    return reduce((key & 0xFFFF_FFFFL) ^ seed, capacity);
  }

  /**
   * Home slot of a {@code long} key; as {@link #slot(int, long, int)}, whose first xor-shift also
   * brings the high half of a {@code long} key down where the multiply spreads it.
   *
   * @param key any key
   * @param seed the table's seed, from {@link #seedFor}
   * @param capacity the table's slot count
   * @return a slot in {@code [0, capacity)}
   */
  public static int slot(long key, long seed, int capacity) {
    return reduce(key ^ seed, capacity);
  }

  /** Mixes a seeded key into 32 bits and maps them onto {@code [0, capacity)}. */
  private static int reduce(long seededKey, int capacity) {
    long product = (seededKey ^ (seededKey >>> 32)) * GOLDEN_GAMMA;
    long hash = (product ^ (product >>> 32)) & 0xFFFF_FFFFL;
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
