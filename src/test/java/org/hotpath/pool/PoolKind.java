package org.hotpath.pool;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The two pools behind one interface, so that tests hold both to the same specification: a
 * {@code ConcurrentObjectPool} used from one thread must behave exactly as an {@code ObjectPool}.
 */
enum PoolKind {
  SINGLE_THREADED {
    @Override
    <T> Pool<T> create(
        int capacity, Supplier<? extends T> factory, Consumer<? super T> reset, WhenEmpty whenEmpty) {
      return create(new ObjectPool<>(capacity, factory, reset, whenEmpty));
    }

    @Override
    <T> Pool<T> createDefault(
        int capacity, Supplier<? extends T> factory, Consumer<? super T> reset) {
      return create(new ObjectPool<>(capacity, factory, reset));
    }

    private <T> Pool<T> create(ObjectPool<T> p) {
      return new Pool<>() {
        @Override public T acquire() { return p.acquire(); }
        @Override public void release(T object) { p.release(object); }
        @Override public int capacity() { return p.capacity(); }
        @Override public int available() { return p.available(); }
        @Override public int outstanding() { return p.outstanding(); }
        @Override public long misses() { return p.misses(); }
        @Override public long drops() { return p.drops(); }
        @Override public PoolStats readStats(PoolStats into) { return p.readStats(into); }
        @Override public String toString() { return p.toString(); }
      };
    }
  },

  CONCURRENT {
    @Override
    <T> Pool<T> create(
        int capacity, Supplier<? extends T> factory, Consumer<? super T> reset, WhenEmpty whenEmpty) {
      return create(new ConcurrentObjectPool<>(capacity, factory, reset, whenEmpty));
    }

    @Override
    <T> Pool<T> createDefault(
        int capacity, Supplier<? extends T> factory, Consumer<? super T> reset) {
      return create(new ConcurrentObjectPool<>(capacity, factory, reset));
    }

    private <T> Pool<T> create(ConcurrentObjectPool<T> p) {
      return new Pool<>() {
        @Override public T acquire() { return p.acquire(); }
        @Override public void release(T object) { p.release(object); }
        @Override public int capacity() { return p.capacity(); }
        @Override public int available() { return p.available(); }
        @Override public int outstanding() { return p.outstanding(); }
        @Override public long misses() { return p.misses(); }
        @Override public long drops() { return p.drops(); }
        @Override public PoolStats readStats(PoolStats into) { return p.readStats(into); }
        @Override public String toString() { return p.toString(); }
      };
    }
  };

  /** The public API both pools share. */
  interface Pool<T> {
    T acquire();

    void release(T object);

    int capacity();

    int available();

    int outstanding();

    long misses();

    long drops();

    PoolStats readStats(PoolStats into);
  }

  /** Whether {@link PoolStats#concurrent()} must say so. */
  boolean concurrent() {
    return this == CONCURRENT;
  }

  /** Calls the four-argument constructor. */
  abstract <T> Pool<T> create(
      int capacity, Supplier<? extends T> factory, Consumer<? super T> reset, WhenEmpty whenEmpty);

  /** Calls the three-argument constructor, whose policy is {@link WhenEmpty#ALLOCATE}. */
  abstract <T> Pool<T> createDefault(
      int capacity, Supplier<? extends T> factory, Consumer<? super T> reset);
}
