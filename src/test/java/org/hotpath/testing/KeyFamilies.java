package org.hotpath.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Keys that break weak hash functions, drawn from small pools so that generated operations hit
 * keys already present: sequential runs (both signs), strides of 2^k, multiples of 17, the
 * extremes and 0, plus uniformly random keys.
 */
public final class KeyFamilies {

  /** Distinct indexes per family: small enough that operations often revisit a key. */
  private static final int POOL = 256;

  private KeyFamilies() {}

  /**
   * Hash-hostile {@code int} keys; {@code extra} values (e.g. a map's missing value) join the
   * specials.
   *
   * @param extra additional special keys
   * @return the key arbitrary
   */
  public static Arbitrary<Integer> ints(int... extra) {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, POOL);
    Arbitrary<Integer> specials =
        Arbitraries.oneOf(
            Arbitraries.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1,
                Integer.MAX_VALUE - 1),
            extra.length == 0 ? Arbitraries.just(0) : Arbitraries.of(box(extra)));
    return Arbitraries.frequencyOf(
        Tuple.of(4, index),
        Tuple.of(2, index.map(i -> -i)),
        Tuple.of(
            3,
            Combinators.combine(index, Arbitraries.integers().between(1, 31))
                .as((i, k) -> i << k)),
        Tuple.of(2, index.map(i -> i * 17)),
        Tuple.of(2, specials),
        Tuple.of(1, Arbitraries.integers()));
  }

  /**
   * Hash-hostile {@code long} keys, including strides of 2^32 and beyond that defeat hashes which
   * ignore the high half.
   *
   * @return the key arbitrary
   */
  public static Arbitrary<Long> longs() {
    Arbitrary<Long> index = Arbitraries.longs().between(0, POOL);
    return Arbitraries.frequencyOf(
        Tuple.of(4, index),
        Tuple.of(2, index.map(i -> -i)),
        Tuple.of(
            3,
            Combinators.combine(index, Arbitraries.integers().between(1, 63))
                .as((i, k) -> i << k)),
        Tuple.of(2, index.map(i -> i * 17)),
        Tuple.of(2, index.map(i -> i << 32 | i)),
        Tuple.of(
            2,
            Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
                Long.MAX_VALUE - 1, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE)),
        Tuple.of(1, Arbitraries.longs()));
  }

  private static Integer[] box(int[] values) {
    Integer[] boxed = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }
}
