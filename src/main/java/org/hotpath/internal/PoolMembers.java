package org.hotpath.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The members of an object pool, created up front and told apart by identity: an open-addressing
 * table from each member to its index {@code 0..size-1}, built once and read-only afterwards.
 * Shared by {@code ObjectPool} and {@code ConcurrentObjectPool}, which keep their per-member state
 * in arrays indexed by it.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * keys:    Object[], a power of two >= 2 * size (load at most 1/2), null = empty slot
 * indexes: int[], parallel to keys: the member index of keys[s]
 * members: Object[size], member by index
 * A reference's home slot is the top bits of System.identityHashCode(o) * 2^32/phi (Fibonacci
 * hashing: the multiply spreads the identity hash, whose low bits need not be uniform, over the
 * top bits); linear probing from there. Every array is filled in the constructor and never
 * written again, and all are reached through final fields, so once the pool that owns this table
 * is published (even racily) every thread reads the complete table without synchronization.
 * Notation: o = an object, s = a slot, i = a member index.
 * }</pre>
 */
public final class PoolMembers {

  /**
   * Largest pool: the table then has 2^30 slots, the largest power-of-two array, and a member
   * index plus one still fits the 32 low bits of a tagged stack head.
   */
  public static final int MAX_CAPACITY = 1 << 29;

  /** 2^32 / golden ratio, odd: Knuth's multiplicative hashing constant. */
  private static final int FIBONACCI = 0x9E37_79B9;

  private final Object[] keys;
  private final int[] indexes;
  private final Object[] members;
  /** {@code 32 - log2(keys.length)}: a hash's top bits are its home slot. */
  private final int shift;

  private PoolMembers(int capacity) {
    int slots = Integer.highestOneBit(2 * capacity - 1) << 1; // least power of two >= 2 * capacity
    this.keys = new Object[slots];
    this.indexes = new int[slots];
    this.members = new Object[capacity];
    this.shift = Integer.numberOfLeadingZeros(slots) + 1;
  }

  /**
   * Validates a pool capacity.
   *
   * @param capacity the requested number of members
   * @return {@code capacity}
   * @throws IllegalArgumentException unless {@code 1 <= capacity <= MAX_CAPACITY}
   */
  public static int checkCapacity(int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be between 1 and " + MAX_CAPACITY + ", but was " + capacity);
    }
    return capacity;
  }

  /**
   * Creates {@code capacity} members with {@code factory}, in index order, and indexes them.
   *
   * @param capacity the number of members
   * @param factory called exactly {@code capacity} times, unless it misbehaves
   * @return the table
   * @throws IllegalArgumentException if {@code capacity} is out of range, or the factory returned
   *     the same object twice
   * @throws NullPointerException if {@code factory} is null or returned null
   */
  public static PoolMembers create(int capacity, Supplier<?> factory) {
    checkCapacity(capacity);
    Objects.requireNonNull(factory, "factory");
    PoolMembers table = new PoolMembers(capacity);
    for (int i = 0; i < capacity; i++) {
      Object o = factory.get();
      if (o == null) {
        throw new NullPointerException("factory returned null for member " + i);
      }
      table.insert(o, i);
    }
    return table;
  }

  /**
   * Number of members.
   *
   * @return the pool's capacity
   */
  public int size() {
    return members.length;
  }

  /**
   * The member with index {@code i}.
   *
   * @param i a member index
   * @return the member
   */
  public Object get(int i) {
    return members[i];
  }

  /**
   * The index of {@code o} if it is a member (by identity, never {@code equals}). Expected O(1);
   * allocates nothing; safe from any thread.
   *
   * @param o a non-null object
   * @return its member index, or -1 if it is not a member
   */
  public int indexOf(Object o) {
    final Object[] keys = this.keys;
    final int mask = keys.length - 1;
    for (int s = home(o); ; s = (s + 1) & mask) {
      Object k = keys[s];
      if (k == o) {
        return indexes[s];
      }
      if (k == null) {
        return -1;
      }
    }
  }

  /**
   * Calls {@code factory} for a surplus object (one handed out while every member is out) and
   * checks what it returned.
   *
   * @param factory the pool's factory
   * @return a new non-member object
   * @throws NullPointerException if the factory returned null
   * @throws IllegalStateException if the factory returned a member of this pool
   */
  public Object newSurplus(Supplier<?> factory) {
    Object o = factory.get();
    if (o == null) {
      throw new NullPointerException("factory returned null");
    }
    if (indexOf(o) >= 0) {
      throw new IllegalStateException(
          "factory returned " + describe(o) + ", which is already a member of this pool");
    }
    return o;
  }

  /**
   * Names an object in exception messages by class and identity hash, without calling its {@code
   * toString} (user code that may be slow, throw or print the object's contents).
   *
   * @param o an object
   * @return e.g. {@code java.lang.StringBuilder@1b6d3586}
   */
  public static String describe(Object o) {
    return o.getClass().getName() + '@' + Integer.toHexString(System.identityHashCode(o));
  }

  /**
   * The exception of an {@code acquire()} under {@code WhenEmpty.THROW} with every member out.
   *
   * @param capacity the pool's capacity
   * @return the exception to throw
   */
  public static IllegalStateException empty(int capacity) {
    return new IllegalStateException(
        "pool of " + capacity + " is empty: every member is out (WhenEmpty.THROW)");
  }

  /**
   * The exception of a release of a member that is not out.
   *
   * @param o the member
   * @return the exception to throw
   */
  public static IllegalStateException releasedTwice(Object o) {
    return new IllegalStateException("released twice: " + describe(o) + " is already back in this pool");
  }

  /**
   * The exception of a release of an object that is neither a member nor a possible surplus one.
   *
   * @param o the object
   * @return the exception to throw
   */
  public static IllegalStateException notHandedOut(Object o) {
    return new IllegalStateException("not handed out by this pool: " + describe(o));
  }

  private int home(Object o) {
    return (System.identityHashCode(o) * FIBONACCI) >>> shift;
  }

  private void insert(Object o, int i) {
    final int mask = keys.length - 1;
    int s = home(o);
    for (; keys[s] != null; s = (s + 1) & mask) {
      if (keys[s] == o) {
        throw new IllegalArgumentException(
            "factory returned the same object twice: " + describe(o) + " as member " + indexes[s]
                + " and " + i);
      }
    }
    keys[s] = o;
    indexes[s] = i;
    members[i] = o;
  }
}
