package org.hotpath.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A writer lock with optimistic, write-free readers, padded to a cache-line pair of its own: the
 * header of one shard of a sharded map. Subclasses add the fields the lock guards and end with
 * padding of their own ({@link #PAD_LONGS} longs).
 *
 * <pre>{@code
 * Implementation notes.
 *
 * One long of state:   [ sequence ..... | WRITING | LOCKED ]
 *                                           bit 1     bit 0
 *   LOCKED   a writer holds the lock. It may be reading the guarded fields, building a new table
 *            off to the side, or running user code (a mapping function); readers carry on.
 *   WRITING  the lock holder is changing what readers read. Readers wait for it to clear.
 *   sequence advances (by STEP) every time a WRITING section ends.
 *
 * Writer:  lock()        CAS LOCKED in (acquire: nothing below moves above it)
 *          beginWrite()  opaque store of WRITING, then a store-store fence, so no write to the
 *                        table becomes visible before WRITING does
 *          ...mutate with plain stores...
 *          endWrite() or unlock()   release store that clears WRITING and bumps the sequence
 *                        (unlock also clears LOCKED); every mutation is visible before it.
 * Reader:  s = readStamp()   acquire load, waiting while WRITING is set
 *          ...plain loads of the guarded fields and arrays; the values may be torn or stale...
 *          validate(s)       acquire fence, then reload: valid iff nothing but LOCKED changed.
 *   A read that overlaps a WRITING section sees a different sequence or WRITING itself, so its
 *   result is discarded. What the reader computes before validating may be garbage, so readers
 *   index only inside the array they loaded and bound every loop (the Pulsar ConcurrentLongHashMap
 *   failure: torn reads during rehash indexed past the end of a stale array).
 *
 * Readers never write shared memory. A writer never sets WRITING while user code runs, so readers
 * never wait on user code; they wait only for short, bounded table updates. The lock is not
 * reentrant: user code that calls back into the same shard is caught (owner check in the slow
 * path) and gets an IllegalStateException instead of a deadlock.
 * }</pre>
 */
public abstract class SeqLock extends SeqLockPadding {

  /** Longs of padding a subclass appends after its fields: 128 bytes, two cache lines. */
  public static final int PAD_LONGS = 16;

  private static final long LOCKED = 1L;
  private static final long WRITING = 2L;
  private static final long STEP = 4L;

  /** Busy-spins before a waiter starts yielding its core; a table update takes well under that. */
  private static final int SPINS = 128;

  /** Yields before a waiter starts to park between attempts. */
  private static final int YIELDS = 256;

  /** Parking interval once spinning and yielding have not helped: a lock held by user code. */
  private static final long PARK_NANOS = 20_000L;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(SeqLock.class, "state", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Accessed only through {@link #STATE}. */
  @SuppressWarnings("unused")
  private long state;

  /**
   * The thread running user code under this lock, or null; written by the lock holder only, read
   * in the slow path of {@link #lock()} to catch reentrant calls.
   */
  private Thread callbackOwner;

  /** For subclasses. */
  protected SeqLock() {}

  /* ---------------- Readers ---------------- */

  /**
   * Starts an optimistic read: waits until no write is in progress, then returns the stamp to
   * {@link #validate}. Writes nothing.
   *
   * @return the stamp
   */
  public final long readStamp() {
    long s = (long) STATE.getAcquire(this);
    if ((s & WRITING) == 0) {
      return s;
    }
    return readStampSlow();
  }

  private long readStampSlow() {
    for (int attempt = 0; ; attempt++) {
      idle(attempt);
      long s = (long) STATE.getAcquire(this);
      if ((s & WRITING) == 0) {
        return s;
      }
    }
  }

  /**
   * Whether the guarded fields read since {@link #readStamp} returned {@code stamp} were not
   * changed meanwhile, so that what was computed from them may be used.
   *
   * @param stamp from {@link #readStamp}
   * @return {@code true} if the read was consistent
   */
  public final boolean validate(long stamp) {
    VarHandle.acquireFence(); // the reads being validated happen before the reload
    return (((long) STATE.getOpaque(this)) & ~LOCKED) == (stamp & ~LOCKED);
  }

  /* ---------------- Writers ---------------- */

  /**
   * Acquires the writer lock, spinning, then yielding, then parking briefly while it is held.
   * Allocates nothing. Readers continue until {@link #beginWrite}.
   *
   * @throws IllegalStateException if the calling thread is running user code under this lock
   *     (a mapping function or callback that calls back into the same shard)
   */
  public final void lock() {
    long s = (long) STATE.getOpaque(this);
    if ((s & LOCKED) != 0 || !STATE.compareAndSet(this, s, s | LOCKED)) {
      lockSlow();
    }
  }

  private void lockSlow() {
    if (callbackOwner == Thread.currentThread()) {
      throw new IllegalStateException(
          "a mapping function or callback must not modify the map it was called by");
    }
    for (int attempt = 0; ; attempt++) {
      long s = (long) STATE.getOpaque(this);
      if ((s & LOCKED) == 0 && STATE.compareAndSet(this, s, s | LOCKED)) {
        return;
      }
      idle(attempt);
    }
  }

  /**
   * Marks the start of a change to what readers read; the lock must be held. Idempotent until the
   * next {@link #endWrite} or {@link #unlock}.
   */
  public final void beginWrite() {
    long s = (long) STATE.get(this);
    STATE.setOpaque(this, s | WRITING);
    VarHandle.storeStoreFence(); // the table writes that follow stay behind WRITING
  }

  /**
   * Ends a change begun by {@link #beginWrite} and keeps the lock: a release store, so readers
   * that see the new sequence see every write before it.
   */
  public final void endWrite() {
    long s = (long) STATE.get(this);
    STATE.setRelease(this, (s & ~WRITING) + STEP);
  }

  /**
   * Records that the lock holder is about to run user code, so that a reentrant {@link #lock()} by
   * the same thread fails fast instead of deadlocking. Cleared by {@link #unlock()}.
   */
  public final void enterCallback() {
    callbackOwner = Thread.currentThread();
  }

  /**
   * Releases the lock, ending any change in progress. Call it from a {@code finally} block: a
   * section that never began a write leaves the sequence as it was, so optimistic reads that
   * overlapped it remain valid.
   */
  public final void unlock() {
    callbackOwner = null;
    long s = (long) STATE.get(this);
    long next = (s & WRITING) != 0 ? (s & ~(LOCKED | WRITING)) + STEP : s & ~LOCKED;
    STATE.setRelease(this, next);
  }

  /**
   * Whether some thread holds this lock; for tests.
   *
   * @return {@code true} while some thread holds the lock
   */
  public final boolean isLocked() {
    return (((long) STATE.getVolatile(this)) & LOCKED) != 0;
  }

  /**
   * Waits a little, longer as {@code attempt} grows; allocates nothing. Yielding is deliberate:
   * with more threads than cores, the lock holder may be waiting for this core.
   */
  @SuppressWarnings("ThreadPriorityCheck")
  private static void idle(int attempt) {
    if (attempt < SPINS) {
      Thread.onSpinWait();
    } else if (attempt < SPINS + YIELDS) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(PARK_NANOS);
    }
  }
}
