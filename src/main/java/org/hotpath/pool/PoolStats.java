package org.hotpath.pool;

/**
 * A snapshot of an object pool's counters, filled by {@link ObjectPool#readStats} or {@link
 * ConcurrentObjectPool#readStats}: the same figures for both pools, in the same form. Caller-owned
 * and reusable: create one, then read into it as often as needed; reading allocates nothing.
 *
 * <p><b>Exactness.</b> From an {@link ObjectPool}, and from a {@link ConcurrentObjectPool} with no
 * call in flight, every figure is exact. While other threads acquire and release, a concurrent
 * pool's figures are read one after another without stopping them and may lag by the calls in
 * flight; every snapshot still keeps {@code 0 <= available <= capacity}, {@code outstanding >= 0}
 * and {@code drops <= misses}.
 *
 * <p><b>Reading it.</b> Misses that keep climbing mean the pool is too small for its load (under
 * {@link WhenEmpty#ALLOCATE} each miss is an allocation, and each surplus object comes back as a
 * drop); outstanding objects that only grow while the load is steady mean objects that are never
 * released.
 */
public final class PoolStats {

  boolean concurrent;
  WhenEmpty whenEmpty = WhenEmpty.ALLOCATE;
  int capacity;
  int available;
  int outstanding;
  long surplusOut;
  long misses;
  long drops;

  /** An empty snapshot (every count 0) to pass to a pool's {@code readStats}. */
  public PoolStats() {}

  /**
   * Whether the figures come from a {@link ConcurrentObjectPool} (and so may lag under load).
   *
   * @return {@code true} for a {@code ConcurrentObjectPool}, {@code false} for an {@code
   *     ObjectPool}
   */
  public boolean concurrent() {
    return concurrent;
  }

  /**
   * What the pool's {@code acquire()} does when every member is out; exact.
   *
   * @return the policy given at construction ({@link WhenEmpty#ALLOCATE} in a new snapshot)
   */
  public WhenEmpty whenEmpty() {
    return whenEmpty;
  }

  /**
   * The number of members; exact.
   *
   * @return the capacity given at construction
   */
  public int capacity() {
    return capacity;
  }

  /**
   * Idle members, which {@code acquire()} hands out without a miss, as the pool's {@code
   * available()}.
   *
   * @return between 0 and {@link #capacity()}
   */
  public int available() {
    return available;
  }

  /**
   * Objects handed out and not released, members and surplus objects, as the pool's {@code
   * outstanding()}.
   *
   * @return at least 0, at most {@code Integer.MAX_VALUE}
   */
  public int outstanding() {
    return outstanding;
  }

  /**
   * Surplus objects (made on a miss under {@link WhenEmpty#ALLOCATE}) handed out and not yet
   * released; included in {@link #outstanding()}.
   *
   * @return at least 0
   */
  public long surplusOut() {
    return surplusOut;
  }

  /**
   * Calls of {@code acquire()} that found every member out, as the pool's {@code misses()}.
   *
   * @return the misses since construction
   */
  public long misses() {
    return misses;
  }

  /**
   * Surplus objects released and dropped for the garbage collector, as the pool's {@code drops()}.
   *
   * @return the drops since construction, at most {@link #misses()}
   */
  public long drops() {
    return drops;
  }

  /**
   * One line for a log; allocates the string.
   *
   * @return e.g. {@code ConcurrentObjectPool stats: capacity=16, available=0, outstanding=19 (3
   *     surplus), misses=42, drops=39, when empty: ALLOCATE}
   */
  @Override
  public String toString() {
    return (concurrent ? "ConcurrentObjectPool" : "ObjectPool") + " stats: capacity=" + capacity
        + ", available=" + available + ", outstanding=" + outstanding + " (" + surplusOut
        + " surplus), misses=" + misses + ", drops=" + drops + ", when empty: " + whenEmpty;
  }
}
