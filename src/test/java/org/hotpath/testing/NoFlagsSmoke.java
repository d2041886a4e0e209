package org.hotpath.testing;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.hotpath.collections.Int2IntHashMap;
import org.hotpath.collections.Long2ObjectHashMap;
import org.hotpath.collections.Long2ObjectSkipListMap;
import org.hotpath.concurrent.RingBuffer;
import org.hotpath.concurrent.ShardedInt2IntMap;
import org.hotpath.concurrent.ShardedLong2ObjectMap;
import org.hotpath.pool.ConcurrentObjectPool;
import org.hotpath.pool.ObjectPool;

/**
 * A program that touches every structure, including the {@code VarHandle} paths of the concurrent
 * ones from two threads; {@code NoJvmFlagsTest} runs it in a fresh JVM with no flags.
 */
public final class NoFlagsSmoke {

  private NoFlagsSmoke() {}

  /**
   * Exercises the library and prints {@code ok}; exits non-zero on any failure.
   *
   * @param args ignored
   * @throws InterruptedException if interrupted while joining the second thread
   */
  public static void main(String[] args) throws InterruptedException {
    Int2IntHashMap ints = new Int2IntHashMap();
    ints.put(1, 2);
    Long2ObjectHashMap<String> objects = new Long2ObjectHashMap<>();
    objects.put(1L, "a");
    Long2ObjectSkipListMap<String> sorted = new Long2ObjectSkipListMap<>();
    sorted.put(3L, "c");
    ShardedInt2IntMap counters = new ShardedInt2IntMap(16);
    ShardedLong2ObjectMap<String> shared = new ShardedLong2ObjectMap<>(16);
    Thread other =
        new Thread(
            () -> {
              for (int i = 0; i < 10_000; i++) {
                counters.addAndGet(i & 15, 1);
                shared.put(i & 15, "x");
              }
            });
    other.start();
    for (int i = 0; i < 10_000; i++) {
      counters.addAndGet(i & 15, 1);
      shared.computeIfAbsent(i & 31, k -> "y");
    }
    other.join();
    int total = 0;
    for (int k = 0; k < 16; k++) {
      total += counters.get(k);
    }
    if (total != 20_000 || ints.get(1) != 2 || !"a".equals(objects.get(1L)) || sorted.firstKey() != 3L
        || shared.size() != 32) {
      throw new AssertionError("wrong results: total " + total + ", shared " + shared);
    }
    ringBuffer();
    pools();
    System.out.println("ok");
  }

  /** Agrona's idle strategies (unlike its queues) need no flags: a producer waits with one. */
  private static void ringBuffer() throws InterruptedException {
    RingBuffer<long[]> ring = RingBuffer.multiProducer(16, () -> new long[1]);
    int messages = 10_000;
    Thread producer =
        new Thread(
            () -> {
              BackoffIdleStrategy idle = new BackoffIdleStrategy();
              for (int i = 1; i <= messages; i++) {
                long sequence = ring.claim(idle);
                ring.slot(sequence)[0] = i;
                ring.publish(sequence);
              }
            });
    producer.start();
    long[] sum = new long[1];
    int received = 0;
    while (received < messages) {
      received += ring.drain(slot -> sum[0] += slot[0]);
      Thread.onSpinWait();
    }
    producer.join();
    if (sum[0] != (long) messages * (messages + 1) / 2) {
      throw new AssertionError("ring buffer lost or repeated messages: sum " + sum[0]);
    }
  }

  /** Both pools; the concurrent one's VarHandle paths from two threads. */
  private static void pools() throws InterruptedException {
    ObjectPool<StringBuilder> local = new ObjectPool<>(2, StringBuilder::new, sb -> sb.setLength(0));
    local.release(local.acquire().append('x'));
    ConcurrentObjectPool<StringBuilder> pool =
        new ConcurrentObjectPool<>(4, StringBuilder::new, sb -> sb.setLength(0));
    Thread other =
        new Thread(
            () -> {
              for (int i = 0; i < 10_000; i++) {
                pool.release(pool.acquire().append('y'));
              }
            });
    other.start();
    for (int i = 0; i < 10_000; i++) {
      pool.release(pool.acquire().append('z'));
    }
    other.join();
    if (local.available() != 2 || pool.available() != 4 || pool.outstanding() != 0
        || pool.misses() != pool.drops() || pool.acquire().length() != 0) {
      throw new AssertionError("wrong pool counts: " + local + ", " + pool);
    }
  }
}
