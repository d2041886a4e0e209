package org.hotpath.jmh;

import static org.hotpath.jmh.Keys.BATCH;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One benchmark thread's position in a key stream shared by all threads ({@link
 * ConcurrentLongObjectMapBenchmark}, {@link ConcurrentIntIntMapBenchmark}). Thread {@code i} of
 * {@code T} starts {@code i/T} of the way into the first {@link #MIN_STREAM} entries, so threads
 * work on different keys at any moment (as independent requests would) rather than in lockstep on
 * the same ones; each then advances {@link Keys#BATCH} entries per invocation, wrapping with the
 * stream's mask.
 */
@State(Scope.Thread)
public class StreamPosition {

  /**
   * Shortest shared stream: a power of two, long enough that the branch predictor cannot learn the
   * sequence (see {@link SortedMapBenchmark#MIN_STREAM}); streams are read sequentially, so their
   * size costs next to nothing.
   */
  static final int MIN_STREAM = 1 << 20;

  /** The next stream position; wraps through negative values, which the stream mask handles. */
  int pos;

  /** Starts this thread at its own share of the stream. */
  @Setup(Level.Trial)
  public void setUp(ThreadParams t) {
    pos = (int) ((long) t.getThreadIndex() * MIN_STREAM / t.getThreadCount());
  }

  /** Start of the next batch of {@link Keys#BATCH} stream positions. */
  final int advance() {
    int p = pos;
    pos = p + BATCH;
    return p;
  }
}
