package org.hotpath.collections;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hotpath.internal.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shape of the skip list: node heights follow the geometric law with p = 1/4, from the raw
 * generator and in laid-out maps. All seeds are fixed, so each check is deterministic; tolerances
 * are 6 standard deviations, which a correct implementation leaves with probability 2e-9 per check
 * for a random seed.
 *
 * <p>For a height h drawn with P(h >= k) = q_k = 4^-(k-1): mean 4/3 and standard deviation 2/3
 * (geometric with success probability 3/4: variance (1/4) / (3/4)^2 = 4/9). Over n draws the count
 * of heights >= k is binomial(n, q_k), with standard deviation sqrt(n q_k (1 - q_k)).
 */
class Long2ObjectSkipListMapShapeTest {

  private static final long SEED = 0x5AFE_5EED_0000_0001L;

  private static final int DRAWS = 1_000_000;

  /** Entries of the real maps below. */
  private static final int ENTRIES = 100_000;

  private static final double SIGMAS = 6;

  private long sink;

  /* ---------------- The level generator ---------------- */

  /** Each pair of trailing zero bits adds a level, up to the cap. */
  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "-1, 1",
    "2, 1",
    "4, 2",
    "8, 2",
    "16, 3",
    "48, 3",
    "64, 4",
    "68719476736, 19", // 2^36: 18 pairs
    "274877906944, 20", // 2^38: 19 pairs, the cap
    "4611686018427387904, 20", // 2^62
    "-9223372036854775808, 20", // 2^63
    "0, 20"
  })
  void shouldAddALevelForEachPairOfTrailingZeroBits(long bits, int height) {
    assertEquals(height, Long2ObjectSkipListMap.height(bits));
  }

  /** Mean 4/3; standard error (2/3) / sqrt(10^6) = 6.7e-4, so 6 sigma is 0.004. */
  @Test
  void shouldDrawHeightsWithMeanFourThirds() {
    SplitMix64 random = new SplitMix64(SEED);
    long total = 0;
    for (int i = 0; i < DRAWS; i++) {
      total += Long2ObjectSkipListMap.height(random.nextLong());
    }
    double mean = (double) total / DRAWS;
    double tolerance = SIGMAS * (2.0 / 3) / Math.sqrt(DRAWS);
    assertEquals(4.0 / 3, mean, tolerance, "mean height");
  }

  /**
   * The fraction of heights >= h is 4^-(h-1) for h = 2..6: 1/4, 1/16, 1/64, 1/256, 1/1024, each
   * within 6 binomial standard deviations (for h = 6: 977 expected, sigma 31, tolerance 188).
   */
  @Test
  void shouldDrawHeightAtLeastHWithProbabilityFourToTheOneMinusH() {
    SplitMix64 random = new SplitMix64(SEED);
    int[] histogram = new int[Long2ObjectSkipListMap.MAX_HEIGHT + 1];
    for (int i = 0; i < DRAWS; i++) {
      histogram[Long2ObjectSkipListMap.height(random.nextLong())]++;
    }
    assertGeometricQuarter(histogram, DRAWS, "heights drawn from SplitMix64");
  }

  /**
   * The tallest of 10^6 draws: P(h >= 17) = 4^-16, so 10^6 draws reach 17 with probability 2.3e-4.
   * The cap holds for every input, zero bits included.
   */
  @Test
  void shouldDrawNoHeightAboveSixteenInAMillionAndNoneAboveTheCap() {
    SplitMix64 random = new SplitMix64(SEED);
    int max = 0;
    for (int i = 0; i < DRAWS; i++) {
      max = Math.max(max, Long2ObjectSkipListMap.height(random.nextLong()));
    }
    assertTrue(max <= 16, "tallest of " + DRAWS + " draws: " + max);
    assertTrue(
        max >= 8, "tallest of " + DRAWS + " draws: " + max + "; 4^-7 * 10^6 = 61 expected >= 8");
    for (int zeros = 0; zeros < 64; zeros++) {
      int height = Long2ObjectSkipListMap.height(1L << zeros);
      assertTrue(height >= 1 && height <= Long2ObjectSkipListMap.MAX_HEIGHT, "height " + height);
    }
  }

  @Test
  void shouldDrawHeightsWithoutAllocating() {
    SplitMix64 random = new SplitMix64(SEED);
    assertAllocationFree(
        "SplitMix64.nextLong and height",
        () -> {
          for (int i = 0; i < 1_000; i++) {
            sink += Long2ObjectSkipListMap.height(random.nextLong());
          }
        });
    assertTrue(sink > 0);
  }

  /* ---------------- Laid-out maps ---------------- */

  /*
   * The node heights of a map are drawn when its arrays are laid out (construction, growth,
   * compact()). A map presized for its entries and filled to capacity has every node live, so the
   * heights of nodes 1..capacity are the heights of its entries. No accessor gives the node of a
   * key, so these tests cannot check which keys got the tall nodes (for example, that each quarter
   * of the key space gets a quarter of them); they check the heights of all nodes.
   */

  @Test
  void shouldGiveQuarterHeightsToAFullMapFilledInAscendingOrder() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(ENTRIES, SEED);
    for (long key = 0; key < ENTRIES; key++) {
      map.put(key, "v");
    }
    assertFull(map);
    assertLiveHeights(map, "ascending inserts");
  }

  @Test
  void shouldGiveQuarterHeightsToAFullMapFilledFromFourInterleavedStreams() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(ENTRIES, SEED + 1);
    for (long i = 0; i < ENTRIES / 4; i++) {
      for (long stream = 0; stream < 4; stream++) {
        map.put(stream * 1_000_000_000_000L + i, "v");
      }
    }
    assertFull(map);
    assertLiveHeights(map, "round-robin of four ascending streams");
  }

  /**
   * Churn in a presized map: random removals (single keys, ranges, polls, cursor removals) and
   * inserts, ending full. Removed nodes keep their heights and are reused.
   */
  /**
   * The height an insert receives is independent of its key and of the insertion order: for keys
   * inserted in ascending order, in descending order, or round-robin from four streams of disjoint
   * key ranges, each quarter of the keys (by rank) holds a quarter of the tall nodes, not the tall
   * nodes of the first quarter of inserts.
   */
  @ParameterizedTest
  @CsvSource({"ascending", "descending", "round-robin"})
  void shouldGiveEachQuarterOfTheKeysAQuarterOfTheTallNodes(String order) {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(ENTRIES, SEED + 5);
    long[] keys = new long[ENTRIES]; // ascending: quarter q holds ranks [q n/4, (q+1) n/4)
    for (int i = 0; i < ENTRIES; i++) {
      int stream = i / (ENTRIES / 4);
      keys[i] = stream * 1_000_000_000_000L + i;
    }
    for (int i = 0; i < ENTRIES; i++) {
      long key =
          switch (order) {
            case "ascending" -> keys[i];
            case "descending" -> keys[ENTRIES - 1 - i];
            default -> keys[(i % 4) * (ENTRIES / 4) + i / 4]; // one key from each stream in turn
          };
      map.put(key, "v");
    }
    int tall = 0;
    int[] tallPerQuarter = new int[4];
    for (int i = 0; i < ENTRIES; i++) {
      int node = map.nodeOf(keys[i]);
      assertTrue(node > 0, "key " + keys[i] + " is mapped");
      if (map.nodeHeight(node) >= 2) {
        tall++;
        tallPerQuarter[i / (ENTRIES / 4)]++;
      }
    }
    // Given `tall` tall nodes placed independently of the keys, each quarter's count is
    // binomial(tall, 1/4).
    double sigma = Math.sqrt(tall * 0.25 * 0.75);
    for (int q = 0; q < 4; q++) {
      assertEquals(tall / 4.0, tallPerQuarter[q], SIGMAS * sigma, order + ": tall nodes in quarter " + q);
    }
  }

  @Test
  void shouldKeepQuarterHeightsThroughRemoveAndReinsertChurn() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(ENTRIES, SEED + 2);
    SplittableRandom random = new SplittableRandom(SEED);
    fillRandomly(map, random, ENTRIES);
    churn(map, random);
    fillRandomly(map, random, ENTRIES);
    assertFull(map);
    assertLiveHeights(map, "churn in a presized map");
  }

  /**
   * A map that grows from nothing, churns and is compacted: compact() lays the entries out again
   * with fresh heights, so that every node is live again.
   */
  @Test
  void shouldGiveQuarterHeightsAfterGrowthChurnAndCompact() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, SEED + 3);
    SplittableRandom random = new SplittableRandom(SEED + 3);
    fillRandomly(map, random, ENTRIES);
    churn(map, random);
    fillRandomly(map, random, ENTRIES);
    map.compact();
    assertFull(map);
    assertEquals(ENTRIES, map.capacity());
    assertLiveHeights(map, "growth, churn and compact");
  }

  /**
   * A grown map has live and free nodes, all laid out together at its last growth: their heights
   * follow the same law.
   */
  @Test
  void shouldGiveQuarterHeightsToTheNodesOfAGrownMap() {
    Long2ObjectSkipListMap<String> map = new Long2ObjectSkipListMap<>(0, SEED + 4);
    for (long key = ENTRIES; key > 0; key--) {
      map.put(key, "v");
    }
    assertTrue(map.capacity() >= ENTRIES, "capacity " + map.capacity());
    assertLiveHeights(map, "all nodes of a grown map");
  }

  /* ---------------- Helpers ---------------- */

  /**
   * The heights of nodes 1..capacity: at most the cap, tallest first, and distributed as p = 1/4
   * prescribes.
   */
  private static void assertLiveHeights(Long2ObjectSkipListMap<?> map, String what) {
    int nodes = map.capacity();
    int[] histogram = new int[Long2ObjectSkipListMap.MAX_HEIGHT + 1];
    int previous = Long2ObjectSkipListMap.MAX_HEIGHT;
    for (int id = 1; id <= nodes; id++) {
      int height = map.nodeHeight(id);
      assertTrue(height >= 1 && height <= Long2ObjectSkipListMap.MAX_HEIGHT, "height " + height);
      assertTrue(height <= previous, what + ": node " + id + " is taller than node " + (id - 1));
      previous = height;
      histogram[height]++;
    }
    assertGeometricQuarter(histogram, nodes, what);
  }

  /**
   * {@code histogram[h]} counts heights h out of {@code n}: the count of heights >= k is within 6
   * binomial standard deviations of n 4^-(k-1) for k = 2..6, and the mean within 6 standard errors
   * of 4/3.
   */
  private static void assertGeometricQuarter(int[] histogram, int n, String what) {
    long total = 0;
    for (int h = 1; h < histogram.length; h++) {
      total += (long) h * histogram[h];
    }
    double meanTolerance = SIGMAS * (2.0 / 3) / Math.sqrt(n);
    assertEquals(4.0 / 3, (double) total / n, meanTolerance, what + ": mean height");
    for (int k = 2; k <= 6; k++) {
      int atLeast = 0;
      for (int h = k; h < histogram.length; h++) {
        atLeast += histogram[h];
      }
      double q = Math.pow(4, -(k - 1));
      double expected = n * q;
      double tolerance = SIGMAS * Math.sqrt(n * q * (1 - q));
      assertEquals(expected, atLeast, tolerance, what + ": heights >= " + k + " out of " + n);
    }
  }

  private static void assertFull(Long2ObjectSkipListMap<?> map) {
    assertEquals(ENTRIES, map.size());
    assertEquals(map.size(), map.capacity(), "every node is live");
  }

  private static void fillRandomly(
      Long2ObjectSkipListMap<String> map, SplittableRandom random, int size) {
    while (map.size() < size) {
      map.putIfAbsent(random.nextLong(), "v");
    }
  }

  /** Ten rounds, each removing about a fifth of the entries in various ways and refilling. */
  private static void churn(Long2ObjectSkipListMap<String> map, SplittableRandom random) {
    Long2ObjectSkipListMap<String>.Cursor cursor = map.newCursor();
    for (int round = 0; round < 10; round++) {
      int size = map.size();
      for (int i = 0; i < size / 20; i++) {
        cursor.seekCeiling(random.nextLong());
        if (cursor.next()) {
          cursor.remove();
        }
        map.pollFirstValue();
        map.pollLastValue();
      }
      long from = random.nextLong();
      long width = Long.MAX_VALUE / 20; // a fortieth of the key space
      map.removeRange(from, from > Long.MAX_VALUE - width ? Long.MAX_VALUE : from + width);
      map.removeIf((k, v) -> (k & 63) == 0);
      fillRandomly(map, random, size);
    }
  }
}
