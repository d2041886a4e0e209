package org.hotpath.pool;

/** What a pool's {@code acquire()} does when every member is out. Both count a miss. */
public enum WhenEmpty {
  /**
   * Create a surplus object with the pool's factory and hand it out: the pool keeps working under
   * a burst, at the cost of one allocation per miss. A surplus object is not a member; when it is
   * released the pool drops it for the garbage collector.
   */
  ALLOCATE,

  /**
   * Throw {@link IllegalStateException}: for pools whose capacity is a hard limit, or to prove in a
   * test that a pool is sized for its load.
   */
  THROW
}
