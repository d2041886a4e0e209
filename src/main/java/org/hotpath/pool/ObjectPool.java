package org.hotpath.pool;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hotpath.internal.PoolMembers;

/**
 * A pool of {@code capacity} reusable objects for one thread: {@link #acquire()} hands out an idle
 * one, {@link #release} takes it back and resets it. The replacement for {@code new} of a mutable
 * object (a buffer, a builder, a message holder) on a hot path. Not thread-safe, like {@code
 * ArrayDeque}; {@link ConcurrentObjectPool} is the thread-safe one.
 *
 * <pre>{@code
 * ObjectPool<StringBuilder> builders =
 *     new ObjectPool<>(16, StringBuilder::new, sb -> sb.setLength(0));
 * StringBuilder sb = builders.acquire();
 * try {
 *   ...
 * } finally {
 *   builders.release(sb);
 * }
 * }</pre>
 *
 * <p><b>Members.</b> The pool creates all its {@code capacity} members up front with the factory
 * and knows them by identity ({@code ==}, never {@code equals}), so it catches a member released
 * twice and an object it never handed out, and throws {@link IllegalStateException} for both,
 * leaving the pool unchanged. Idle members are handed out last released first, which keeps the
 * objects in use few and cache-warm.
 *
 * <p><b>Misses.</b> When every member is out, {@code acquire()} counts a miss and, by {@link
 * WhenEmpty}, either creates a <em>surplus</em> object with the factory ({@link
 * WhenEmpty#ALLOCATE}, the default) or throws ({@link WhenEmpty#THROW}). A released surplus object
 * is dropped for the garbage collector and counted in {@link #drops()}; the pool never grows.
 * Surplus objects are not tracked one by one (that would allocate): while some are out, the pool
 * takes any non-member object it is given as a returning surplus object, so a foreign object or a
 * second release of a surplus object is then not detected (it is dropped and counted instead).
 * Members are always tracked exactly.
 *
 * <p><b>Reset.</b> {@link #release} runs the reset action before the object becomes idle again;
 * the action may be a no-op ({@code x -> {}}). If it throws, the release fails: the exception
 * propagates, the object stays out, the caller still holds it and may release it again.
 *
 * <p><b>Allocation and cost.</b> Only a miss under {@link WhenEmpty#ALLOCATE} allocates (the
 * factory's object); {@code acquire()} and {@code release} are O(1) otherwise and allocate nothing
 * (a release looks the object up by identity: expected O(1), at load 1/2 or less). Besides the
 * members, the pool holds an identity table of 2 to 4 slots per member (8 bytes a slot with
 * compressed references) and 9 bytes more per member. Failed calls allocate their exception.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * members: PoolMembers, the identity table: object -> member index i, built once
 * states:  byte[capacity], per member: IDLE, OUT or RESETTING (reset action running)
 * idle:    int[capacity], a stack of the idle members' indexes, idle[0 .. available-1], top last
 * surplusOut: surplus objects handed out and not yet released
 * Invariants: member i is IDLE iff it is in idle[0 .. available-1], exactly once;
 *   outstanding() == capacity - available + surplusOut.
 * release(o): i = members.indexOf(o); member: OUT -> RESETTING, reset(o), -> IDLE, push; a member
 *   in any other state is a double release. Non-member: surplusOut > 0 ? drop : foreign.
 * RESETTING makes a release of the same object from inside its own reset action a double release,
 *   instead of pushing it twice.
 * Notation: i = a member index, o = an object.
 * }</pre>
 *
 * @param <T> the type of the pooled objects
 */
public final class ObjectPool<T> {

  private static final byte IDLE = 0;
  private static final byte OUT = 1;
  private static final byte RESETTING = 2;

  private final PoolMembers members;
  private final Supplier<? extends T> factory;
  private final Consumer<? super T> reset;
  private final WhenEmpty whenEmpty;
  private final byte[] states;
  private final int[] idle;

  private int available;
  private long surplusOut;
  private long misses;
  private long drops;

  /**
   * Creates a pool of {@code capacity} objects made by {@code factory} that creates surplus objects
   * when empty ({@link WhenEmpty#ALLOCATE}).
   *
   * @param capacity the number of members, at least 1 and at most 2^29
   * @param factory makes the members now and surplus objects later; must return a new object
   *     each time
   * @param reset applied to each object released, before it becomes idle; may be {@code x -> {}}
   * @throws IllegalArgumentException if {@code capacity} is out of range, or the factory returned
   *     the same object twice
   * @throws NullPointerException if an argument is null, or the factory returned null
   */
  public ObjectPool(int capacity, Supplier<? extends T> factory, Consumer<? super T> reset) {
    this(capacity, factory, reset, WhenEmpty.ALLOCATE);
  }

  /**
   * Creates a pool of {@code capacity} objects made by {@code factory}.
   *
   * @param capacity the number of members, at least 1 and at most 2^29
   * @param factory makes the members now, and surplus objects later under {@link
   *     WhenEmpty#ALLOCATE}; must return a new object each time
   * @param reset applied to each object released, before it becomes idle; may be {@code x -> {}}
   * @param whenEmpty what {@link #acquire()} does when every member is out
   * @throws IllegalArgumentException if {@code capacity} is out of range, or the factory returned
   *     the same object twice
   * @throws NullPointerException if an argument is null, or the factory returned null
   */
  public ObjectPool(
      int capacity, Supplier<? extends T> factory, Consumer<? super T> reset, WhenEmpty whenEmpty) {
    PoolMembers.checkCapacity(capacity);
    this.factory = Objects.requireNonNull(factory, "factory");
    this.reset = Objects.requireNonNull(reset, "reset");
    this.whenEmpty = Objects.requireNonNull(whenEmpty, "whenEmpty");
    this.members = PoolMembers.create(capacity, factory);
    this.states = new byte[capacity];
    this.idle = new int[capacity];
    for (int k = 0; k < capacity; k++) {
      idle[k] = capacity - 1 - k; // member 0 on top
    }
    this.available = capacity;
  }

  /* ---------------- Query ---------------- */

  /**
   * The number of members.
   *
   * @return the capacity given at construction
   */
  public int capacity() {
    return idle.length;
  }

  /**
   * The number of idle members, which {@link #acquire()} hands out without a miss.
   *
   * @return between 0 and {@link #capacity()}
   */
  public int available() {
    return available;
  }

  /**
   * The number of objects handed out and not released: members out plus surplus objects out.
   *
   * @return {@code capacity() - available()} plus the surplus objects out, at most {@code
   *     Integer.MAX_VALUE}
   */
  public int outstanding() {
    return (int) Math.min(Integer.MAX_VALUE, idle.length - available + surplusOut);
  }

  /**
   * The number of {@link #acquire()} calls that found every member out, whatever they then did
   * (created a surplus object or threw).
   *
   * @return the misses since construction
   */
  public long misses() {
    return misses;
  }

  /**
   * The number of surplus objects released and dropped for the garbage collector.
   *
   * @return the drops since construction
   */
  public long drops() {
    return drops;
  }

  /**
   * Reads the pool's counters into {@code into}: capacity, available, outstanding, surplus objects
   * out, misses, drops and the policy, all exact. O(1); allocates nothing (a few field reads:
   * measured 5 ns, docs/ring-buffer-and-pools.md).
   *
   * @param into the object to fill; its previous contents are overwritten
   * @return {@code into}
   * @throws NullPointerException if {@code into} is null
   */
  public PoolStats readStats(PoolStats into) {
    Objects.requireNonNull(into, "into");
    into.concurrent = false;
    into.whenEmpty = whenEmpty;
    into.capacity = idle.length;
    into.available = available;
    into.outstanding = outstanding();
    into.surplusOut = surplusOut;
    into.misses = misses;
    into.drops = drops;
    return into;
  }

  /* ---------------- Acquire and release ---------------- */

  /**
   * Hands out the most recently released idle member, or, if every member is out, counts a miss
   * and acts as the pool's {@link WhenEmpty} says. Never returns null. O(1); allocates nothing
   * unless it creates a surplus object.
   *
   * @return an object the caller holds until it passes it to {@link #release}
   * @throws IllegalStateException if every member is out and the policy is {@link
   *     WhenEmpty#THROW}, or the factory returned a member
   * @throws NullPointerException if the factory returned null for a surplus object
   */
  public T acquire() {
    if (available > 0) {
      int i = idle[--available];
      states[i] = OUT;
      return member(i);
    }
    return miss();
  }

  /**
   * Takes back an object from {@link #acquire()}: resets a member and makes it idle, or drops a
   * surplus object. Expected O(1) plus the reset action; allocates nothing, unless it throws.
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
    int i = members.indexOf(object);
    if (i < 0) {
      dropSurplus(object);
      return;
    }
    if (states[i] != OUT) {
      throw PoolMembers.releasedTwice(object);
    }
    states[i] = RESETTING;
    boolean done = false;
    try {
      reset.accept(object);
      done = true;
    } finally {
      states[i] = done ? IDLE : OUT;
    }
    idle[available++] = i;
  }

  /**
   * The pool's capacity, policy and counters.
   *
   * @return e.g. {@code ObjectPool[capacity=16, available=15, outstanding=1, misses=0, drops=0,
   *     whenEmpty=ALLOCATE]}
   */
  @Override
  public String toString() {
    return "ObjectPool[capacity=" + capacity() + ", available=" + available + ", outstanding="
        + outstanding() + ", misses=" + misses + ", drops=" + drops + ", whenEmpty=" + whenEmpty
        + ']';
  }

  /* ---------------- Helpers ---------------- */

  @SuppressWarnings("unchecked") // every member came from a Supplier<? extends T>
  private T member(int i) {
    return (T) members.get(i);
  }

  private T miss() {
    misses++;
    if (whenEmpty == WhenEmpty.THROW) {
      throw PoolMembers.empty(idle.length);
    }
    @SuppressWarnings("unchecked") // made by a Supplier<? extends T>
    T surplus = (T) members.newSurplus(factory);
    surplusOut++;
    return surplus;
  }

  private void dropSurplus(T object) {
    if (surplusOut == 0) {
      throw PoolMembers.notHandedOut(object);
    }
    surplusOut--;
    drops++;
  }
}
