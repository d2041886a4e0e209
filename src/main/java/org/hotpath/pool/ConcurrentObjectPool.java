package org.hotpath.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hotpath.internal.PoolMembers;
import org.hotpath.internal.PoolStack;

/**
 * A thread-safe pool of {@code capacity} reusable objects: {@link #acquire()} and {@link #release}
 * may be called from any threads, and an object may be released by another thread than the one
 * that acquired it (a producer acquires, a consumer releases). Lock-free: no global lock, no
 * {@code ThreadLocal}; allocates nothing except on a miss under {@link WhenEmpty#ALLOCATE}. The
 * contract is {@link ObjectPool}'s, as summarized here.
 *
 * <p><b>Members.</b> The pool creates all its {@code capacity} members up front with the factory
 * and knows them by identity ({@code ==}). Releasing a member that is not out, or an object the
 * pool never handed out, throws {@link IllegalStateException} and leaves the pool unchanged. Of
 * two threads releasing the same member at the same time, at most one succeeds. A release is
 * checked against the member's state at that moment, so a stale second release that comes after
 * the member was handed out again cannot be told from the new holder's release: it succeeds, and
 * the new holder's own release then fails as a double release.
 *
 * <p><b>Misses.</b> When every member is out, {@code acquire()} counts a miss and, by {@link
 * WhenEmpty}, creates a surplus object with the factory or throws. A released surplus object is
 * dropped and counted in {@link #drops()}. While surplus objects are out, any non-member object
 * released is taken as a returning surplus object (a foreign object or a second release of a
 * surplus object is then not detected); members are always tracked exactly.
 *
 * <p><b>Reset.</b> {@link #release} runs the reset action on the releasing thread, before the
 * object becomes idle, so the next holder sees its effects (the pool's hand-off is a
 * happens-before edge, as for a {@code java.util.concurrent} queue). The action may be a no-op
 * ({@code x -> {}}). If it throws, the release fails: the object stays out and the caller may
 * release it again.
 *
 * <p><b>Consistency.</b> For objects released only by their holders, {@code acquire()} and {@code
 * release} are linearizable: each takes effect at one CAS of the idle stack's head, and a miss
 * happens only if no member was idle at some instant during the call. Members are handed out last
 * released first. The counters {@link #available()}, {@link #outstanding()}, {@link #misses()} and
 * {@link #drops()} are exact when no call is in flight and may lag by the calls in flight
 * otherwise (as {@code ConcurrentHashMap.size()}); {@code available()} stays within {@code [0,
 * capacity]}. {@code available()} and {@code outstanding()} count the members' states, in
 * O(capacity): they are for monitoring.
 *
 * <p><b>Cost.</b> {@code acquire()} is one CAS on the idle stack and a store; {@code release} is
 * an identity lookup (expected O(1)), a CAS of the member's state, the reset action, a store and
 * one CAS on the stack. Under contention a CAS may be retried (lock-free, not
 * wait-free). Besides the members, the pool holds an identity table of 2 to 4 slots per member (8
 * bytes a slot with compressed references) and 12 bytes more per member. Failed calls allocate
 * their exception.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * members: PoolMembers, the identity table object -> member index i; read-only after construction
 *   and published through final fields, so every thread looks objects up without synchronization.
 * states:  int[capacity], per member, changed only through STATE:
 *     IDLE --acquire (after winning the pop)--> OUT --release: CAS--> RESETTING --reset ok--> IDLE
 *                                                ^------------- reset threw ----------------'
 * idle:    PoolStack, a Treiber stack of the idle members' indexes with an ABA-tagged head on a
 *   padded line of its own (see PoolStack). It keeps no count: available() counts IDLE states.
 * misses, drops, surplusOut: atomic adds on this object's fields, written only on misses and
 *   surplus releases, so they do not disturb the steady state.
 * Invariants: an index is in the stack at most once, and only while its member is IDLE (its
 *   state becomes IDLE before the push). A member is handed out only by the pop that took its
 *   index, so by one acquire at a time.
 * release(o), member i: only one thread can win the CAS OUT -> RESETTING, so two racing releases
 *   of one object cannot push it twice. The winner runs reset(o) while the member is neither
 *   idle nor out: a release of it from another thread, or from inside the reset action, fails as
 *   a double release. Then IDLE (opaque) and the push, whose CAS is a volatile write: the reset's
 *   writes and the IDLE state happen before the pop that takes the index (acquire load of the head).
 * acquire(): pop, then OUT (opaque). No thread can change an index's state between the pop and
 *   that store (release only moves OUT), and the holder's later release, on this thread or one
 *   the object was handed to, happens after it. A release racing with the store can only be a
 *   misuse (a release of an object nobody holds yet), which it catches or not by timing.
 * Notation: i = a member index, o = an object, s = a surplus count.
 * }</pre>
 *
 * @param <T> the type of the pooled objects
 */
public final class ConcurrentObjectPool<T> {

  private static final int IDLE = 0;
  private static final int OUT = 1;
  private static final int RESETTING = 2;

  private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(int[].class);
  private static final VarHandle MISSES;
  private static final VarHandle DROPS;
  private static final VarHandle SURPLUS_OUT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MISSES = lookup.findVarHandle(ConcurrentObjectPool.class, "misses", long.class);
      DROPS = lookup.findVarHandle(ConcurrentObjectPool.class, "drops", long.class);
      SURPLUS_OUT = lookup.findVarHandle(ConcurrentObjectPool.class, "surplusOut", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final PoolMembers members;
  private final Supplier<? extends T> factory;
  private final Consumer<? super T> reset;
  private final WhenEmpty whenEmpty;
  private final int[] states;
  private final PoolStack idle;

  /** Accessed only through {@link #MISSES}. */
  @SuppressWarnings("unused")
  private long misses;

  /** Accessed only through {@link #DROPS}. */
  @SuppressWarnings("unused")
  private long drops;

  /** Surplus objects handed out and not yet released; accessed only through {@link #SURPLUS_OUT}. */
  @SuppressWarnings("unused")
  private long surplusOut;

  /**
   * Creates a pool of {@code capacity} objects made by {@code factory} that creates surplus objects
   * when empty ({@link WhenEmpty#ALLOCATE}).
   *
   * @param capacity the number of members, at least 1 and at most 2^29
   * @param factory makes the members now and surplus objects later, on the thread that misses;
   *     must return a new object each time
   * @param reset applied to each object released, on the releasing thread, before it becomes
   *     idle; may be {@code x -> {}}
   * @throws IllegalArgumentException if {@code capacity} is out of range, or the factory returned
   *     the same object twice
   * @throws NullPointerException if an argument is null, or the factory returned null
   */
  public ConcurrentObjectPool(
      int capacity, Supplier<? extends T> factory, Consumer<? super T> reset) {
    this(capacity, factory, reset, WhenEmpty.ALLOCATE);
  }

  /**
   * Creates a pool of {@code capacity} objects made by {@code factory}.
   *
   * @param capacity the number of members, at least 1 and at most 2^29
   * @param factory makes the members now, and surplus objects later under {@link
   *     WhenEmpty#ALLOCATE} on the thread that misses; must return a new object each time
   * @param reset applied to each object released, on the releasing thread, before it becomes
   *     idle; may be {@code x -> {}}
   * @param whenEmpty what {@link #acquire()} does when every member is out
   * @throws IllegalArgumentException if {@code capacity} is out of range, or the factory returned
   *     the same object twice
   * @throws NullPointerException if an argument is null, or the factory returned null
   */
  public ConcurrentObjectPool(
      int capacity, Supplier<? extends T> factory, Consumer<? super T> reset, WhenEmpty whenEmpty) {
    PoolMembers.checkCapacity(capacity);
    this.factory = Objects.requireNonNull(factory, "factory");
    this.reset = Objects.requireNonNull(reset, "reset");
    this.whenEmpty = Objects.requireNonNull(whenEmpty, "whenEmpty");
    this.members = PoolMembers.create(capacity, factory);
    this.states = new int[capacity]; // all IDLE
    this.idle = new PoolStack(capacity); // member 0 on top
  }

  /* ---------------- Query ---------------- */

  /**
   * The number of members.
   *
   * @return the capacity given at construction
   */
  public int capacity() {
    return states.length;
  }

  /**
   * The number of idle members, which {@link #acquire()} hands out without a miss; exact when no
   * call is in flight. Counts the members' states, O(capacity): for monitoring, not for a hot path
   * (keeping a count would cost every acquire and release two more atomic operations).
   *
   * @return between 0 and {@link #capacity()}
   */
  public int available() {
    final int[] states = this.states;
    int idle = 0;
    for (int i = 0; i < states.length; i++) {
      if ((int) STATE.getOpaque(states, i) == IDLE) {
        idle++;
      }
    }
    return idle;
  }

  /**
   * The number of objects handed out and not released, members and surplus objects; exact when no
   * call is in flight.
   *
   * @return between 0 and {@code Integer.MAX_VALUE}
   */
  public int outstanding() {
    long surplus = (long) SURPLUS_OUT.getVolatile(this);
    long out = states.length - (long) available() + surplus;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, out));
  }

  /**
   * The number of {@link #acquire()} calls that found every member out, whatever they then did
   * (created a surplus object or threw); exact when no call is in flight.
   *
   * @return the misses since construction
   */
  public long misses() {
    return (long) MISSES.getVolatile(this);
  }

  /**
   * The number of surplus objects released and dropped for the garbage collector; exact when no
   * call is in flight.
   *
   * @return the drops since construction
   */
  public long drops() {
    return (long) DROPS.getVolatile(this);
  }

  /**
   * Reads the pool's counters into {@code into}: capacity, available, outstanding, surplus objects
   * out, misses, drops and the policy, each read once without stopping other threads, so exact
   * when no call is in flight and lagging by the calls in flight otherwise; every snapshot keeps
   * {@code 0 <= available <= capacity} and {@code drops <= misses} (drops are read first: every
   * drop's miss was counted before it). O(capacity), like {@link #available()}, which it counts
   * once: measured 46 ns for 64 members, 0.63 us for 1,024 (docs/ring-buffer-and-pools.md).
   * Allocates nothing.
   *
   * @param into the object to fill; its previous contents are overwritten
   * @return {@code into}
   * @throws NullPointerException if {@code into} is null
   */
  public PoolStats readStats(PoolStats into) {
    Objects.requireNonNull(into, "into");
    final long drops = (long) DROPS.getVolatile(this);
    final long misses = (long) MISSES.getVolatile(this);
    final long surplus = Math.max(0L, (long) SURPLUS_OUT.getVolatile(this));
    final int available = available();
    into.concurrent = true;
    into.whenEmpty = whenEmpty;
    into.capacity = states.length;
    into.available = available;
    into.outstanding =
        (int) Math.max(0, Math.min(Integer.MAX_VALUE, states.length - (long) available + surplus));
    into.surplusOut = surplus;
    into.misses = misses;
    into.drops = drops;
    return into;
  }

  /* ---------------- Acquire and release ---------------- */

  /**
   * Hands out the most recently released idle member, or, if every member is out, counts a miss
   * and acts as the pool's {@link WhenEmpty} says. Never returns null. Lock-free; allocates nothing
   * unless it creates a surplus object.
   *
   * @return an object the caller holds until it (or a thread it hands the object to) passes it to
   *     {@link #release}
   * @throws IllegalStateException if every member is out and the policy is {@link
   *     WhenEmpty#THROW}, or the factory returned a member
   * @throws NullPointerException if the factory returned null for a surplus object
   */
  public T acquire() {
    int i = idle.pop();
    if (i >= 0) {
      STATE.setOpaque(states, i, OUT);
      return member(i);
    }
    return miss();
  }

  /**
   * Takes back an object from {@link #acquire()}: resets a member and makes it idle, or drops a
   * surplus object. Lock-free apart from the reset action; allocates nothing, unless it throws.
   *
   * @param object an object this pool handed out and that has not been released since
   * @throws NullPointerException if {@code object} is null
   * @throws IllegalStateException if {@code object} is a member that is not out (released twice),
   *     or is not a member and no surplus object is out (not handed out by this pool); the pool is
   *     unchanged
   * @throws RuntimeException whatever the reset action throws; the object stays out
   */
  public void release(T object) {
    Objects.requireNonNull(object, "object");
    final int[] states = this.states;
    int i = members.indexOf(object);
    if (i < 0) {
      dropSurplus(object);
      return;
    }
    if (!STATE.compareAndSet(states, i, OUT, RESETTING)) {
      throw PoolMembers.releasedTwice(object);
    }
    boolean done = false;
    try {
      reset.accept(object);
      done = true;
    } finally {
      if (!done) {
        STATE.setRelease(states, i, OUT);
      }
    }
    STATE.setOpaque(states, i, IDLE); // published by the push's CAS
    idle.push(i);
  }

  /**
   * The pool's capacity, policy and counters, each read once, without stopping other threads.
   *
   * @return e.g. {@code ConcurrentObjectPool[capacity=16, available=15, outstanding=1, misses=0,
   *     drops=0, whenEmpty=ALLOCATE]}
   */
  @Override
  public String toString() {
    return "ConcurrentObjectPool[capacity=" + capacity() + ", available=" + available()
        + ", outstanding=" + outstanding() + ", misses=" + misses() + ", drops=" + drops()
        + ", whenEmpty=" + whenEmpty + ']';
  }

  /* ---------------- Helpers ---------------- */

  @SuppressWarnings("unchecked") // every member came from a Supplier<? extends T>
  private T member(int i) {
    return (T) members.get(i);
  }

  private T miss() {
    MISSES.getAndAdd(this, 1L);
    if (whenEmpty == WhenEmpty.THROW) {
      throw PoolMembers.empty(states.length);
    }
    @SuppressWarnings("unchecked") // made by a Supplier<? extends T>
    T surplus = (T) members.newSurplus(factory);
    SURPLUS_OUT.getAndAdd(this, 1L); // before the caller can release it
    return surplus;
  }

  /** Takes a non-member as a returning surplus object if one is out: a decrement that stops at 0. */
  private void dropSurplus(T object) {
    for (; ; ) {
      long s = (long) SURPLUS_OUT.getVolatile(this);
      if (s == 0) {
        throw PoolMembers.notHandedOut(object);
      }
      if (SURPLUS_OUT.compareAndSet(this, s, s - 1)) {
        break;
      }
      Thread.onSpinWait();
    }
    DROPS.getAndAdd(this, 1L);
  }
}
