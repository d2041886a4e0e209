package org.hotpath.concurrent;

import java.util.Locale;

/**
 * A snapshot of a {@link RingBuffer}'s health, filled by {@link RingBuffer#readStats}: how full
 * it is, how full it has been, and how often its producers found no room. Caller-owned and
 * reusable: create one, then read into it as often as needed; reading allocates nothing.
 *
 * <p><b>Exactness.</b> With no thread using the ring, every figure is exact. While producers and
 * the consumer run, each figure is a snapshot read without stopping them: the fields are read one
 * after another, so they may come from slightly different instants, but every snapshot keeps
 * {@code 0 <= occupancy <= highWater <= capacity}, {@code delivered <= consumed <= claimed}, and
 * counters that never go down from one read to the next.
 *
 * <p><b>Reading it.</b> A ring whose {@link #timesFoundFull()} keeps climbing and whose {@link
 * #highWater()} equals its capacity has a consumer that cannot keep up (or a capacity too small
 * for the bursts); a high-water mark far below the capacity says the ring could be smaller. A mean
 * batch close to 1 means the consumer wakes for every message.
 */
public final class RingBufferStats {

  boolean multiProducer;
  int capacity;
  int occupancy;
  int highWater;
  long claimed;
  long consumed;
  long delivered;
  long failedClaims;
  long waitedClaims;
  long batches;
  int largestBatch;

  /** An empty snapshot (every figure 0) to pass to {@link RingBuffer#readStats}. */
  public RingBufferStats() {}

  /**
   * Whether the ring is a multi-producer one.
   *
   * @return {@code true} for {@link RingBuffer#multiProducer}, {@code false} for {@link
   *     RingBuffer#singleProducer}
   */
  public boolean multiProducer() {
    return multiProducer;
  }

  /**
   * The number of slots; exact.
   *
   * @return the capacity, a power of two
   */
  public int capacity() {
    return capacity;
  }

  /**
   * The slots in use when read: claimed and not yet freed by the consumer, as {@link
   * RingBuffer#size()}; a snapshot under concurrency.
   *
   * @return between 0 and {@link #capacity()}
   */
  public int occupancy() {
    return occupancy;
  }

  /**
   * The largest occupancy seen since construction: by a producer each time it re-read the
   * consumer's position (at least once a lap, and every time it found the ring full), by the
   * consumer in each batch, and by every read of the statistics. A lower bound of the true peak (a
   * peak shorter than a lap that falls between two such moments can be missed); exact once a
   * single-slot claim has failed: it is then the capacity. Never decreases.
   *
   * @return between {@link #occupancy()} and {@link #capacity()}
   */
  public int highWater() {
    return highWater;
  }

  /**
   * Calls of {@code tryClaim} (and {@code offer}) that returned without a slot because the ring
   * was full; exact once the calls have returned.
   *
   * @return the failed claims since construction
   */
  public long failedClaims() {
    return failedClaims;
  }

  /**
   * Calls of {@code claim} that found the ring full and had to wait, counted once per call
   * however long it waited; exact once the calls have returned.
   *
   * @return the waiting claims since construction
   */
  public long waitedClaims() {
    return waitedClaims;
  }

  /**
   * How often producers found the ring full: {@link #failedClaims()} plus {@link #waitedClaims()}.
   *
   * @return the sum
   */
  public long timesFoundFull() {
    return failedClaims + waitedClaims;
  }

  /**
   * Sequences claimed since construction (published, cancelled, or still being written); exact,
   * it is the producers' counter itself.
   *
   * @return the total claimed
   */
  public long claimed() {
    return claimed;
  }

  /**
   * Sequences the consumer has finished with and freed (delivered or skipped as cancelled); exact,
   * it is the consumer's counter itself.
   *
   * @return the total consumed, at most {@link #claimed()}
   */
  public long consumed() {
    return consumed;
  }

  /**
   * Slots handed to a drain handler (including one whose handler threw); exact once the drain has
   * returned.
   *
   * @return the total delivered, at most {@link #consumed()}
   */
  public long delivered() {
    return delivered;
  }

  /**
   * Consumed sequences that were cancelled rather than delivered: {@link #consumed()} minus {@link
   * #delivered()}.
   *
   * @return the cancelled sequences consumed
   */
  public long cancelled() {
    return consumed - delivered;
  }

  /**
   * Calls of {@code drain} that freed at least one slot; drains that found nothing are not counted.
   *
   * @return the batches since construction
   */
  public long batches() {
    return batches;
  }

  /**
   * The most slots one drain freed.
   *
   * @return between 0 and {@link #capacity()}
   */
  public int largestBatch() {
    return largestBatch;
  }

  /**
   * Slots freed per batch on average: {@link #consumed()} over {@link #batches()}.
   *
   * @return the mean batch, or 0 if nothing was consumed yet
   */
  public double meanBatch() {
    return batches == 0 ? 0 : (double) consumed / batches;
  }

  /**
   * One line for a log; allocates the string.
   *
   * @return e.g. {@code RingBuffer stats: multi-producer, capacity=1024, occupancy=12,
   *     high-water=1024, producers found it full 37 times (30 failed claims, 7 waits),
   *     claimed=50012, consumed=50000 (delivered=49990, cancelled=10), batches=812 (mean 61.6,
   *     largest 1024)}
   */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "RingBuffer stats: %s, capacity=%d, occupancy=%d, high-water=%d, producers found it full"
            + " %d times (%d failed claims, %d waits), claimed=%d, consumed=%d (delivered=%d,"
            + " cancelled=%d), batches=%d (mean %.1f, largest %d)",
        multiProducer ? "multi-producer" : "single-producer",
        capacity,
        occupancy,
        highWater,
        timesFoundFull(),
        failedClaims,
        waitedClaims,
        claimed,
        consumed,
        delivered,
        cancelled(),
        batches,
        meanBatch(),
        largestBatch);
  }
}
