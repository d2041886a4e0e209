package org.hotpath.internal;

import java.security.SecureRandom;

/**
 * Layout, capacity math, hashing and bit tricks of Hotpath's hash tables, which are bucketized
 * two-choice cuckoo tables over a {@code long[]} of chunks. {@link Cuckoo} holds the algorithms
 * that move entries; the maps hold their own lookups, written against these helpers.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * A table is a long[] of C chunks of 8 longs, one cache line each when the array happens to be
 * aligned, two adjacent lines otherwise:
 *
 *   t[8c]          header: | hint | tag6 | tag5 | tag4 | tag3 | tag2 | tag1 | tag0 |   (byte 7 .. byte 0)
 *   t[8c+1..8c+7]  seven slots: a packed entry (int map) or a key (object map, values beside)
 *
 *   tag j:  0 = slot j+1 empty; 0x80 | 7 hash bits = slot j+1 occupied (the high bit is the flag).
 *   hint:   how many keys whose first chunk is c live in their second chunk (saturates at 255,
 *           and a saturated hint is never decremented: it then only means "maybe").
 *
 * Hashing: x = key ^ (key >>> 32) (the identity on an int key zero-extended), p = (x ^ (x >>> 16))
 *   * mul1, h1 = p ^ (p >>> 32). The first chunk is fastrange
 *   of h1's low 32 bits, c1 = (h1 & 0xFFFFFFFF) * C >>> 32, so C need not be a power of two; the
 *   tag is 7 bits of h1's high half. The second chunk c2 comes the same way from mul2, and is moved
 *   off c1 when it lands on it. The shifts are measured, not decoration: a bare multiply (fastrange
 *   of the product's high half) crowded 29% of the keys i << 38 out of their first chunk at some
 *   chunk counts (a Weyl sequence whose step resonates with C); with the final fold alone, 25% of
 *   one shard's keys i << 8; with both, every family tested stays under 12%, against 9% for a
 *   uniform hash (ChunksTest, ShardsTest); a second multiply reached 9.3% for one more multiply. With a secret multiplier this is multiply-shift hashing in the manner of
 *   Dietzfelbinger et al. (1997), folded: no key set can be chosen to collide without the seed.
 * Lookup: a key lives in c1 or c2, nowhere else. Match the tag against the header's seven bytes
 *   at once (SWAR: a zero byte of header ^ broadcast(tag)), compare the key in each matching slot.
 *   At most two chunks, whatever the keys: no chain, no probe sequence, nothing an attacker can
 *   lengthen. Misses read both chunks; hits read the first (91% of keys at load 0.8 when filled,
 *   74% after long churn), then the second.
 * Insertion: into c1 if it has a free slot, else into c2 (incrementing c1's hint), else make
 *   room by moving one resident of c1 or c2 to its own other chunk, or, one level deeper, by
 *   moving a resident of that chunk first (at most 2 moves, 42 candidates looked at). If even that
 *   fails, the table is rebuilt with a new seed (the flood defence) and the insertion retried.
 * Deletion: clear the tag (and c1's hint if the entry was in c2). Nothing moves, so a cursor can
 *   remove the entry it stands on, and a table never fills with tombstones.
 * Seeds: the multipliers are SplitMix64 of (seed, C). Seeds 0..2 are public and tried in turn, so
 *   iteration order is a function of the operations applied; a table of another chunk count hashes
 *   independently (no copy problem, HPPC-80). Once those fail, the seed comes from SecureRandom.
 * Notation: t = table, c = a chunk index, base = 8c, i = a slot index (base+1..base+7), p or h = a
 *   hash, m = a bit set over a header's tag bytes (bit 8j+7 stands for slot j+1).
 * }</pre>
 */
public final class Chunks {

  /** Slots per chunk: seven entries share a chunk with their header. */
  public static final int SLOTS = 7;

  /** {@code log2} of the longs per chunk (a header and {@link #SLOTS} slots). */
  public static final int SHIFT = 3;

  /** Default fraction of slots a table fills before it grows. */
  public static final float DEFAULT_LOAD_FACTOR = 0.8f;

  /**
   * Largest load factor: above it a full table needs deep rearrangements for too many inserts
   * (simulated: at 0.9 one insert in 1,600 needs a second-level move under churn, at 0.8 one in
   * seven million).
   */
  public static final float MAX_LOAD_FACTOR = 0.875f;

  /** Entries a default-constructed table holds before it first grows. */
  public static final int DEFAULT_EXPECTED_SIZE = 8;

  /** Largest table: 2^27 chunks (2^30 longs, 8 GiB), so that slot arithmetic never overflows. */
  public static final int MAX_CHUNKS = 1 << 27;

  /** Smallest table: two chunks, so that every key has two different chunks. */
  private static final int MIN_CHUNKS = 2;

  /** Broadcasts a byte to the seven tag bytes (and the hint byte, which masks drop). */
  private static final long BYTES = 0x0101_0101_0101_0101L;

  /** The occupied flag of each of the seven tag bytes. */
  private static final long TAG_FLAGS = 0x0080_8080_8080_8080L;

  /** The hint byte's lowest bit. */
  private static final long HINT_ONE = 1L << 56;

  /** A saturated hint: never decremented again. */
  private static final int HINT_SATURATED = 0xFF;

  /** Public seeds tried before a secret one: 0, 1 and 2. */
  private static final long PUBLIC_SEEDS = 3;

  /** Set in every secret seed, never in a public one. */
  private static final long SECRET = Long.MIN_VALUE;

  /** Salts that make the two multipliers, and Hotpath's from a plain SplitMix64, independent. */
  private static final long SALT_1 = 0x1CEB_00DA_5EED_F00DL;
  private static final long SALT_2 = 0x7A11_C0DE_D00D_FEEDL;

  /** An odd constant spreading the chunk count into the seed (2^64 / sqrt(5), rounded to odd). */
  private static final long CHUNK_GAMMA = 0x7249_2B66_8C6C_2B3BL;

  private Chunks() {}

  /* ---------------- Capacity ---------------- */

  /**
   * Validates a load factor.
   *
   * @param loadFactor the requested load factor
   * @return {@code loadFactor}
   * @throws IllegalArgumentException if it is not in {@code (0, 0.875]} (NaN included)
   */
  public static float checkLoadFactor(float loadFactor) {
    if (!(loadFactor > 0f && loadFactor <= MAX_LOAD_FACTOR)) {
      throw new IllegalArgumentException(
          "loadFactor must be greater than 0 and at most " + MAX_LOAD_FACTOR + ", but was " + loadFactor);
    }
    return loadFactor;
  }

  /**
   * Chunks for a table that holds {@code expectedSize} entries without growing.
   *
   * @param expectedSize entries to hold, at least 0
   * @param loadFactor a load factor already checked by {@link #checkLoadFactor}
   * @return a chunk count whose {@link #threshold} is at least {@code expectedSize}
   * @throws IllegalArgumentException if {@code expectedSize} is negative or needs more than
   *     {@link #MAX_CHUNKS} chunks
   */
  public static int chunksFor(int expectedSize, float loadFactor) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expectedSize must not be negative, but was " + expectedSize);
    }
    long chunks = Math.max(MIN_CHUNKS, (long) Math.ceil(expectedSize / (SLOTS * (double) loadFactor)));
    while (chunks <= MAX_CHUNKS && threshold((int) chunks, loadFactor) < expectedSize) {
      chunks++; // absorbs rounding in the division above
    }
    if (chunks > MAX_CHUNKS) {
      throw new IllegalArgumentException(
          "expectedSize " + expectedSize + " exceeds the largest table for loadFactor " + loadFactor
              + ": at most " + threshold(MAX_CHUNKS, loadFactor) + " entries");
    }
    return (int) chunks;
  }

  /**
   * Entries a table of {@code chunks} chunks holds before it must grow.
   *
   * @param chunks the chunk count
   * @param loadFactor the load factor
   * @return the largest number of entries allowed
   */
  public static int threshold(int chunks, float loadFactor) {
    return (int) Math.min(Integer.MAX_VALUE, (long) ((long) chunks * SLOTS * (double) loadFactor));
  }

  /**
   * Chunk count after growth: double, capped at {@link #MAX_CHUNKS}.
   *
   * @param chunks the current chunk count
   * @param size the current number of entries, for the error message
   * @param type the class name to report
   * @return the new chunk count
   * @throws IllegalStateException if the table is already at its largest
   */
  public static int grownChunks(int chunks, int size, String type) {
    if (chunks >= MAX_CHUNKS) {
      throw new IllegalStateException(type + " is full: it cannot hold more than " + size + " entries");
    }
    return Math.min(MAX_CHUNKS, chunks * 2);
  }

  /**
   * Chunk count of a table.
   *
   * @param t the table
   * @return its chunks
   */
  public static int chunks(long[] t) {
    return t.length >>> SHIFT;
  }

  /* ---------------- Seeds and hashing ---------------- */

  /**
   * The first multiplier of a table.
   *
   * @param seed the table's seed
   * @param chunks its chunk count
   * @return an odd 64-bit multiplier
   */
  public static long mul1(long seed, int chunks) {
    return SplitMix64.mix(seed * SplitMix64.GOLDEN_GAMMA + chunks * CHUNK_GAMMA + SALT_1) | 1L;
  }

  /**
   * The second multiplier of a table.
   *
   * @param seed the table's seed
   * @param chunks its chunk count
   * @return an odd 64-bit multiplier, independent of {@link #mul1}
   */
  public static long mul2(long seed, int chunks) {
    return SplitMix64.mix(seed * SplitMix64.GOLDEN_GAMMA + chunks * CHUNK_GAMMA + SALT_2) | 1L;
  }

  /**
   * The seed to rebuild with after {@code seed} could not place a key: the next public seed, and
   * after the last one a secret seed from {@link SecureRandom}.
   *
   * @param seed the failing seed
   * @return a different seed
   */
  public static long nextSeed(long seed) {
    if (!isSecret(seed) && seed + 1 < PUBLIC_SEEDS) {
      return seed + 1;
    }
    return SecretSeeds.next();
  }

  /**
   * Whether a seed came from {@link SecureRandom}: the table's order then differs between runs.
   *
   * @param seed a table's seed
   * @return {@code true} if it is secret
   */
  public static boolean isSecret(long seed) {
    return (seed & SECRET) != 0;
  }

  /**
   * The hash of an {@code int} key (zero-extended): the key xor-shifted, multiplied, and the
   * product's high half folded onto its low half.
   *
   * @param key any key
   * @param mul a multiplier
   * @return the 64-bit hash
   */
  public static long hash(int key, long mul) {
    long x = key & 0xFFFF_FFFFL;
    long p = (x ^ (x >>> 16)) * mul;
    return p ^ (p >>> 32);
  }

  /**
   * The hash of a {@code long} key: as {@link #hash(int, long)}, after folding the key's high half
   * onto its low half (a bijection), so that keys differing only in their high half differ where
   * the multiply looks. On an {@code int} key zero-extended it equals {@link #hash(int, long)}.
   *
   * @param key any key
   * @param mul a multiplier
   * @return the 64-bit hash
   */
  public static long hash(long key, long mul) {
    long x = key ^ (key >>> 32);
    long p = (x ^ (x >>> 16)) * mul;
    return p ^ (p >>> 32);
  }

  /**
   * The chunk a hash selects: fastrange of its low 32 bits.
   *
   * @param h a hash
   * @param chunks the chunk count
   * @return a chunk in {@code [0, chunks)}
   */
  public static int chunk(long h, int chunks) {
    return (int) (((h & 0xFFFF_FFFFL) * chunks) >>> 32);
  }

  /**
   * The second chunk of a key whose first chunk is {@code c1}: the chunk {@code p2} selects, or
   * the next one if that is {@code c1}.
   *
   * @param p2 the key's hash with the second multiplier
   * @param c1 the key's first chunk
   * @param chunks the chunk count, at least 2
   * @return a chunk other than {@code c1}
   */
  public static int second(long p2, int c1, int chunks) {
    int c = chunk(p2, chunks);
    return c != c1 ? c : c1 + 1 == chunks ? 0 : c1 + 1;
  }

  /**
   * The tag of a key: 7 bits of the high half of its first hash (the chunk comes from the low
   * half), and the occupied flag.
   *
   * @param h1 the key's hash with the first multiplier
   * @return a tag byte in {@code [0x80, 0xFF]}
   */
  public static long tag(long h1) {
    return ((h1 >>> 32) & 0x7F) | 0x80;
  }

  /**
   * A tag broadcast to every byte, for {@link #matches}.
   *
   * @param tag a tag from {@link #tag}
   * @return the pattern
   */
  public static long pattern(long tag) {
    return tag * BYTES;
  }

  /* ---------------- Headers ---------------- */

  /**
   * The slots of a chunk whose tag equals the pattern's: every match, and possibly a false one
   * just above a match (a borrow; the key comparison that follows rejects it).
   *
   * @param header a chunk's header
   * @param pattern from {@link #pattern}
   * @return a bit set in the header's layout
   */
  public static long matches(long header, long pattern) {
    long x = header ^ pattern;
    return (x - BYTES) & ~x & TAG_FLAGS;
  }

  /**
   * The free slots of a chunk.
   *
   * @param header a chunk's header
   * @return a bit set in the header's layout
   */
  public static long free(long header) {
    return ~header & TAG_FLAGS;
  }

  /**
   * The occupied slots of a chunk.
   *
   * @param header a chunk's header
   * @return a bit set in the header's layout
   */
  public static long occupied(long header) {
    return header & TAG_FLAGS;
  }

  /**
   * The slot of the lowest bit of {@code m}.
   *
   * @param base the chunk's first index (8c)
   * @param m a non-empty bit set from {@link #matches}, {@link #free} or {@link #occupied}
   * @return a slot index in {@code (base, base + 7]}
   */
  public static int slot(int base, long m) {
    return base + 1 + (Long.numberOfTrailingZeros(m) >>> 3);
  }

  /**
   * The first index of a slot's chunk.
   *
   * @param i a slot index
   * @return its chunk's header index
   */
  public static int base(int i) {
    return i & ~((1 << SHIFT) - 1);
  }

  /**
   * A header with slot {@code i}'s tag set.
   *
   * @param header the chunk's header, slot {@code i} free
   * @param i a slot of the chunk
   * @param tag the tag
   * @return the new header
   */
  public static long withTag(long header, int i, long tag) {
    return header | tag << tagShift(i);
  }

  /**
   * A header with slot {@code i} free.
   *
   * @param header the chunk's header
   * @param i a slot of the chunk
   * @return the new header
   */
  public static long withoutTag(long header, int i) {
    return header & ~(0xFFL << tagShift(i));
  }

  /**
   * The tag of slot {@code i}.
   *
   * @param header the chunk's header
   * @param i a slot of the chunk
   * @return the tag byte, 0 if the slot is free
   */
  public static long tagAt(long header, int i) {
    return (header >>> tagShift(i)) & 0xFF;
  }

  /**
   * Whether some key whose first chunk this is may live in its second chunk.
   *
   * @param header a chunk's header
   * @return {@code false} only if none does
   */
  public static boolean hasHint(long header) {
    return (header >>> 56) != 0;
  }

  /**
   * A header whose hint counts one more key living in its second chunk.
   *
   * @param header a first chunk's header
   * @return the new header (unchanged once saturated)
   */
  public static long hintUp(long header) {
    return (header >>> 56) == HINT_SATURATED ? header : header + HINT_ONE;
  }

  /**
   * A header whose hint counts one key fewer; a saturated hint stays.
   *
   * @param header a first chunk's header, hint non-zero
   * @return the new header
   */
  public static long hintDown(long header) {
    return (header >>> 56) == HINT_SATURATED ? header : header - HINT_ONE;
  }

  /**
   * The first occupied slot at or after {@code from}, in ascending order of chunks and slots.
   *
   * @param t the table
   * @param from a slot or header index, at least 0
   * @return a slot index, or -1 if there is none
   */
  public static int nextSlot(long[] t, int from) {
    int base = base(from);
    long m = occupied(from - base <= 1 ? -1L : -1L << tagShift(from));
    while (base < t.length) {
      long occupied = occupied(t[base]) & m;
      if (occupied != 0) {
        return slot(base, occupied);
      }
      base += 1 << SHIFT;
      m = -1L;
    }
    return -1;
  }

  private static int tagShift(int i) {
    return ((i & ((1 << SHIFT) - 1)) - 1) << 3;
  }

  /** The secure random source, created only when a table first needs a secret seed. */
  private static final class SecretSeeds {
    private static final SecureRandom RANDOM = new SecureRandom();

    static long next() {
      return RANDOM.nextLong() | SECRET;
    }
  }
}
