package org.hotpath.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The header of one shard of a sharded map: a writer lock and a sequence counter for optimistic,
 * write-free readers, on separate cache lines. Subclasses add the fields readers read (they share
 * the sequence's line) and end with 128 bytes of padding of their own.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * Layout (JDK 15+ lays superclass fields first):
 *   | pad 128 B | lock, callbackOwner, occupied, threshold | pad 128 B | sequence, reader fields... | pad |
 *     writers only: every write CASes the lock              readers: written only by structural changes
 *
 * The lock excludes writers. The sequence is odd while the holder changes the table's layout
 * (moves entries, swaps or clears the arrays): a WRITING section, begun by beginWrite() and ended by
 * endWrite() or unlock(). Updates that cannot mislead a reader are made without one, by a single
 * release store the reader loads with acquire: a value replaced in place, an entry written into an
 * empty slot. So readers re-read the sequence's line only after a structural change, and never the
 * lock's line, which every writer dirties.
 *
 * Writer:  lock()         CAS 0 -> 1 on the lock word (acquire)
 *          beginWrite()   opaque store of sequence + 1 (odd), then a store-store fence, so no write
 *                         of the section is visible before the odd sequence is
 *          ...plain stores...
 *          endWrite() / unlock()   release store of sequence + 1 (even): every write of the section
 *                         is visible to a reader that sees the new sequence. unlock() then releases
 *                         the lock word.
 * Reader:  s = readStamp()  acquire load of the sequence, waiting while it is odd
 *          ...loads of the reader fields and the arrays; the result may be torn or stale...
 *          validate(s)      acquire fence, then reload: valid iff the sequence did not move.
 *   What the reader computes before validating may be garbage, so readers index only inside the
 *   array they loaded and bound every loop (the Pulsar ConcurrentLongHashMap failure: torn reads
 *   during rehash indexed past the end of a stale array).
 *
 * A writer never begins a WRITING section while user code runs, so readers never wait on user
 * code; they wait only for short, bounded layout changes. The lock is not reentrant: user code
 * that calls back into the same shard is caught (owner check in the slow path) and gets an
 * IllegalStateException instead of a deadlock.
 * }</pre>
 */
public abstract class SeqLock extends SeqLockReaderPadding {

  private static final VarHandle SEQUENCE;

  static {
    try {
      SEQUENCE = MethodHandles.lookup().findVarHandle(SeqLock.class, "sequence", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Odd while a WRITING section is open; accessed only through {@link #SEQUENCE}. */
  @SuppressWarnings("unused")
  private long sequence;

  /** For subclasses. */
  protected SeqLock() {}

  /* ---------------- Readers ---------------- */

  /**
   * Starts an optimistic read: waits until no WRITING section is open, then returns the stamp to
   * {@link #validate}. Writes nothing.
   *
   * @return the stamp
   */
  public final long readStamp() {
    long s = (long) SEQUENCE.getAcquire(this);
    if ((s & 1) == 0) {
      return s;
    }
    return readStampSlow();
  }

  private long readStampSlow() {
    for (int attempt = 0; ; attempt++) {
      SeqLockWriter.idle(attempt);
      long s = (long) SEQUENCE.getAcquire(this);
      if ((s & 1) == 0) {
        return s;
      }
    }
  }

  /**
   * Whether no WRITING section began since {@link #readStamp} returned {@code stamp}, so that what
   * was read meanwhile may be used.
   *
   * @param stamp from {@link #readStamp}
   * @return {@code true} if the read was consistent
   */
  public final boolean validate(long stamp) {
    VarHandle.acquireFence(); // the reads being validated happen before the reload
    return (long) SEQUENCE.getOpaque(this) == stamp;
  }

  /* ---------------- Writers ---------------- */

  /**
   * Opens a WRITING section: until {@link #endWrite} or {@link #unlock}, readers wait and any read
   * that overlapped the section fails validation. The lock must be held. Idempotent.
   */
  public final void beginWrite() {
    long s = (long) SEQUENCE.get(this);
    if ((s & 1) == 0) {
      SEQUENCE.setOpaque(this, s + 1);
      VarHandle.storeStoreFence(); // the section's writes stay behind the odd sequence
    }
  }

  /** Closes a WRITING section, if one is open, and keeps the lock: a release store. */
  public final void endWrite() {
    long s = (long) SEQUENCE.get(this);
    if ((s & 1) != 0) {
      SEQUENCE.setRelease(this, s + 1);
    }
  }

  /**
   * Closes any open WRITING section and releases the lock. Call it from a {@code finally} block; a
   * locked section that wrote nothing, or wrote only by single release stores, leaves the sequence
   * as it was, so optimistic reads that overlapped it remain valid.
   */
  public final void unlock() {
    endWrite();
    releaseLock();
  }

}
