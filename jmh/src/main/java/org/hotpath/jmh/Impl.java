package org.hotpath.jmh;

import java.util.Locale;

/**
 * The implementations compared, as spelled in {@code -p impl=...}, and how each one is presized.
 *
 * <p>Every constructor that takes a size is given the number of entries the map must hold without
 * resizing. Libraries disagree on what their size argument means, so it is converted here once.
 */
enum Impl {
  /** Hotpath: {@code expectedSize} entries, never resizes below it. */
  HOTPATH,
  /** {@code java.util.HashMap}, boxed keys and values. */
  JDK,
  /** fastutil {@code *OpenHashMap}: takes the expected number of entries. */
  FASTUTIL,
  /** Agrona {@code org.agrona.collections}: takes a raw initial capacity. */
  AGRONA,
  /** HPPC: takes the expected number of entries. */
  HPPC,
  /** Eclipse Collections primitive maps: take the expected number of entries. */
  ECLIPSE;

  /** {@code java.util.HashMap}'s default load factor. */
  static final float JDK_LOAD_FACTOR = 0.75f;

  /** Agrona's default load factor ({@code org.agrona.collections.Hashing.DEFAULT_LOAD_FACTOR}). */
  static final float AGRONA_LOAD_FACTOR = 0.65f;

  /** Agrona's initial capacity when none is given ({@code Int2IntHashMap.MIN_CAPACITY}, package-private there). */
  static final int AGRONA_DEFAULT_CAPACITY = 8;

  /**
   * Agrona's int maps reserve one value as "empty"; the benchmarks store only odd values (see
   * {@link Keys#intValue(int)}), so MIN_VALUE is never needed.
   */
  static final int AGRONA_MISSING_VALUE = Integer.MIN_VALUE;

  /** Parses a {@code @Param} value. */
  static Impl of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** {@code HashMap} initial capacity that holds {@code n} entries without a resize. */
  static int jdkCapacity(int n) {
    return (int) Math.ceil(n / (double) JDK_LOAD_FACTOR);
  }

  /** Agrona initial capacity that holds {@code n} entries without a resize (resize when size > cap * lf). */
  static int agronaCapacity(int n) {
    return (int) Math.ceil(n / (double) AGRONA_LOAD_FACTOR);
  }
}
