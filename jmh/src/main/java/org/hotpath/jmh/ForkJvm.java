package org.hotpath.jmh;

/**
 * JVM flags of every benchmark fork ({@code @Fork(jvmArgsAppend = ...)}), in one place.
 *
 * <p>A fixed 4 GB heap holds the 10M-entry runs. The young generation is fixed and small so that
 * it is recycled within the first warmup iteration: on the VMs this project runs on, the first
 * touch of a heap page costs microseconds (a guest page fault, sometimes a host one), and with the
 * default ~2.4 GB eden, which a short run never recycles, allocation-heavy benchmarks (every JDK
 * one) drifted 5-10x within a fork (HashMap getHit at 1K: 7 ns in warmup, 56 ns by the third
 * iteration, with no GC at all). With 512 MB the same benchmark measured 3.5 +- 0.4 ns. A larger
 * young generation would only postpone the GCs that a real allocating application also pays for.
 *
 * <p>A command-line {@code -jvmArgsAppend} replaces these; repeat them there.
 */
final class ForkJvm {
  static final String MIN_HEAP = "-Xms4g";
  static final String MAX_HEAP = "-Xmx4g";
  static final String YOUNG_GEN = "-Xmn512m";

  /**
   * Agrona 2.x's concurrent queues use {@code jdk.internal.misc.Unsafe} and fail with {@code
   * IllegalAccessError} without this; only the forks of benchmarks with an Agrona queue peer get it
   * ({@link RingBufferBenchmark}). Hotpath itself needs no flag.
   */
  static final String AGRONA_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

  private ForkJvm() {}

  /**
   * Ends a trial setup with a full GC, so that what setup allocated (key streams, shuffles, a
   * 1M-entry JDK map's ~70 MB of young nodes) is not collected, copied and charged to the first
   * measured iterations. Every implementation gets the same treatment.
   */
  static void settleHeap() {
    System.gc();
  }
}
