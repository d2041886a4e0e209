package org.hotpath.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.agrona.concurrent.IdleStrategy;

/**
 * A bounded ring of preallocated, mutable slots that producers fill in place and one consumer
 * handles in place: messages pass between threads without allocating (the LMAX Disruptor idea,
 * with a small API).
 *
 * <pre>{@code
 * RingBuffer<Order> ring = RingBuffer.multiProducer(1024, Order::new);
 *
 * // producer thread(s)
 * long seq = ring.claim(idle);            // or tryClaim(): -1 when full
 * ring.slot(seq).set(id, price, qty);     // write the slot in place
 * ring.publish(seq);                      // now the consumer may see it
 * ring.offer(Order::copyFrom, request);   // the same in one call (non-capturing: no garbage)
 *
 * // the consumer thread
 * ring.drain(this::handle);               // handles every published slot in order, then frees them
 * }</pre>
 *
 * <p><b>Threads.</b> A {@link #singleProducer single-producer} ring allows one producer thread
 * and one consumer thread; a {@link #multiProducer multi-producer} ring allows any number of
 * producer threads and one consumer thread. Producer methods are {@code tryClaim}, {@code claim},
 * {@code slot}, {@code publish}, {@code cancel} and {@code offer}; consumer methods are the {@code
 * drain} methods. {@code capacity}, {@code size}, {@code isEmpty} and {@code readStats} may be called
 * from any thread.
 * The ring does not detect a second consumer or a second producer on a single-producer ring:
 * that is a data race with undefined results.
 *
 * <p><b>Ownership of a slot.</b> A claimed slot belongs to its producer until it publishes (or
 * cancels) it; a published slot belongs to the consumer until its handler returns; then it is
 * free again and a later claim hands it out, with whatever the last handler left in it. Holding
 * on to a slot object after that is a bug, like using an object after returning it to a pool.
 *
 * <p><b>Order.</b> The consumer handles slots in sequence order and stops at the first one not
 * yet published, so a producer that claims and then stalls holds up the slots claimed after its
 * own (as in the Disruptor). Each producer's messages arrive in the order it claimed them.
 *
 * <p><b>Allocation.</b> None after construction: claiming, publishing, {@code offer} with a
 * non-capturing lambda or a method reference, and draining allocate nothing. The constructor
 * creates every slot, once, with the factory.
 *
 * <h2>Implementation notes</h2>
 *
 * <pre>
 *   slots      [ s0 | s1 | s2 | ... ]        Object[capacity], written once (the factory's objects)
 *   published  [ p0 | p1 | p2 | ... ]        long[capacity], p_i = last sequence published in slot i
 *   producer line:  producerSequence (next to claim), producerLimit (cached consumed + capacity)
 *   consumer line:  consumerSequence (next to handle; everything below it is free), draining
 * </pre>
 *
 * Sequences are {@code long}s counting from 0 and never wrap in practice (2^63 messages); the slot
 * of sequence {@code s} is {@code s & (capacity - 1)}.
 *
 * <ul>
 *   <li><b>Claim.</b> A claim of {@code n} sequences is allowed while {@code next + n <=
 *       consumerSequence + capacity}. Producers first test against their cached {@code
 *       producerLimit} and read the consumer's line (acquire) only when that bound says full, so
 *       in steady state producers and the consumer write disjoint lines. One producer advances
 *       {@code producerSequence} with a release store (it is read only by {@link #size}); many
 *       producers advance it with a CAS, as in JCTools' {@code MpscArrayQueue}. A stale {@code
 *       producerLimit} is only ever too small: the consumer never moves back.
 *   <li><b>Publish.</b> Every ring, single- or multi-producer, publishes per slot: a release store
 *       of the sequence into {@code published[i]}. The slot's contents were written before, so a
 *       consumer that reads {@code published[i] == s} with an acquire load sees them. One
 *       protocol serves both kinds of ring (and {@code cancel}); producers never contend on a
 *       cursor, and out-of-order publication by several producers needs no extra state.
 *   <li><b>Cancel.</b> {@link #cancel} stores {@code -2 - s} instead: the consumer skips the slot
 *       without calling the handler. (Never confused with a sequence, which is {@code >= 0}, or
 *       with the initial {@code -1}.)
 *   <li><b>Drain.</b> The consumer walks from {@code consumerSequence} while {@code published[i]}
 *       holds the expected sequence, up to {@code limit} slots and at most one lap, handing each
 *       slot to the handler; then it stores the new {@code consumerSequence} once, with release,
 *       which frees the whole batch: the handler's reads of a slot happen before any producer's
 *       next write to it (producers read {@code consumerSequence} with acquire before claiming).
 *       The store is in a {@code finally}: a handler that throws leaves the slots before it, and
 *       its own slot, consumed and free, and the ring usable.
 *   <li><b>Statistics</b> ({@link #readStats}) cost the fast paths nothing. The totals claimed and
 *       consumed are the two sequences themselves. Producers count a failed {@code tryClaim} or a
 *       waiting {@code claim}, and note the occupancy {@code next - consumed}, only in the branch
 *       that re-reads the consumer's position (when the cached limit says full: at least once a
 *       lap), on their own line: plain fields and opaque stores for one producer, an atomic add or
 *       a CAS-max for many. The consumer adds its totals once per drain that freed slots, on its
 *       own line, after the release of {@code consumerSequence}. The high-water mark is the
 *       largest of the producers' notes, the consumer's largest batch (all slots of a batch were
 *       in use at once) and every {@code readStats}' own occupancy, which a reader keeps with a
 *       CAS-max: a lower bound of the true peak, never above the capacity, never decreasing.
 * </ul>
 *
 * Notation: {@code lv} = acquire (or volatile) load, {@code so} = release store, {@code cas} =
 * volatile compare-and-set, after JCTools.
 *
 * @param <E> the slot type: a mutable object that producers fill and the consumer reads
 */
public final class RingBuffer<E> extends RingBufferLayout.PadAfterConsumer {

  /** The largest capacity: the largest power-of-two array length. */
  public static final int MAX_CAPACITY = 1 << 30;

  /** What {@link #tryClaim} returns when the ring has no room. */
  private static final long FULL = -1;

  /** {@code published[i]} before anything is published in slot {@code i}: no sequence matches. */
  private static final long NEVER_PUBLISHED = -1;

  private static final VarHandle PRODUCER_SEQUENCE;
  private static final VarHandle PRODUCER_LIMIT;
  private static final VarHandle CONSUMER_SEQUENCE;
  private static final VarHandle FAILED_CLAIMS;
  private static final VarHandle WAITED_CLAIMS;
  private static final VarHandle PRODUCER_HIGH_WATER;
  private static final VarHandle DELIVERED;
  private static final VarHandle BATCHES;
  private static final VarHandle LARGEST_BATCH;
  private static final VarHandle READ_HIGH_WATER;
  private static final VarHandle PUBLISHED = MethodHandles.arrayElementVarHandle(long[].class);

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PRODUCER_SEQUENCE =
          lookup.findVarHandle(
              RingBufferLayout.ProducerLine.class, "producerSequence", long.class);
      PRODUCER_LIMIT =
          lookup.findVarHandle(RingBufferLayout.ProducerLine.class, "producerLimit", long.class);
      CONSUMER_SEQUENCE =
          lookup.findVarHandle(
              RingBufferLayout.ConsumerLine.class, "consumerSequence", long.class);
      Class<?> producer = RingBufferLayout.ProducerLine.class;
      FAILED_CLAIMS = lookup.findVarHandle(producer, "failedClaims", long.class);
      WAITED_CLAIMS = lookup.findVarHandle(producer, "waitedClaims", long.class);
      PRODUCER_HIGH_WATER = lookup.findVarHandle(producer, "producerHighWater", long.class);
      Class<?> consumer = RingBufferLayout.ConsumerLine.class;
      DELIVERED = lookup.findVarHandle(consumer, "delivered", long.class);
      BATCHES = lookup.findVarHandle(consumer, "batches", long.class);
      LARGEST_BATCH = lookup.findVarHandle(consumer, "largestBatch", long.class);
      READ_HIGH_WATER = lookup.findVarHandle(consumer, "readHighWater", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private RingBuffer(Object[] slots, boolean multiProducer) {
    super(slots, newPublished(slots.length), multiProducer);
  }

  /* ---------------- Construction -------------- */

  /**
   * A ring for one producer thread and one consumer thread.
   *
   * @param <E> the slots' type
   * @param capacity the number of slots: a power of two, 1 to {@link #MAX_CAPACITY}
   * @param factory called {@code capacity} times, now, to create the slots; each call must return
   *     a new, non-null object
   * @return the ring, every slot created
   * @throws IllegalArgumentException if {@code capacity} is not a power of two in range, or the
   *     factory returns the same object twice
   * @throws NullPointerException if {@code factory} is null or returns null
   */
  public static <E> RingBuffer<E> singleProducer(int capacity, Supplier<? extends E> factory) {
    return new RingBuffer<>(createSlots(capacity, factory), false);
  }

  /**
   * A ring for any number of producer threads and one consumer thread. Producers claim with a
   * compare-and-set on a shared counter; otherwise as {@link #singleProducer}.
   *
   * @param <E> the slots' type
   * @param capacity the number of slots: a power of two, 1 to {@link #MAX_CAPACITY}
   * @param factory called {@code capacity} times, now, to create the slots; each call must return
   *     a new, non-null object
   * @return the ring, every slot created
   * @throws IllegalArgumentException if {@code capacity} is not a power of two in range, or the
   *     factory returns the same object twice
   * @throws NullPointerException if {@code factory} is null or returns null
   */
  public static <E> RingBuffer<E> multiProducer(int capacity, Supplier<? extends E> factory) {
    return new RingBuffer<>(createSlots(capacity, factory), true);
  }

  /* ---------------- Producer: claim -------------- */

  /**
   * Claims the next slot without waiting.
   *
   * @return the claimed sequence ({@code >= 0}), or {@code -1} if the ring is full
   */
  public long tryClaim() {
    return multiProducer ? claimShared(1, true) : claimOwned(1, true);
  }

  /**
   * Claims {@code n} consecutive slots without waiting: all of them, or none.
   *
   * @param n the number of slots, 1 to {@link #capacity()}
   * @return the first claimed sequence (the others follow it), or {@code -1} if fewer than {@code
   *     n} slots are free
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public long tryClaim(int n) {
    checkBatch(n);
    return multiProducer ? claimShared(n, true) : claimOwned(n, true);
  }

  /**
   * Claims the next slot, waiting with {@code idle} while the ring is full. The strategy is
   * {@link IdleStrategy#reset() reset} before the first wait. Waits for as long as it takes: if the
   * consumer has stopped, it does not return.
   *
   * @param idle how to wait while the ring is full
   * @return the claimed sequence
   * @throws NullPointerException if {@code idle} is null
   */
  public long claim(IdleStrategy idle) {
    return claim(1, idle);
  }

  /**
   * Claims {@code n} consecutive slots, waiting with {@code idle} until that many are free; see
   * {@link #claim(IdleStrategy)}.
   *
   * @param n the number of slots, 1 to {@link #capacity()}
   * @param idle how to wait while fewer than {@code n} slots are free
   * @return the first claimed sequence
   * @throws IllegalArgumentException if {@code n} is not 1 to {@link #capacity()}
   * @throws NullPointerException if {@code idle} is null
   */
  public long claim(int n, IdleStrategy idle) {
    Objects.requireNonNull(idle, "idle");
    checkBatch(n);
    long sequence = claimUncounted(n);
    if (sequence >= 0) {
      return sequence;
    }
    countWaitedClaim(); // once per call, however long it waits
    idle.reset();
    while ((sequence = claimUncounted(n)) < 0) {
      idle.idle();
    }
    return sequence;
  }

  /**
   * The slot of a claimed (or, on the consumer side, a published) sequence: write the message into
   * it between the claim and {@link #publish}. Not checked: any sequence maps to some slot.
   *
   * @param sequence a claimed or published sequence
   * @return its slot, one of the objects the factory created
   */
  @SuppressWarnings("unchecked")
  public E slot(long sequence) {
    return (E) slots[(int) sequence & mask];
  }

  /* ---------------- Producer: publish -------------- */

  /**
   * Makes a claimed slot visible to the consumer, with everything written to it before. On a
   * multi-producer ring, producers may publish in any order; the consumer still handles slots in
   * sequence order.
   *
   * @param sequence a claimed sequence
   * @throws IllegalArgumentException if {@code sequence} has not been claimed
   * @throws IllegalStateException if {@code sequence} has already been published or cancelled
   */
  public void publish(long sequence) {
    checkClaimed(sequence);
    PUBLISHED.setRelease(published, (int) sequence & mask, sequence);
  }

  /**
   * Publishes the claimed sequences {@code first} to {@code last}, inclusive (for example the
   * result of {@link #tryClaim(int) tryClaim(n)} and that plus {@code n - 1}). All are checked
   * before any is published.
   *
   * @param first the first claimed sequence
   * @param last the last claimed sequence, at least {@code first}
   * @throws IllegalArgumentException if {@code last < first} or any sequence in the range has not
   *     been claimed
   * @throws IllegalStateException if any has already been published or cancelled
   */
  public void publish(long first, long last) {
    if (last < first) {
      throw new IllegalArgumentException(
          "last sequence " + last + " is before first sequence " + first);
    }
    for (long s = first; s <= last; s++) {
      checkClaimed(s);
    }
    final long[] published = this.published;
    for (long s = first; s <= last; s++) {
      PUBLISHED.setRelease(published, (int) s & mask, s);
    }
  }

  /**
   * Gives a claimed slot back without delivering it: the consumer skips it. For a producer that
   * fails while writing the slot. (A claimed slot that is neither published nor cancelled stops
   * the consumer at that sequence for good.)
   *
   * @param sequence a claimed sequence
   * @throws IllegalArgumentException if {@code sequence} has not been claimed
   * @throws IllegalStateException if {@code sequence} has already been published or cancelled
   */
  public void cancel(long sequence) {
    checkClaimed(sequence);
    PUBLISHED.setRelease(published, (int) sequence & mask, cancelled(sequence));
  }

  /**
   * Claims a slot, writes it with {@code writer.accept(slot, arg)} and publishes it, without
   * waiting. Allocates nothing when {@code writer} is a non-capturing lambda or method reference:
   * pass the data as {@code arg} instead of capturing it. If the writer throws, the slot is
   * {@linkplain #cancel cancelled} (the consumer never sees it) and the exception propagates.
   *
   * @param <A> the argument's type
   * @param writer writes the message into the slot it is given, from {@code arg}
   * @param arg passed to {@code writer}
   * @return true if the message was published, false if the ring was full ({@code writer} was not
   *     called)
   * @throws NullPointerException if {@code writer} is null
   */
  public <A> boolean offer(BiConsumer<? super E, ? super A> writer, A arg) {
    Objects.requireNonNull(writer, "writer");
    long sequence = tryClaim();
    if (sequence < 0) {
      return false;
    }
    int index = (int) sequence & mask;
    try {
      @SuppressWarnings("unchecked")
      E slot = (E) slots[index];
      writer.accept(slot, arg);
    } catch (Throwable t) {
      PUBLISHED.setRelease(published, index, cancelled(sequence));
      throw t;
    }
    PUBLISHED.setRelease(published, index, sequence);
    return true;
  }

  /* ---------------- Consumer -------------- */

  /**
   * Handles every slot published so far, in sequence order, up to one full ring: {@code
   * drain(handler, capacity())}.
   *
   * @param handler called with each published slot, in sequence order
   * @return the number of slots handed to {@code handler}
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if called from a handler of this ring
   */
  public int drain(Consumer<? super E> handler) {
    return drain(handler, mask + 1);
  }

  /**
   * Hands published slots to {@code handler} in sequence order, in place, stopping at the first
   * slot not yet published or after {@code limit} slots (cancelled slots count towards the limit
   * but are not handed over); then frees them all for producers at once. Never waits. Call from
   * the consumer thread only.
   *
   * <p>If {@code handler} throws, the slots handled before, and the slot it threw on, are consumed
   * and freed (not delivered again: a message that always fails cannot wedge the ring, unlike
   * Disruptor issue #223), the exception propagates, and the next {@code drain} continues with the
   * following slot.
   *
   * @param handler called with each published slot, in sequence order
   * @param limit the most slots to take, {@code >= 0}; values above {@link #capacity()} mean one
   *     full ring
   * @return the number of slots handed to {@code handler}
   * @throws IllegalArgumentException if {@code limit} is negative
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if called from a handler of this ring (drain is not reentrant)
   */
  public int drain(Consumer<? super E> handler, int limit) {
    Objects.requireNonNull(handler, "handler");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    if (draining) {
      throw new IllegalStateException("drain called from a handler of the same ring");
    }
    final Object[] slots = this.slots;
    final long[] published = this.published;
    final int mask = this.mask;
    final long start = consumerSequence;
    final long end = start + Math.min(limit, mask + 1);
    long next = start;
    long handled = 0;
    draining = true;
    try {
      while (next < end) {
        int index = (int) next & mask;
        long flag = (long) PUBLISHED.getAcquire(published, index);
        if (flag != next) {
          if (flag != cancelled(next)) {
            break;
          }
          next++;
          continue;
        }
        next++; // before the handler runs: a handler that throws has consumed its slot
        handled++; // and it was delivered, as the statistics count it
        @SuppressWarnings("unchecked")
        E slot = (E) slots[index];
        handler.accept(slot);
      }
    } finally {
      draining = false;
      if (next != start) {
        CONSUMER_SEQUENCE.setRelease(this, next);
        countBatch(next - start, handled); // after the sequence: delivered never exceeds it
      }
    }
    return (int) handled;
  }

  /* ---------------- Queries -------------- */

  /**
   * The number of slots, fixed at construction.
   *
   * @return the capacity, a power of two
   */
  public int capacity() {
    return mask + 1;
  }

  /**
   * The number of claimed slots that the consumer has not yet finished with: published ones, and
   * claimed ones not yet published or cancelled. Exact when no other thread is using the ring;
   * otherwise a snapshot that may already be stale, between 0 and {@link #capacity()}.
   *
   * @return the number of slots in use
   */
  public int size() {
    long consumed = (long) CONSUMER_SEQUENCE.getAcquire(this); // first: claimed never falls below
    long claimed = (long) PRODUCER_SEQUENCE.getAcquire(this);
    return (int) Math.min(claimed - consumed, mask + 1);
  }

  /**
   * Whether {@link #size()} is 0, with the same caveat under concurrency.
   *
   * @return {@code true} if no slot is in use
   */
  public boolean isEmpty() {
    return size() == 0;
  }

  /**
   * Reads the ring's statistics into {@code into}: capacity, occupancy, high-water occupancy, how
   * often producers found the ring full, and the totals claimed, consumed and delivered; see {@link
   * RingBufferStats} for what each figure means and how exact it is under concurrency. May be
   * called from any thread, at any time; never waits and never holds up producers or the consumer.
   * Allocates nothing. One read is about ten loads of fields the producers and the consumer write:
   * measured 6 ns on an idle ring and 20 ns while a producer and the consumer run flat out
   * (docs/ring-buffer-and-pools.md), cheap enough to poll every second or far more often.
   *
   * @param into the object to fill; its previous contents are overwritten
   * @return {@code into}
   * @throws NullPointerException if {@code into} is null
   */
  public RingBufferStats readStats(RingBufferStats into) {
    Objects.requireNonNull(into, "into");
    // In this order: delivered <= consumed <= claimed in every snapshot (see countBatch).
    final long delivered = (long) DELIVERED.getAcquire(this);
    final long consumed = (long) CONSUMER_SEQUENCE.getAcquire(this);
    final long claimed = (long) PRODUCER_SEQUENCE.getAcquire(this);
    final int capacity = mask + 1;
    final int occupancy = (int) Math.min(claimed - consumed, capacity);
    long highWater =
        Math.max(
            occupancy,
            Math.max(
                (long) PRODUCER_HIGH_WATER.getOpaque(this), (long) LARGEST_BATCH.getOpaque(this)));
    highWater = Math.min(highWater, capacity);
    long seen = (long) READ_HIGH_WATER.getOpaque(this);
    while (highWater > seen && !READ_HIGH_WATER.weakCompareAndSet(this, seen, highWater)) {
      seen = (long) READ_HIGH_WATER.getOpaque(this); // another reader raised it meanwhile
    }
    into.multiProducer = multiProducer;
    into.capacity = capacity;
    into.occupancy = occupancy;
    into.highWater = (int) Math.max(highWater, seen);
    into.claimed = claimed;
    into.consumed = consumed;
    into.delivered = delivered;
    into.failedClaims = (long) FAILED_CLAIMS.getOpaque(this);
    into.waitedClaims = (long) WAITED_CLAIMS.getOpaque(this);
    into.batches = (long) BATCHES.getOpaque(this);
    into.largestBatch = (int) (long) LARGEST_BATCH.getOpaque(this);
    return into;
  }

  /** The kind, capacity and current {@link #size()}. */
  @Override
  public String toString() {
    return (multiProducer ? "RingBuffer[multi-producer" : "RingBuffer[single-producer")
        + ", capacity="
        + capacity()
        + ", size="
        + size()
        + "]";
  }

  /* ---------------- Internals -------------- */

  /** A claim for {@link #claim}, whose failures are counted as one wait per call instead. */
  private long claimUncounted(int n) {
    return multiProducer ? claimShared(n, false) : claimOwned(n, false);
  }

  /**
   * Claim for the only producer: plain reads of its own fields. Only the branch that re-reads the
   * consumer's position touches the statistics ({@code counted} is a constant at each call site).
   */
  private long claimOwned(int n, boolean counted) {
    final long next = producerSequence;
    final long end = next + n;
    if (end > producerLimit) {
      long consumed = (long) CONSUMER_SEQUENCE.getAcquire(this);
      long limit = consumed + mask + 1;
      producerLimit = limit;
      if (next - consumed > producerHighWater) { // the occupancy at this instant: exact
        PRODUCER_HIGH_WATER.setOpaque(this, next - consumed);
      }
      if (end > limit) {
        if (counted) {
          FAILED_CLAIMS.setOpaque(this, failedClaims + 1);
        }
        return FULL;
      }
    }
    PRODUCER_SEQUENCE.setRelease(this, end);
    return next;
  }

  /**
   * Claim among producers: a CAS on the shared counter, the limit cached between them. As in
   * {@link #claimOwned}, only the re-read of the consumer's position touches the statistics.
   */
  private long claimShared(int n, boolean counted) {
    long limit = (long) PRODUCER_LIMIT.getOpaque(this);
    long next;
    do {
      next = (long) PRODUCER_SEQUENCE.getVolatile(this);
      final long end = next + n;
      if (end > limit) {
        long consumed = (long) CONSUMER_SEQUENCE.getAcquire(this);
        limit = consumed + mask + 1;
        raiseProducerHighWater(next - consumed);
        if (end > limit) {
          if (counted) {
            FAILED_CLAIMS.getAndAdd(this, 1L);
          }
          return FULL;
        }
        PRODUCER_LIMIT.setOpaque(this, limit);
      }
    } while (!PRODUCER_SEQUENCE.compareAndSet(this, next, next + n));
    return next;
  }

  /**
   * Raises the producers' high-water mark to {@code occupancy} (by CAS: several producers); a
   * lower bound of the occupancy at the instant the consumer's position was read, because the
   * shared counter was at least {@code next} then.
   */
  private void raiseProducerHighWater(long occupancy) {
    long seen = (long) PRODUCER_HIGH_WATER.getOpaque(this);
    while (occupancy > seen && !PRODUCER_HIGH_WATER.weakCompareAndSet(this, seen, occupancy)) {
      seen = (long) PRODUCER_HIGH_WATER.getOpaque(this);
    }
  }

  private void countWaitedClaim() {
    if (multiProducer) {
      WAITED_CLAIMS.getAndAdd(this, 1L);
    } else {
      WAITED_CLAIMS.setOpaque(this, waitedClaims + 1);
    }
  }

  /**
   * The consumer's statistics of one drain that freed {@code freed} slots, {@code handed} of them
   * to the handler; called after the release store of {@code consumerSequence}, and {@code
   * delivered} stored by release last, so a reader that loads it first (acquire) never sees more
   * delivered than consumed. Only the consumer writes these fields: plain reads, opaque stores.
   */
  private void countBatch(long freed, long handed) {
    BATCHES.setOpaque(this, batches + 1);
    if (freed > largestBatch) {
      LARGEST_BATCH.setOpaque(this, freed);
    }
    if (handed != 0) {
      DELIVERED.setRelease(this, delivered + handed);
    }
  }

  /**
   * Rejects a sequence that is not claimed and awaiting publication. Claimed means below {@code
   * producerSequence}; not more than one lap behind it (a sequence a lap behind was published
   * before its slot could be claimed again); and its slot does not already hold it or its
   * cancellation.
   */
  private void checkClaimed(long sequence) {
    long claimed = (long) PRODUCER_SEQUENCE.getOpaque(this);
    if (sequence < 0 || sequence >= claimed) {
      throw new IllegalArgumentException(
          "sequence " + sequence + " has not been claimed (claimed so far: below " + claimed + ")");
    }
    long flag = (long) PUBLISHED.getOpaque(published, (int) sequence & mask);
    if (claimed - sequence > mask + 1 || flag == sequence || flag == cancelled(sequence)) {
      throw new IllegalStateException(
          "sequence " + sequence + " has already been published or cancelled");
    }
  }

  private void checkBatch(int n) {
    if (n < 1 || n > mask + 1) {
      throw new IllegalArgumentException(
          "batch size must be between 1 and the capacity " + (mask + 1) + ": " + n);
    }
  }

  /** The {@code published} value of a cancelled sequence: negative and never -1. */
  private static long cancelled(long sequence) {
    return -2 - sequence;
  }

  private static long[] newPublished(int capacity) {
    long[] published = new long[capacity];
    Arrays.fill(published, NEVER_PUBLISHED);
    return published;
  }

  private static Object[] createSlots(int capacity, Supplier<?> factory) {
    if (capacity < 1 || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException(
          "capacity must be a power of two between 1 and 2^30: " + capacity);
    }
    Objects.requireNonNull(factory, "factory");
    Object[] slots = new Object[capacity];
    IdentityHashMap<Object, Integer> seen = new IdentityHashMap<>(capacity);
    for (int i = 0; i < capacity; i++) {
      Object slot = factory.get();
      if (slot == null) {
        throw new NullPointerException("factory returned null for slot " + i);
      }
      Integer earlier = seen.put(slot, i);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "factory returned the same object for slots " + earlier + " and " + i);
      }
      slots[i] = slot;
    }
    return slots;
  }
}
