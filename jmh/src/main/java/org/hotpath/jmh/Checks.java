package org.hotpath.jmh;

/** Sanity checks run in {@code @Setup}: a benchmark of a wrongly built map measures nothing. */
final class Checks {
  private Checks() {}

  /** Throws {@link IllegalStateException} with {@code message} unless {@code condition}. */
  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
