package org.hotpath.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The writers' cache line of a {@link SeqLock}: the lock word, the owner check for callbacks, and
 * the table bookkeeping only writers touch. See {@link SeqLock} for the protocol.
 */
public abstract class SeqLockWriter extends SeqLockPadding {

  /** Busy-spins before a waiter starts yielding its core; a table update takes well under that. */
  private static final int SPINS = 128;

  /** Yields before a waiter starts to park between attempts. */
  private static final int YIELDS = 256;

  /** Parking interval once spinning and yielding have not helped: a lock held by user code. */
  private static final long PARK_NANOS = 20_000L;

  private static final VarHandle LOCK;

  static {
    try {
      LOCK = MethodHandles.lookup().findVarHandle(SeqLockWriter.class, "lock", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** 1 while a writer holds the lock; accessed only through {@link #LOCK}. */
  @SuppressWarnings("unused")
  private int lock;

  /**
   * The thread running user code under this lock, or null; written by the lock holder only, read
   * in the slow path of {@link #lock()} to catch reentrant calls.
   */
  private Thread callbackOwner;

  /** Occupied slots of the guarded table; written under the lock, read racily by size(). Public
   * only for the sharded maps of another package: this package is not exported. */
  public int occupied;

  /** Occupied slots at which the guarded table grows; read and written under the lock. */
  public int threshold;

  /** For subclasses. */
  protected SeqLockWriter() {}

  /**
   * Acquires the writer lock, spinning, then yielding, then parking briefly while it is held.
   * Allocates nothing. Readers are not held up.
   *
   * @throws IllegalStateException if the calling thread is running user code under this lock
   *     (a mapping function or callback that calls back into the same shard)
   */
  public final void lock() {
    if (!LOCK.compareAndSet(this, 0, 1)) {
      lockSlow();
    }
  }

  private void lockSlow() {
    if (callbackOwner == Thread.currentThread()) {
      throw new IllegalStateException(
          "a mapping function or callback must not modify the map it was called by");
    }
    for (int attempt = 0; ; attempt++) {
      if ((int) LOCK.getOpaque(this) == 0 && LOCK.compareAndSet(this, 0, 1)) {
        return;
      }
      idle(attempt);
    }
  }

  /**
   * Records that the lock holder is about to run user code, so that a reentrant {@link #lock()} by
   * the same thread fails fast instead of deadlocking. Cleared when the lock is released.
   */
  public final void enterCallback() {
    callbackOwner = Thread.currentThread();
  }

  /** Releases the lock word (a release store); {@link SeqLock#unlock()} is the public way. */
  final void releaseLock() {
    callbackOwner = null;
    LOCK.setRelease(this, 0);
  }

  /**
   * Waits a little, longer as {@code attempt} grows; allocates nothing. Yielding is deliberate:
   * with more threads than cores, the lock holder may be waiting for this core.
   */
  @SuppressWarnings("ThreadPriorityCheck")
  static void idle(int attempt) {
    if (attempt < SPINS) {
      Thread.onSpinWait();
    } else if (attempt < SPINS + YIELDS) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(PARK_NANOS);
    }
  }
}
