package org.hotpath.internal;

/** The contended words of a {@link PoolStack}, after the padding of its superclass. */
abstract class PoolStackHead extends PoolStackPadding {

  /**
   * {@code tag << 32 | (top + 1)}: the top member index plus one (0 when the stack is empty) and a
   * tag that every successful change advances; accessed only through {@link PoolStack}'s {@code
   * HEAD} handle.
   */
  @SuppressWarnings("unused")
  long head;
}
