package org.hotpath.concurrent;

/**
 * The field layout of {@link RingBuffer}, as a chain of superclasses so that the JVM cannot
 * reorder fields across the padding: the read-only configuration, the producers' line and the
 * consumer's line each sit on cache lines of their own.
 *
 * <pre>
 *   | 64 B pad | config (final) | 128 B pad | producer line | 128 B pad | consumer line | 128 B pad |
 * </pre>
 *
 * <p>128 bytes rather than 64 between written lines, because the adjacent-line prefetcher of
 * current x86 parts moves cache lines in pairs.
 */
final class RingBufferLayout {

  private RingBufferLayout() {}

  /** One cache line ahead of the configuration, against the previous object's writes. */
  @SuppressWarnings("unused")
  abstract static class PadBefore {
    private long p00, p01, p02, p03, p04, p05, p06, p07;
  }

  /** Written once, in the constructor; read by every thread. */
  abstract static class Config extends PadBefore {
    /** The preallocated slots; the array itself is never written after construction. */
    final Object[] slots;

    /**
     * {@code published[i]} is the last sequence published (or cancelled) in slot {@code i}; see
     * {@link RingBuffer}'s implementation notes.
     */
    final long[] published;

    final int mask;
    final boolean multiProducer;

    Config(Object[] slots, long[] published, boolean multiProducer) {
      this.slots = slots;
      this.published = published;
      this.mask = slots.length - 1;
      this.multiProducer = multiProducer;
    }
  }

  @SuppressWarnings("unused")
  abstract static class PadAfterConfig extends Config {
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    private long p08, p09, p10, p11, p12, p13, p14, p15;

    PadAfterConfig(Object[] slots, long[] published, boolean multiProducer) {
      super(slots, published, multiProducer);
    }
  }

  /** Written by producers only. */
  abstract static class ProducerLine extends PadAfterConfig {
    /** The next sequence to claim. */
    long producerSequence;

    /** A cached bound: sequences below it are known to be free ({@code consumed + capacity}). */
    long producerLimit;

    /** Statistics, written on the producers' slow paths only: {@code tryClaim} calls that found
     * the ring full, {@code claim} calls that had to wait, and the largest occupancy a producer saw
     * when it re-read the consumer's position. Accessed through {@code RingBuffer}'s handles. */
    long failedClaims;

    long waitedClaims;

    long producerHighWater;

    ProducerLine(Object[] slots, long[] published, boolean multiProducer) {
      super(slots, published, multiProducer);
      this.producerLimit = slots.length;
    }
  }

  @SuppressWarnings("unused")
  abstract static class PadAfterProducer extends ProducerLine {
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    private long p08, p09, p10, p11, p12, p13, p14, p15;

    PadAfterProducer(Object[] slots, long[] published, boolean multiProducer) {
      super(slots, published, multiProducer);
    }
  }

  /** Written by the consumer only. */
  abstract static class ConsumerLine extends PadAfterProducer {
    /** The next sequence to consume; every slot below it is free for producers. */
    long consumerSequence;

    /** Set while a handler runs, so that a handler calling {@code drain} is refused. */
    boolean draining;

    /** Statistics, written by the consumer once per drain that freed slots: slots handed to a
     * handler, such drains, and the most slots one of them freed. */
    long delivered;

    long batches;

    long largestBatch;

    /** The largest occupancy a {@code readStats} call saw, raised by CAS from reading threads (at
     * most once per read), so that the high-water mark never goes down between reads. */
    long readHighWater;

    ConsumerLine(Object[] slots, long[] published, boolean multiProducer) {
      super(slots, published, multiProducer);
    }
  }

  @SuppressWarnings("unused")
  abstract static class PadAfterConsumer extends ConsumerLine {
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    private long p08, p09, p10, p11, p12, p13, p14, p15;

    PadAfterConsumer(Object[] slots, long[] published, boolean multiProducer) {
      super(slots, published, multiProducer);
    }
  }
}
