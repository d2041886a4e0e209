package org.hotpath.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SplitMix64Test {

  private static final long SEED = 0x0DDB_A115_EED5_1234L;

  @ParameterizedTest
  @ValueSource(longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, SEED})
  void shouldProduceTheSameSequenceFromTheSameSeed(long seed) {
    SplitMix64 first = new SplitMix64(seed);
    SplitMix64 second = new SplitMix64(seed);
    for (int i = 0; i < 1_000; i++) {
      assertEquals(first.nextLong(), second.nextLong(), "draw " + i);
    }
  }

  /**
   * {@code java.util.SplittableRandom} is SplitMix64 with the same gamma and finalizer: an
   * independent implementation of the same sequence.
   */
  @ParameterizedTest
  @ValueSource(longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, SEED})
  void shouldMatchSplittableRandomsSequence(long seed) {
    SplitMix64 random = new SplitMix64(seed);
    SplittableRandom reference = new SplittableRandom(seed);
    for (int i = 0; i < 1_000; i++) {
      assertEquals(reference.nextLong(), random.nextLong(), "draw " + i);
    }
  }

  /** The first outputs of Vigna's reference splitmix64.c from state 0. */
  @Test
  void shouldMatchThePublishedOutputsForSeedZero() {
    SplitMix64 random = new SplitMix64(0);
    assertEquals(0xE220A8397B1DCDAFL, random.nextLong());
    assertEquals(0x6E789E6AA1B965F4L, random.nextLong());
    assertEquals(0x06C45D188009454FL, random.nextLong());
  }

  @Test
  void shouldGiveDifferentSeedsDifferentSequences() {
    SplitMix64 a = new SplitMix64(SEED);
    SplitMix64 b = new SplitMix64(SEED + 1);
    int equal = 0;
    for (int i = 0; i < 1_000; i++) {
      if (a.nextLong() == b.nextLong()) {
        equal++;
      }
    }
    assertEquals(0, equal, "draws that coincide");
  }

  @Test
  void shouldReplayTheSequenceFromARestoredState() {
    SplitMix64 random = new SplitMix64(SEED);
    random.nextLong();
    long saved = random.state();
    long[] expected = new long[100];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = i % 3 == 0 ? random.nextInt(1_000) : random.nextLong();
    }
    random.restore(saved);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i], i % 3 == 0 ? random.nextInt(1_000) : random.nextLong(), "draw " + i);
    }
    assertEquals(
        saved, new SplitMix64(saved).state(), "the state is the seed a generator starts from");
  }

  @Test
  void shouldRewindToAnEarlierStateAfterMoreDraws() {
    SplitMix64 random = new SplitMix64(SEED);
    long start = random.state();
    long first = random.nextLong();
    for (int i = 0; i < 10; i++) {
      random.nextLong();
    }
    random.restore(start);
    assertEquals(first, random.nextLong());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 10, 1_000, 1 << 30, Integer.MAX_VALUE})
  void shouldKeepNextIntWithinItsBound(int bound) {
    SplitMix64 random = new SplitMix64(SEED ^ bound);
    int max = -1;
    for (int i = 0; i < 100_000; i++) {
      int value = random.nextInt(bound);
      assertTrue(value >= 0 && value < bound, value + " outside [0, " + bound + ")");
      max = Math.max(max, value);
    }
    if (bound <= 1_000) {
      assertEquals(bound - 1, max, "the largest value is drawn");
    }
  }

  /**
   * Pearson's chi-square over {@code bound} cells, with {@code bound - 1} degrees of freedom. The
   * bounds are the 1e-6 lower and upper tail quantiles of that distribution (scipy {@code
   * chi2.ppf(1e-6, k)} and {@code chi2.isf(1e-6, k)}): a uniform generator leaves them with
   * probability 2e-6, so with this fixed seed a failure means a biased or a too-regular generator
   * (a counter modulo the bound scores 0). Lemire's bias, at most bound / 2^32 per cell, is far
   * below what a million draws can see.
   */
  @ParameterizedTest
  @CsvSource({"10, 0.2284, 44.81", "100, 45.83, 180.79", "1000, 800.73, 1226.05"})
  void shouldDrawNextIntUniformly(int bound, double lowest, double highest) {
    SplitMix64 random = new SplitMix64(SEED);
    int draws = 1_000_000;
    long[] counts = new long[bound];
    for (int i = 0; i < draws; i++) {
      counts[random.nextInt(bound)]++;
    }
    double expected = (double) draws / bound;
    double chiSquare = 0;
    for (long count : counts) {
      chiSquare += (count - expected) * (count - expected) / expected;
    }
    assertTrue(chiSquare > lowest && chiSquare < highest, "chi-square " + chiSquare);
  }

  /**
   * Each of the 64 bits is set in about half of 100,000 draws: the node heights use the low bits.
   * Binomial standard deviation sqrt(n / 4) = 158; 6 sigma = 949.
   */
  @Test
  void shouldSetEveryBitAboutHalfTheTime() {
    SplitMix64 random = new SplitMix64(SEED);
    int draws = 100_000;
    int[] ones = new int[64];
    for (int i = 0; i < draws; i++) {
      long bits = random.nextLong();
      for (int b = 0; b < 64; b++) {
        ones[b] += (int) ((bits >>> b) & 1);
      }
    }
    double tolerance = 6 * Math.sqrt(draws / 4.0);
    for (int b = 0; b < 64; b++) {
      assertTrue(
          Math.abs(ones[b] - draws / 2.0) < tolerance, "bit " + b + " set " + ones[b] + " times");
    }
  }

  @Test
  void shouldHandOutADifferentFreshSeedOnEveryCall() {
    Set<Long> seeds = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(seeds.add(SplitMix64.freshSeed()), "seed repeated after " + i + " calls");
    }
  }
}
