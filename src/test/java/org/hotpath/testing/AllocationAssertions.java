package org.hotpath.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;

/**
 * Proves that an action allocates nothing on the calling thread once warmed up.
 *
 * <p>The action is one round of work (typically a loop of many operations). It is run until the
 * JIT has compiled it, then measured in batches with {@code
 * com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}; the assertion passes as soon as
 * one whole batch allocates zero bytes. Code that allocates in steady state allocates in every
 * batch and fails; allocation that only happens before compilation (interpreter boxing that escape
 * analysis later removes, class loading) does not count, because steady state is the claim.
 */
public final class AllocationAssertions {

  /** Rounds run before the first measurement: enough for C2 to compile a loop-bearing action. */
  private static final int WARM_UP_ROUNDS = 2_000;

  /** Rounds per measured batch. */
  private static final int ROUNDS_PER_BATCH = 200;

  /** Batches tried before giving up; each extra batch is also further warm-up. */
  private static final int MAX_BATCHES = 100;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private AllocationAssertions() {}

  /**
   * Asserts that {@code action} allocates zero bytes per round in steady state.
   *
   * @param description what the action does, for the failure message
   * @param action one round of work; must not allocate itself (no captured boxing, no varargs)
   */
  public static void assertAllocationFree(String description, Runnable action) {
    if (!THREADS.isThreadAllocatedMemorySupported()) {
      fail("this JVM cannot measure per-thread allocation, so allocation freedom is unproven");
    }
    THREADS.setThreadAllocatedMemoryEnabled(true);
    for (int i = 0; i < WARM_UP_ROUNDS; i++) {
      action.run();
    }
    long allocated = -1;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      allocated = allocatedBytes(action);
      if (allocated == 0) {
        return;
      }
    }
    fail(
        description
            + " allocated "
            + allocated
            + " bytes in its last batch of "
            + ROUNDS_PER_BATCH
            + " rounds, after "
            + WARM_UP_ROUNDS
            + " warm-up rounds and "
            + MAX_BATCHES
            + " batches");
  }

  private static long allocatedBytes(Runnable action) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < ROUNDS_PER_BATCH; i++) {
      action.run();
    }
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }
}
