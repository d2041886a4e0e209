package org.hotpath.jmh;

import static org.hotpath.jmh.Keys.BATCH;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what is the physical limit of a random lookup, i.e. one random read from memory of the
 * same footprint as a hash table holding {@code size} entries? A hash map {@code get} cannot beat
 * this; {@code getHit / randomRead} is how far above the machine a map is.
 *
 * <p>The table is a {@code long[]} of {@code ceil(size / 0.75) * slotBytes} bytes: a 0.75-loaded
 * open-addressing table with {@code slotBytes = 8} for {@code int -> int} (key and value side by side)
 * and {@code 12} for {@code long -> Object} (8-byte key, 4-byte compressed reference). Indexes are
 * uniformly random, precomputed, and consumed exactly like the maps' key streams: {@link Keys#BATCH}
 * reads per invocation, the stream position wrapping with a mask. Reads are independent, so, like
 * the map lookups, this measures throughput (memory-level parallelism), not dependent latency.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.MIN_HEAP, ForkJvm.MAX_HEAP, ForkJvm.YOUNG_GEN})
@State(Scope.Thread)
public class RandomReadBaseline {

  /** Load factor of the modelled table. */
  private static final double LOAD_FACTOR = 0.75;

  /** Number of entries of the modelled hash table. */
  @Param({"1000", "100000", "1000000"})
  public int size;

  /** Bytes per slot of the modelled table: 8 for int -> int, 12 for long -> Object. */
  @Param({"8", "12"})
  public int slotBytes;

  private long[] table;
  private int[] indexes;
  private int mask;
  private int pos;

  /** Builds the table and the index stream. */
  @Setup(Level.Trial)
  public void setUp() {
    long bytes = (long) Math.ceil(size / LOAD_FACTOR) * slotBytes;
    table = new long[Math.toIntExact((bytes + Long.BYTES - 1) / Long.BYTES)];
    SplittableRandom rnd = new SplittableRandom(Keys.SEED);
    for (int i = 0; i < table.length; i++) {
      table[i] = rnd.nextLong();
    }
    indexes = new int[Keys.streamLength(size)];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = rnd.nextInt(table.length);
    }
    mask = indexes.length - 1;
    ForkJvm.settleHeap();
  }

  /** One random read of a table-sized array. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long randomRead() {
    final long[] table = this.table;
    final int[] indexes = this.indexes;
    final int mask = this.mask;
    int from = pos;
    pos = from + BATCH;
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += table[indexes[(from + i) & mask]];
    }
    return sum;
  }
}
