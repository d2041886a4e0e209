package org.hotpath.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class OpenAddressingTest {

  @Property
  void capacityHoldsExpectedSizeWithAnEmptySlotToSpare(
      @ForAll @IntRange(min = 0, max = 100_000_000) int expectedSize,
      @ForAll @FloatRange(min = 0.3f, max = 0.99f) float loadFactor) {
    int capacity = OpenAddressing.capacityFor(expectedSize, loadFactor);
    int threshold = OpenAddressing.threshold(capacity, loadFactor);
    assertTrue(threshold >= expectedSize, "threshold " + threshold + " < " + expectedSize);
    assertTrue(threshold < capacity, "no empty slot");
    assertTrue(
        capacity <= Math.max(2, Math.ceil(expectedSize / (double) loadFactor) + 2),
        "capacity " + capacity + " wastes slots");
  }

  @Property
  void intSlotsStayInRange(@ForAll int key, @ForAll @IntRange(min = 2) int capacity) {
    int slot = OpenAddressing.slot(key, OpenAddressing.seedFor(capacity), capacity);
    assertTrue(slot >= 0 && slot < capacity, "slot " + slot);
  }

  @Property
  void longSlotsStayInRange(@ForAll long key, @ForAll @IntRange(min = 2) int capacity) {
    int slot = OpenAddressing.slot(key, OpenAddressing.seedFor(capacity), capacity);
    assertTrue(slot >= 0 && slot < capacity, "slot " + slot);
  }

  @Test
  void shouldSpreadSequentialAndStridedKeysEvenly() {
    int capacity = 1 << 16;
    long seed = OpenAddressing.seedFor(capacity);
    for (int shift : new int[] {0, 4, 16, 32, 48}) {
      int[] hits = new int[capacity];
      int maxLoad = 0;
      for (long i = 0; i < capacity; i++) {
        int slot = OpenAddressing.slot(i << shift, seed, capacity);
        maxLoad = Math.max(maxLoad, ++hits[slot]);
      }
      // Balls into bins: a uniform hash puts at most ~9 of 65536 keys in one of 65536 slots.
      assertTrue(maxLoad <= 16, "stride 2^" + shift + " piles " + maxLoad + " keys on one slot");
    }
  }

  @Test
  void shouldGiveEveryCapacityItsOwnSeed() {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int capacity = 2; capacity < 100_000; capacity++) {
      assertTrue(seen.add(OpenAddressing.seedFor(capacity)), "capacity " + capacity + " repeats a seed");
    }
    assertEquals(OpenAddressing.seedFor(12_345), OpenAddressing.seedFor(12_345));
  }

  /**
   * Linear probing at load 0.75 displaces a uniformly hashed key 1.5 slots on average. Every key
   * family must stay close to that at every table size (a random multiplier once put sequential
   * keys 95 slots from home at one capacity: this is the test that catches such a hash).
   */
  @Test
  void shouldKeepEveryKeyFamilyNearItsHomeAtEveryCapacity() {
    int n = 50_000;
    for (int c = OpenAddressing.capacityFor(n, 0.75f); c < 4 * n; c += 7_777) {
      final int capacity = c;
      long seed = OpenAddressing.seedFor(capacity);
      int entries = Math.min(n, (int) (capacity * 0.75));
      assertNearHome("sequential ints", capacity, entries, i -> OpenAddressing.slot(i, seed, capacity));
      assertNearHome("negative ints", capacity, entries, i -> OpenAddressing.slot(-i, seed, capacity));
      assertNearHome("ints * 17", capacity, entries, i -> OpenAddressing.slot(i * 17, seed, capacity));
      for (int shift : new int[] {1, 4, 8, 12}) {
        assertNearHome(
            "ints << " + shift, capacity, entries, i -> OpenAddressing.slot(i << shift, seed, capacity));
      }
      for (int shift : new int[] {0, 16, 32, 38, 45}) {
        assertNearHome(
            "longs << " + shift,
            capacity,
            entries,
            i -> OpenAddressing.slot((long) i << shift, seed, capacity));
      }
    }
  }

  /** Inserts keys 1..entries by linear probing and checks their mean distance from home. */
  private static void assertNearHome(
      String family, int capacity, int entries, java.util.function.IntUnaryOperator homeOfKey) {
    boolean[] used = new boolean[capacity];
    long displacement = 0;
    for (int i = 1; i <= entries; i++) {
      int slot = homeOfKey.applyAsInt(i);
      while (used[slot]) {
        displacement++;
        if (++slot == capacity) {
          slot = 0;
        }
      }
      used[slot] = true;
    }
    double mean = displacement / (double) entries;
    assertTrue(mean < 3.0, family + " at capacity " + capacity + ": mean displacement " + mean);
  }

  @Test
  void shouldRefuseToGrowBeyondTheLargestTable() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> OpenAddressing.grownCapacity(OpenAddressing.MAX_CAPACITY, 123, "SomeMap"));
    assertEquals("SomeMap is full: it cannot hold more than 123 entries", e.getMessage());
    assertEquals(OpenAddressing.MAX_CAPACITY, OpenAddressing.grownCapacity(1 << 29, 1, "SomeMap"));
  }

  @Test
  void shouldTestTheCyclicHoleIntervalBothWays() {
    // no wrap: hole 3, entry at 6; homes 4..6 must stay, homes outside may move
    assertTrue(OpenAddressing.canFillHole(3, 6, 3));
    assertTrue(OpenAddressing.canFillHole(3, 6, 9));
    assertTrue(!OpenAddressing.canFillHole(3, 6, 4));
    assertTrue(!OpenAddressing.canFillHole(3, 6, 6));
    // wrapped: hole 9 (of 10), entry at 1; homes 0..1 must stay
    assertTrue(OpenAddressing.canFillHole(9, 1, 9));
    assertTrue(OpenAddressing.canFillHole(9, 1, 5));
    assertTrue(!OpenAddressing.canFillHole(9, 1, 0));
    assertTrue(!OpenAddressing.canFillHole(9, 1, 1));
  }
}
