package org.hotpath.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free stack of the indexes {@code 0..capacity-1} of a pool's idle members: Treiber's stack
 * (R. K. Treiber, "Systems Programming: Coping with Parallelism", IBM RJ 5118, 1986) over an
 * array of links, with a version tag in the head against ABA. Allocates nothing. Each index must
 * be in the stack at most once, which the caller ensures: a pool pushes an index only after its
 * CAS moved the member's state away from OUT, a state the member enters only when popped.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * Layout (JDK 15+ lays superclass fields first):
 *   | pad 128 B | head | pad 128 B | next |   head is the only contended word, on a line of its own
 *   head = tag << 32 | (top + 1)       top + 1 == 0: empty
 *   next[i] = (index below i) + 1      0: i is the bottom; meaningful only while i is in the stack
 * No size is kept: a counter beside head cost two more atomic adds per acquire/release pair (31
 * against 22.5 ns per pair in PoolBenchmark), so the pool counts its idle members when asked.
 *
 * push(i):  h = head (acquire); next[i] = low(h) (opaque); CAS head h -> (tag(h) + 1, i + 1)
 * pop():    h = head (acquire); if low(h) == 0: empty; t = low(h) - 1;
 *           n = next[t] (opaque); CAS head h -> (tag(h) + 1, n)
 *
 * ABA: a pop that read h and n = next[t] must not succeed if t was popped and pushed again (with
 * another next) in between. Every successful CAS advances the tag, so head never holds the same
 * value twice within 2^32 changes, and the pop's CAS fails. (A pop would have to stall for exactly
 * a multiple of 2^32 changes of head to be fooled.)
 * Memory ordering: the CAS is a volatile write, the head load an acquire: a pop that sees the head
 * a push wrote sees that push's next[i], and whatever the pushing thread wrote before (the object's
 * reset state, the member's IDLE state). next[] is read with a race: a pop that read a stale head
 * may read next[t] while t's new owner pushes it again. Opaque accesses make that race benign and
 * well defined (any value written, never a torn or invented one) and the pop's CAS then fails
 * because the tag moved. Plain accesses would be as safe on every JVM in practice, but not
 * provably so by the memory model.
 * Notation: h = a head value, t = the top index, n = a next link (index + 1).
 * }</pre>
 */
public final class PoolStack extends PoolStackHead {

  private static final VarHandle HEAD;
  private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(int[].class);

  /** The low half of {@code head}: top index plus one. */
  private static final long LINK_MASK = 0xFFFF_FFFFL;

  /** One step of the tag in the high half of {@code head}. */
  private static final long TAG_STEP = 1L << 32;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(PoolStackHead.class, "head", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused")
  private long q00, q01, q02, q03, q04, q05, q06, q07;

  @SuppressWarnings("unused")
  private long q08, q09, q10, q11, q12, q13, q14, q15;

  private final int[] next;

  /**
   * Creates a stack holding every index, 0 on top: {@code pop()} returns 0, 1, 2, ... in turn.
   *
   * @param capacity the number of indexes, at most {@link PoolMembers#MAX_CAPACITY}
   */
  public PoolStack(int capacity) {
    final int[] next = new int[capacity];
    for (int i = 0; i < capacity - 1; i++) {
      next[i] = i + 2; // below i lies i + 1
    }
    this.next = next;
    this.head = 1; // tag 0, top index 0; published with the final field next
  }

  /**
   * Pushes an index that is not in the stack. Lock-free; allocates nothing.
   *
   * @param i a member index not in the stack
   */
  public void push(int i) {
    final int[] next = this.next;
    for (; ; ) {
      long h = (long) HEAD.getAcquire(this);
      NEXT.setOpaque(next, i, (int) h);
      if (HEAD.compareAndSet(this, h, retag(h, i + 1))) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  /**
   * Pops the top index. Lock-free; allocates nothing.
   *
   * @return the index, or -1 if the stack was empty when looked at
   */
  public int pop() {
    final int[] next = this.next;
    for (; ; ) {
      long h = (long) HEAD.getAcquire(this);
      int top = (int) h;
      if (top == 0) {
        return -1;
      }
      int n = (int) NEXT.getOpaque(next, top - 1);
      if (HEAD.compareAndSet(this, h, retag(h, n))) {
        return top - 1;
      }
      Thread.onSpinWait();
    }
  }

  /** {@code h}'s tag advanced by one (wrapping), over the link {@code n}. */
  private static long retag(long h, int n) {
    return ((h & ~LINK_MASK) + TAG_STEP) | (n & LINK_MASK);
  }
}
