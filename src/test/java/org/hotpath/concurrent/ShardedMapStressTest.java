package org.hotpath.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.hotpath.internal.SplitMix64;
import org.hotpath.testing.Race;
import org.junit.jupiter.api.Test;

/**
 * Threads hammer a small key range of each sharded map while others read and check invariants:
 * no increment is lost, counters never go backwards, no read returns a value that was never written
 * for its key, and a mapping function runs exactly once per key. The maps start tiny with few
 * shards, so shards grow, and {@code compact}/{@code clear} race with the rest.
 *
 * <p>More threads than the machine's cores on purpose: preemption inside a critical section is
 * what exposes lost wake-ups and torn reads.
 */
class ShardedMapStressTest {

  private static final int WRITERS = 3;
  private static final int INCREMENTS_PER_WRITER = 1_000_000;

  /** Keys of every family the hash must handle, 0 (stored outside the table) included. */
  private static final int[] INT_KEYS = intKeys();

  @Test
  void shouldLoseNoIncrementAndNeverReadACounterGoingBackwards() {
    ShardedInt2IntMap counters = new ShardedInt2IntMap(0, 2);
    int[][] counted = new int[WRITERS][INT_KEYS.length];
    int[] lastSeen = new int[INT_KEYS.length];
    SplitMix64 readerRandom = new SplitMix64(-1);
    Race.whileWriting(
        WRITERS,
        thread -> {
          SplitMix64 random = new SplitMix64(thread);
          for (int n = 0; n < INCREMENTS_PER_WRITER; n++) {
            int k = random.nextInt(INT_KEYS.length);
            counters.addAndGet(INT_KEYS[k], 1);
            counted[thread][k]++;
          }
        },
        thread -> { // reader: every counter only grows, and a key once present stays present
          int k = readerRandom.nextInt(INT_KEYS.length);
          int seen = counters.get(INT_KEYS[k]);
          boolean present = counters.containsKey(INT_KEYS[k]);
          if (seen < lastSeen[k] || (lastSeen[k] > 0 && !present)) {
            fail("key " + INT_KEYS[k] + " read " + seen + " after " + lastSeen[k]);
          }
          lastSeen[k] = seen;
        },
        thread -> { // resizer: compact rebuilds shards under the writers' and reader's feet
          counters.compact();
          Thread.onSpinWait();
        });

    int distinct = 0;
    for (int k = 0; k < INT_KEYS.length; k++) {
      int expected = 0;
      for (int[] perWriter : counted) {
        expected += perWriter[k];
      }
      assertEquals(expected, counters.get(INT_KEYS[k]), "increments of key " + INT_KEYS[k]);
      distinct += expected > 0 ? 1 : 0;
    }
    assertEquals(distinct, counters.size());
  }

  @Test
  void shouldNeverReadAnIntValueThatWasNotWrittenForItsKey() {
    ShardedInt2IntMap map = new ShardedInt2IntMap(0, 2, -7);
    SplitMix64 readerRandom = new SplitMix64(-1);
    Race.whileWriting(
        WRITERS,
        thread -> {
          SplitMix64 random = new SplitMix64(100 + thread);
          for (int n = 0; n < INCREMENTS_PER_WRITER; n++) {
            int key = INT_KEYS[random.nextInt(INT_KEYS.length)];
            int op = random.nextInt(100);
            if (op < 45) {
              map.put(key, tag(key, n));
            } else if (op < 85) {
              map.remove(key);
            } else if (op < 95) {
              map.putIfAbsent(key, tag(key, n));
            } else if (op < 99) {
              map.replace(key, tag(key, n));
            } else if (n % 1000 == 0) {
              map.clear();
            } else {
              map.compact();
            }
          }
        },
        thread -> {
          int key = INT_KEYS[readerRandom.nextInt(INT_KEYS.length)];
          int value = map.get(key);
          if (value != -7 && !isTagOf(key, value)) {
            fail("get(" + key + ") returned " + value + ", never written for that key");
          }
        });
    map.forEach(
        (k, v) -> assertTrue(isTagOf(k, v), "forEach saw " + k + "=" + v + " after the race"));
  }

  @Test
  void shouldNeverReadAnObjectThatWasNotWrittenForItsKey() {
    ShardedLong2ObjectMap<Tagged> map = new ShardedLong2ObjectMap<>(0, 2);
    long[] keys = longKeys();
    SplitMix64 readerRandom = new SplitMix64(-1);
    Race.whileWriting(
        WRITERS,
        thread -> {
          SplitMix64 random = new SplitMix64(200 + thread);
          for (int n = 0; n < INCREMENTS_PER_WRITER; n++) {
            long key = keys[random.nextInt(keys.length)];
            int op = random.nextInt(100);
            Tagged value = new Tagged(key);
            if (op < 40) {
              map.put(key, value);
            } else if (op < 80) {
              map.remove(key);
            } else if (op < 88) {
              map.computeIfAbsent(key, Tagged::new);
            } else if (op < 94) {
              map.compute(key, (k, v) -> v == null ? new Tagged(k) : null);
            } else if (op < 99) {
              map.merge(key, value, (a, b) -> b);
            } else if (n % 1000 == 0) {
              map.clear();
            } else {
              map.compact();
            }
          }
        },
        thread -> {
          long key = keys[readerRandom.nextInt(keys.length)];
          Tagged value = map.get(key);
          if (value != null && value.key != key) {
            fail("get(" + key + ") returned the value of key " + value.key);
          }
        });
    map.forEach((k, v) -> assertEquals(k, v.key, "forEach after the race"));
  }

  @Test
  void shouldRunEachMappingFunctionExactlyOncePerKey() {
    int keyCount = 20_000;
    ShardedLong2ObjectMap<Tagged> map = new ShardedLong2ObjectMap<>(0, 4);
    AtomicIntegerArray calls = new AtomicIntegerArray(keyCount);
    AtomicReferenceArray<Tagged> firstSeen = new AtomicReferenceArray<>(keyCount);
    Race.run(
        4,
        thread -> {
          SplitMix64 random = new SplitMix64(300 + thread);
          int start = random.nextInt(keyCount);
          for (int n = 0; n < keyCount; n++) {
            int k = (start + n) % keyCount;
            Tagged got =
                map.computeIfAbsent(
                    k * 0x9E3779B97F4A7C15L,
                    key -> {
                      calls.incrementAndGet(k);
                      return new Tagged(key);
                    });
            if (!firstSeen.compareAndSet(k, null, got)) {
              assertSame(firstSeen.get(k), got, "two values for key index " + k);
            }
          }
        });
    for (int k = 0; k < keyCount; k++) {
      assertEquals(1, calls.get(k), "calls for key index " + k);
    }
    assertEquals(keyCount, map.size());
  }

  @Test
  void shouldLoseNoMergedIncrement() {
    ShardedLong2ObjectMap<Long> sums = new ShardedLong2ObjectMap<>(0, 2);
    int perThread = 100_000;
    Race.run(
        4,
        thread -> {
          for (int n = 0; n < perThread; n++) {
            sums.merge(n % 64 - 32, 1L, Long::sum);
          }
        });
    long total = 0;
    for (long k = -32; k < 32; k++) {
      total += sums.get(k);
    }
    assertEquals(4L * perThread, total);
  }

  /** A value that remembers the key it was written for. */
  private static final class Tagged {
    final long key;

    Tagged(long key) {
      this.key = key;
    }
  }

  /** An int value that identifies its key by its low 16 bits. */
  private static int tag(int key, int n) {
    return (n << 16) | (key & 0xFFFF);
  }

  private static boolean isTagOf(int key, int value) {
    return (value & 0xFFFF) == (key & 0xFFFF);
  }

  private static int[] intKeys() {
    int[] keys = new int[96];
    for (int i = 0; i < 32; i++) {
      keys[i] = i; // 0 included
      keys[32 + i] = -1 - i * 17;
      keys[64 + i] = (2 * i + 1) << (i % 16 + 8); // odd parts differ: distinct
    }
    keys[95] = Integer.MIN_VALUE + 95;
    keys[94] = Integer.MAX_VALUE;
    if (java.util.Arrays.stream(keys).distinct().count() != keys.length) {
      throw new AssertionError("the test's keys must be distinct");
    }
    return keys;
  }

  private static long[] longKeys() {
    long[] keys = new long[96];
    for (int i = 0; i < 32; i++) {
      keys[i] = i;
      keys[32 + i] = -1 - i * 17L;
      keys[64 + i] = (i + 1L) << (i + 32);
    }
    keys[95] = Long.MIN_VALUE;
    keys[94] = Long.MAX_VALUE;
    if (java.util.Arrays.stream(keys).distinct().count() != keys.length) {
      throw new AssertionError("the test's keys must be distinct");
    }
    return keys;
  }
}
