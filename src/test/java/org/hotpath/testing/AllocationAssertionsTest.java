package org.hotpath.testing;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The allocation helper can fail: it catches steady-state allocation and passes pure code. */
class AllocationAssertionsTest {

  private Object escape;
  private long sink;

  @Test
  void shouldFailForAnActionThatAllocatesEveryRound() {
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> assertAllocationFree("new byte[64]", () -> escape = new byte[64]));
    assertTrue(e.getMessage().contains("new byte[64] allocated"), e.getMessage());
  }

  @Test
  void shouldFailForBoxingThatEscapes() {
    assertThrows(
        AssertionFailedError.class,
        () -> assertAllocationFree("boxing", () -> escape = Long.valueOf(sink++ + 1_000_000)));
  }

  @Test
  void shouldPassForArithmetic() {
    assertAllocationFree(
        "arithmetic",
        () -> {
          for (int i = 0; i < 100; i++) {
            sink += i * 31L;
          }
        });
  }
}
