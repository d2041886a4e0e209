package org.hotpath.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChunksTest {

  @Property
  void chunkCountHoldsExpectedSizeAndWastesAtMostAChunk(
      @ForAll @IntRange(min = 0, max = 100_000_000) int expectedSize,
      @ForAll @FloatRange(min = 0.3f, max = 0.875f) @net.jqwik.api.constraints.Scale(3) float loadFactor) {
    int chunks = Chunks.chunksFor(expectedSize, loadFactor);
    assertTrue(Chunks.threshold(chunks, loadFactor) >= expectedSize, "threshold below expectedSize");
    assertTrue(
        chunks <= Math.max(2, Math.ceil(expectedSize / (7.0 * loadFactor)) + 1),
        "chunks " + chunks + " waste space");
  }

  @Property
  void bothChunksOfAKeyAreInRangeAndDifferent(
      @ForAll long key, @ForAll long seed, @ForAll @IntRange(min = 2, max = 1 << 27) int chunks) {
    int c1 = Chunks.chunk(Chunks.hash(key, Chunks.mul1(seed, chunks)), chunks);
    int c2 = Chunks.second(Chunks.hash(key, Chunks.mul2(seed, chunks)), c1, chunks);
    assertTrue(c1 >= 0 && c1 < chunks, "first chunk " + c1);
    assertTrue(c2 >= 0 && c2 < chunks, "second chunk " + c2);
    assertNotEquals(c1, c2);
  }

  @Property
  void intAndZeroExtendedLongKeysHashAlike(@ForAll int key, @ForAll long mul) {
    assertEquals(Chunks.hash(key, mul), Chunks.hash(key & 0xFFFF_FFFFL, mul));
  }

  @Property
  void matchesFindsEveryTaggedSlotAndAnyFalseMatchSitsAboveATrueOne(
      @ForAll long header, @ForAll @IntRange(min = 0x80, max = 0xFF) int tag) {
    long m = Chunks.matches(header, Chunks.pattern(tag));
    boolean matchBelow = false;
    for (int i = 1; i <= Chunks.SLOTS; i++) {
      boolean tagged = Chunks.tagAt(header, i) == tag;
      boolean reported = (m & (0x80L << ((i - 1) * 8))) != 0;
      if (tagged) {
        assertTrue(reported, "missed slot " + i);
      } else if (reported) {
        assertTrue(matchBelow, "false match at slot " + i + " with no match below it");
      }
      matchBelow |= tagged;
    }
    assertEquals(0, m & ~0x0080_8080_8080_8080L, "the hint byte never matches");
  }

  @Test
  void shouldSetClearAndFindTagsAndHintsWithoutDisturbingOtherSlots() {
    long header = 0;
    header = Chunks.withTag(header, 8 + 3, 0x9A);
    header = Chunks.withTag(header, 8 + 7, 0xFF);
    header = Chunks.hintUp(Chunks.hintUp(header));
    assertEquals(0x9A, Chunks.tagAt(header, 8 + 3));
    assertEquals(0xFF, Chunks.tagAt(header, 8 + 7));
    assertEquals(0, Chunks.tagAt(header, 8 + 1));
    assertTrue(Chunks.hasHint(header));
    assertEquals(8 + 1, Chunks.slot(8, Chunks.free(header)));
    header = Chunks.withoutTag(header, 8 + 3);
    assertEquals(0, Chunks.tagAt(header, 8 + 3));
    assertEquals(8 + 7, Chunks.slot(8, Chunks.occupied(header)));
    assertFalse(Chunks.hasHint(Chunks.hintDown(Chunks.hintDown(header))));
  }

  @Test
  void shouldNeverDecrementASaturatedHint() {
    long header = 0;
    for (int i = 0; i < 300; i++) {
      header = Chunks.hintUp(header);
    }
    for (int i = 0; i < 300; i++) {
      header = Chunks.hintDown(header);
    }
    assertTrue(Chunks.hasHint(header), "a saturated hint only means maybe, forever");
  }

  @Test
  void shouldWalkOccupiedSlotsInAscendingOrderFromAnyPosition() {
    long[] t = new long[4 << Chunks.SHIFT];
    int[] occupied = {1, 5, 7, 9, 26, 31};
    for (int i : occupied) {
      int base = Chunks.base(i);
      t[base] = Chunks.withTag(t[base], i, 0x80);
    }
    int k = 0;
    for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
      assertEquals(occupied[k++], i);
    }
    assertEquals(occupied.length, k);
    assertEquals(9, Chunks.nextSlot(t, 8));
    assertEquals(26, Chunks.nextSlot(t, 10));
    assertEquals(-1, Chunks.nextSlot(t, 32));
    assertEquals(-1, Chunks.nextSlot(t, 33));
  }

  @Test
  void shouldTryThePublicSeedsInTurnThenSecretOnes() {
    assertEquals(1, Chunks.nextSeed(0));
    assertEquals(2, Chunks.nextSeed(1));
    long secret = Chunks.nextSeed(2);
    assertTrue(Chunks.isSecret(secret));
    assertFalse(Chunks.isSecret(0) || Chunks.isSecret(1) || Chunks.isSecret(2));
    long another = Chunks.nextSeed(secret);
    assertTrue(Chunks.isSecret(another));
    assertNotEquals(secret, another);
  }

  @Test
  void shouldGiveEveryChunkCountItsOwnMultipliers() {
    Set<Long> seen = new HashSet<>();
    for (int chunks = 2; chunks < 100_000; chunks++) {
      assertTrue(seen.add(Chunks.mul1(0, chunks)), "chunk count " + chunks + " repeats mul1");
      assertTrue(seen.add(Chunks.mul2(0, chunks)), "chunk count " + chunks + " repeats mul2");
      assertEquals(1, Chunks.mul1(0, chunks) & 1, "multipliers are odd");
    }
  }

  /**
   * At load 0.8 a uniform hash leaves about 9% of keys with a full first chunk (7 slots hold 5.6
   * keys on average). Every structured key family must stay close to that at every chunk count,
   * with the public seed: otherwise ordinary keys would make inserts move entries or trip the
   * flood defence.
   */
  @Test
  void shouldSpreadEveryKeyFamilyOverFirstChunksAtEveryChunkCount() {
    int n = 50_000;
    for (int chunks = Chunks.chunksFor(n, 0.8f); chunks < 3 * Chunks.chunksFor(n, 0.8f); chunks += 1_111) {
      final int c = chunks;
      int entries = Math.min(n, Chunks.threshold(chunks, 0.8f));
      assertSpread("sequential ints", c, entries, i -> i);
      assertSpread("negative ints", c, entries, i -> -i & 0xFFFF_FFFFL);
      assertSpread("ints * 17", c, entries, i -> (i * 17) & 0xFFFF_FFFFL);
      for (int shift : new int[] {1, 4, 8, 12, 16}) {
        assertSpread("ints << " + shift, c, entries, i -> (i << shift) & 0xFFFF_FFFFL);
      }
      for (int shift : new int[] {0, 16, 32, 38, 45}) {
        assertSpread("longs << " + shift, c, entries, i -> i << shift);
      }
      assertSpread("longs i << 32 | i", c, entries, i -> i << 32 | i);
    }
  }

  private static void assertSpread(String family, int chunks, int entries, LongUnaryOperator key) {
    long mul1 = Chunks.mul1(0, chunks);
    int[] load = new int[chunks];
    for (long i = 1; i <= entries; i++) {
      load[Chunks.chunk(Chunks.hash(key.applyAsLong(i), mul1), chunks)]++;
    }
    long crowded = 0;
    for (int l : load) {
      crowded += Math.max(0, l - Chunks.SLOTS);
    }
    double fraction = crowded / (double) entries;
    assertTrue(fraction < 0.13, family + " at " + chunks + " chunks: " + fraction + " of keys crowded out");
  }

  @Test
  void shouldRefuseToGrowBeyondTheLargestTable() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Chunks.grownChunks(Chunks.MAX_CHUNKS, 123, "SomeMap"));
    assertEquals("SomeMap is full: it cannot hold more than 123 entries", e.getMessage());
    assertEquals(Chunks.MAX_CHUNKS, Chunks.grownChunks(Chunks.MAX_CHUNKS / 2, 1, "SomeMap"));
  }

  @Test
  void shouldRejectLoadFactorsOutsideTheRangeNamingThem() {
    for (float bad : new float[] {0f, -1f, 0.9f, 1f, Float.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Chunks.checkLoadFactor(bad));
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
    assertEquals(0.875f, Chunks.checkLoadFactor(0.875f));
  }
}
