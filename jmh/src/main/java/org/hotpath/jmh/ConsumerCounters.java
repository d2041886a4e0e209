package org.hotpath.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The consumer side's counters of a producer/consumer benchmark ({@link RingBufferBenchmark},
 * {@link PoolHandoffBenchmark}): {@link #received} is the figure, a rate per microsecond.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class ConsumerCounters {
  /** Messages received. */
  public long received;
  /** Consumer invocations that found nothing. */
  public long pollEmpty;

  @Setup(Level.Iteration)
  public void clean() {
    received = 0;
    pollEmpty = 0;
  }
}
