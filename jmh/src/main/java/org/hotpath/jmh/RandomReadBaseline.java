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
 * <p>The table is a {@code long[]} of the bytes Hotpath's own presized table for {@code size}
 * entries occupies: {@code capacity() / 7} chunks of 64 bytes for {@code int -> int} ({@code
 * layout=intInt}), and 64 + 32 bytes per chunk for {@code long -> Object} ({@code layout=longObject}:
 * keys, and values as 4-byte compressed references). Indexes are
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

  /** Bytes of one chunk of keys or packed entries: a header and seven 8-byte slots. */
  private static final int CHUNK_BYTES = 64;

  /** Bytes of one chunk's values with compressed references: eight 4-byte slots. */
  private static final int VALUE_CHUNK_BYTES = 32;

  /** Number of entries of the modelled hash table. */
  @Param({"1000", "100000", "1000000", "10000000"})
  public int size;

  /** The modelled table: Int2IntHashMap's or Long2ObjectHashMap's. */
  @Param({"intInt", "longObject"})
  public String layout;

  private long[] table;
  private int[] indexes;
  private int mask;
  private int pos;

  /** Builds the table and the index stream. */
  @Setup(Level.Trial)
  public void setUp() {
    long chunks = new org.hotpath.collections.Int2IntHashMap(size).capacity() / 7;
    long bytes = chunks * (layout.equals("intInt") ? CHUNK_BYTES : CHUNK_BYTES + VALUE_CHUNK_BYTES);
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
