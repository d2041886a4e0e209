package org.hotpath.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Steele, Lea and Flood's SplitMix64 generator ("Fast splittable pseudorandom number generators",
 * OOPSLA 2014): a 64-bit counter advanced by 2^64/phi and passed through a finalizer. Its whole
 * state is one {@code long}, so it can be saved and replayed, and it allocates nothing. Not for
 * security; not thread-safe.
 */
public final class SplitMix64 {

  /** 2^64 / golden ratio: the counter increment, odd so the counter has full period. */
  public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  /** Hands each unseeded instance a different starting point, as SplittableRandom does. */
  private static final AtomicLong SEED_SOURCE = new AtomicLong(mix(System.nanoTime()));

  private long state;

  /**
   * Creates a generator whose sequence is a function of {@code seed}.
   *
   * @param seed any value
   */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * A seed that differs between calls and between runs.
   *
   * @return a well-mixed seed
   */
  public static long freshSeed() {
    return mix(SEED_SOURCE.getAndAdd(GOLDEN_GAMMA) ^ System.nanoTime());
  }

  /**
   * SplitMix64's finalizer (Stafford's variant 13): a bijection on 64 bits with full avalanche.
   *
   * @param z any value
   * @return the mixed value
   */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The next 64 random bits.
   *
   * @return a uniformly distributed {@code long}
   */
  public long nextLong() {
    return mix(state += GOLDEN_GAMMA);
  }

  /**
   * A uniform int in {@code [0, bound)} by Lemire's multiply-shift (bias below 2^-32 * bound).
   *
   * @param bound exclusive upper bound, positive
   * @return a value in {@code [0, bound)}
   */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /**
   * The whole state, to {@link #restore} later and replay the same sequence.
   *
   * @return the state
   */
  public long state() {
    return state;
  }

  /**
   * Rewinds or advances the generator to a saved state.
   *
   * @param savedState a value from {@link #state()}
   */
  public void restore(long savedState) {
    this.state = savedState;
  }
}
