package org.hotpath.concurrent;

import static org.hotpath.testing.AllocationAssertions.assertAllocationFree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hotpath.testing.Race;
import org.junit.jupiter.api.Test;

/**
 * Every steady-state operation of the sharded maps allocates zero bytes, measured on each of
 * several threads that use one map at the same time (so reads retry and writers contend for shard
 * locks while being measured).
 */
class ShardedMapAllocationTest {

  private static final int THREADS = 3;
  private static final int N = 1024;

  /** Where results go so that the JIT cannot drop the calls; racy on purpose, never read. */
  private static long sink;

  private final ShardedInt2IntMap ints = new ShardedInt2IntMap(THREADS * 2 * N, 4);
  private final ShardedLong2ObjectMap<Object> objects =
      new ShardedLong2ObjectMap<>(THREADS * 2 * N, 4);
  private final Object[] values = new Object[N];

  ShardedMapAllocationTest() {
    for (int i = 0; i < N; i++) {
      ints.put(sharedKey(i), i);
      values[i] = new Object();
      objects.put(sharedKey(i), values[i]);
    }
  }

  @Test
  void intMapReadsAndWritesAllocateNothingOnAnyThread() {
    long capacity = ints.capacity();
    Race.run(
        THREADS,
        thread ->
            assertAllocationFree(
                "ShardedInt2IntMap operations on thread " + thread,
                () -> {
                  long acc = 0;
                  for (int i = 0; i < N; i++) {
                    int shared = sharedKey(i);
                    int own = ownKey(thread, i);
                    acc += ints.get(shared) + ints.getOrDefault(own, -1);
                    acc += ints.containsKey(~shared) ? 1 : 0;
                    acc += ints.addAndGet(shared, 1);
                    acc += ints.put(own, i) + ints.putIfAbsent(own, i + 1);
                    acc += ints.replace(own, i + 2) + (ints.replace(own, i + 2, i) ? 1 : 0);
                    acc += ints.computeIfAbsent(shared, k -> k);
                    acc += ints.remove(own, i) ? 1 : 0;
                    acc += ints.remove(own);
                  }
                  sink = acc + ints.size() + (ints.isEmpty() ? 1 : 0);
                }));
    assertEquals(capacity, ints.capacity(), "no shard grew");
    assertEquals(N, ints.size());
  }

  @Test
  void objectMapReadsAndWritesAllocateNothingOnAnyThread() {
    long capacity = objects.capacity();
    Race.run(
        THREADS,
        thread ->
            assertAllocationFree(
                "ShardedLong2ObjectMap operations on thread " + thread,
                () -> {
                  long acc = 0;
                  for (int i = 0; i < N; i++) {
                    long shared = sharedKey(i);
                    long own = ownKey(thread, i);
                    Object value = values[i];
                    acc += objects.get(shared) == value ? 1 : 0;
                    acc += objects.getOrDefault(own, value) == value ? 1 : 0;
                    acc += objects.containsKey(~shared) ? 1 : 0;
                    acc += objects.put(shared, value) == value ? 1 : 0;
                    acc += objects.putIfAbsent(own, value) == null ? 1 : 0;
                    acc += objects.replace(own, value) == value ? 1 : 0;
                    acc += objects.replace(own, value, value) ? 1 : 0;
                    acc += objects.computeIfAbsent(shared, k -> null) == value ? 1 : 0;
                    acc += objects.computeIfPresent(own, (k, v) -> v) == value ? 1 : 0;
                    acc += objects.merge(own, value, (a, b) -> a) == value ? 1 : 0;
                    acc += objects.remove(own, value) ? 1 : 0;
                    acc += objects.compute(own, (k, v) -> v) == null ? 1 : 0;
                    acc += objects.remove(own) == null ? 1 : 0;
                  }
                  sink = acc + objects.size() + (objects.isEmpty() ? 1 : 0);
                }));
    assertEquals(capacity, objects.capacity(), "no shard grew");
    assertEquals(N, objects.size());
  }

  @Test
  void bulkOperationsAllocateNothing() {
    assertAllocationFree(
        "forEach, removeIf, clear and refill",
        () -> {
          ints.forEach((k, v) -> sink += v);
          objects.forEach((k, v) -> sink += k);
          ints.removeIf((k, v) -> (k & 1) == 0);
          objects.removeIf((k, v) -> (k & 1) == 0);
          ints.clear();
          objects.clear();
          for (int i = 0; i < N; i++) {
            ints.put(sharedKey(i), i);
            objects.put(sharedKey(i), values[i]);
          }
        });
    assertEquals(N, ints.size());
    assertEquals(N, objects.size());
  }

  /** Keys every thread reads and updates: 0 and both signs included. */
  private static int sharedKey(int i) {
    return (i - N / 2) * 17;
  }

  /** Keys only {@code thread} inserts and removes, disjoint from the shared ones. */
  private static int ownKey(int thread, int i) {
    return (thread + 1) << 24 | i << 1 | 1;
  }
}
