package org.hotpath.concurrent;

import static org.hotpath.internal.IntIntSlots.KEY_MASK;
import static org.hotpath.internal.IntIntSlots.pack;
import static org.hotpath.internal.IntIntSlots.value;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntUnaryOperator;
import org.hotpath.function.IntIntConsumer;
import org.hotpath.function.IntIntPredicate;
import org.hotpath.internal.IntIntSlots;
import org.hotpath.internal.OpenAddressing;
import org.hotpath.internal.SeqLock;
import org.hotpath.internal.Shards;
import org.hotpath.internal.TableWalk;

/**
 * A thread-safe map from {@code int} keys to {@code int} values that allocates nothing once sized
 * and reads without locking: the replacement for a shared {@code ConcurrentHashMap<Integer,
 * Integer>}, such as a table of counters.
 *
 * <p>Every {@code int} is a legal key and value; absent keys read as {@link #missingValue()} (0
 * unless chosen) and {@link #containsKey} tells a stored missing value from an absent key, as in
 * {@link org.hotpath.collections.Int2IntHashMap}.
 *
 * <p><b>Consistency.</b> Every single-key method is linearizable (atomic), including {@link
 * #addAndGet}, {@link #putIfAbsent}, {@link #replace(int, int, int)} and {@link #computeIfAbsent}.
 * Reads ({@link #get}, {@link #getOrDefault}, {@link #containsKey}) take no lock and write no shared
 * memory; they retry when they overlap a write to their shard, and never wait for user code. The
 * bulk methods work shard by shard and are <em>weakly consistent</em>: {@link #forEach}, {@link
 * #removeIf} and {@link #toString} see each shard at one instant (they hold its writer lock while
 * they walk it), but not all shards at the same instant; {@link #size()} and {@link #isEmpty()}
 * add up per-shard counts read one after another, exact only when no write is in flight; {@link
 * #clear()} and {@link #compact()} empty or shrink one shard at a time.
 *
 * <p><b>Sizing.</b> The map has a fixed number of shards (a power of two: by default 8 per
 * available processor), each an open-addressing table with its own lock. {@code expectedSize} is
 * spread over the shards with four standard deviations of headroom, so a map presized for {@code
 * n} entries does not grow while it holds at most {@code n}, except with negligible probability
 * for keys that the hash spreads evenly. A shard that does fill up grows alone, and its readers
 * keep reading the old table until the new one is complete.
 *
 * <p><b>Callbacks.</b> A mapping function, action or filter runs while its shard's writer lock is
 * held: it must be short and must not modify this map. Calling back into the same shard throws
 * {@link IllegalStateException}; modifying another shard may deadlock with another thread doing
 * the same. Reading the map from a callback is safe.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * shards[Shards.of(key, mask)] -> Shard, a SeqLock header on cache lines of its own:
 *   | pad | lock, callbackOwner, occupied, threshold | pad | sequence, entries, seed, zero key | pad |
 *   entries: long[] packed as in Int2IntHashMap (value << 32 | key, key 0 = empty); the real key 0
 *   lives in (hasZeroKey, zeroValue).
 * The shard index comes from Shards.of, the slot from the seeded mix of OpenAddressing:
 *   independent functions, so one shard's keys spread over its table.
 * Reads: optimistic (see SeqLock). Load entries once, probe at most entries.length slots of it with
 *   acquire loads, validate the sequence; retry on failure.
 * Writes: under the shard's lock. A slot holds key and value in one long, so replacing a value and
 *   filling an empty slot are single release stores that no reader can misread: they need no
 *   WRITING section, and readers keep their cached sequence line. Deletion (backward shift moves
 *   entries), clearing, the zero key and table swaps open one. Growth and compaction build the new
 *   table while holding only the lock (readers keep using the old one, which no one changes), then
 *   swap it in inside a short WRITING section. put first probes like a reader, outside the lock:
 *   the lock's CAS waits for every load issued before it, so a probe that misses the cache costs
 *   less there, where it overlaps earlier work, than inside the critical section, which it would
 *   also lengthen for other writers; the probe under the lock then hits the cache (measured: 50/50
 *   mixes at 1M entries 1.6-4x faster; docs/concurrent-maps.md). A put that finds the key already mapped to its value
 *   returns without writing. addAndGet does not look first: on 2 threads its counters got 1.7x
 *   slower with it, likely because the slot's line was then fetched shared and upgraded rather
 *   than fetched once for writing.
 * Notation: s = a shard, i = a slot, e = a packed entry, stamp = an optimistic read's stamp.
 * }</pre>
 */
public final class ShardedInt2IntMap {

  private static final String SHARD_NAME = "ShardedInt2IntMap shard";

  /**
   * What the presence-reporting internals ({@link #lookup}, {@link #putReporting}, ...) return for
   * an absent key: outside the int range, so no stored value is mistaken for it.
   */
  static final long ABSENT = Long.MIN_VALUE;

  /** Slot access with memory ordering, for the slots that readers load while writers store. */
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

  private final Shard[] shards;
  private final int shardMask;
  private final int missingValue;
  /** The boxed view: made with the map, so every thread sees the same instance. */
  private final ShardedInt2IntMapView mapView = new ShardedInt2IntMapView(this);

  /**
   * Creates a map for {@code expectedSize} entries with the default number of shards and missing
   * value 0.
   *
   * @param expectedSize entries to hold without growing
   * @throws IllegalArgumentException if {@code expectedSize} is negative or too large
   */
  public ShardedInt2IntMap(int expectedSize) {
    this(expectedSize, Shards.defaultCount());
  }

  /**
   * Creates a map for {@code expectedSize} entries in {@code shards} shards, with missing value 0.
   *
   * @param expectedSize entries to hold without growing
   * @param shards the number of shards, a power of two between 1 and 65536
   * @throws IllegalArgumentException if an argument is out of range
   */
  public ShardedInt2IntMap(int expectedSize, int shards) {
    this(expectedSize, shards, 0);
  }

  /**
   * Creates a map for {@code expectedSize} entries in {@code shards} shards.
   *
   * @param expectedSize entries to hold without growing
   * @param shards the number of shards, a power of two between 1 and 65536
   * @param missingValue returned by {@link #get} and friends for absent keys; still a legal value
   * @throws IllegalArgumentException if an argument is out of range
   */
  public ShardedInt2IntMap(int expectedSize, int shards, int missingValue) {
    Shards.checkCount(shards);
    int capacity = Shards.capacityPerShard(expectedSize, shards);
    this.missingValue = missingValue;
    this.shardMask = shards - 1;
    this.shards = new Shard[shards];
    for (int i = 0; i < shards; i++) {
      this.shards[i] = new Shard(capacity);
    }
  }

  /* ---------------- Query ---------------- */

  /**
   * The value returned for absent keys.
   *
   * @return the missing value chosen at construction (0 by default)
   */
  public int missingValue() {
    return missingValue;
  }

  /**
   * Number of shards.
   *
   * @return a power of two
   */
  public int shardCount() {
    return shards.length;
  }

  /**
   * Total slots over all shards' tables, read shard by shard.
   *
   * @return the slot count
   */
  public long capacity() {
    long total = 0;
    for (Shard s : shards) {
      total += s.entries.length; // any array a shard ever held is a whole table
    }
    return total;
  }

  /**
   * Number of entries: the sum of per-shard counts read one after another, without locking; exact
   * when no write is in flight, otherwise an estimate (a concurrent insert or removal may or may
   * not be counted yet, as with {@code ConcurrentHashMap.size()}). O(shards); allocates nothing.
   *
   * @return the number of mappings
   */
  public int size() {
    long total = 0;
    for (Shard s : shards) {
      total += sizeOf(s);
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  /**
   * Whether the map holds no entries, by the same weakly consistent reading as {@link #size()}.
   *
   * @return {@code true} if every shard was empty when read
   */
  public boolean isEmpty() {
    for (Shard s : shards) {
      if (sizeOf(s) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code key} is mapped. Lock-free; expected O(1); allocates nothing.
   *
   * @param key any key
   * @return {@code true} if the map holds {@code key}
   */
  public boolean containsKey(int key) {
    final Shard s = shardOf(key);
    for (; ; ) {
      long stamp = s.readStamp();
      boolean found = key == 0 ? s.hasZeroKey : (int) readEntry(s.entries, s.seed, key) != 0;
      if (s.validate(stamp)) {
        return found;
      }
    }
  }

  /**
   * Value of {@code key}. Lock-free; expected O(1); allocates nothing.
   *
   * @param key any key
   * @return the mapped value, or {@link #missingValue()} if absent
   */
  public int get(int key) {
    return getOrDefault(key, missingValue);
  }

  /**
   * Value of {@code key}, or {@code defaultValue} if absent. Lock-free; expected O(1); allocates
   * nothing.
   *
   * @param key any key
   * @param defaultValue returned when {@code key} is absent
   * @return the mapped value or {@code defaultValue}
   */
  public int getOrDefault(int key, int defaultValue) {
    long value = lookup(key);
    return value == ABSENT ? defaultValue : (int) value;
  }

  /**
   * Value of {@code key} as a long, or {@link #ABSENT}: {@link #getOrDefault} with presence told
   * apart from every int value, for the boxed view. Lock-free.
   */
  long lookup(int key) {
    final Shard s = shardOf(key);
    for (; ; ) {
      long stamp = s.readStamp();
      long value;
      if (key == 0) {
        value = s.hasZeroKey ? s.zeroValue : ABSENT;
      } else {
        long e = readEntry(s.entries, s.seed, key);
        value = (int) e != 0 ? value(e) : ABSENT;
      }
      if (s.validate(stamp)) {
        return value;
      }
    }
  }

  /* ---------------- Update ---------------- */

  /**
   * Maps {@code key} to {@code value}. Allocates only when a shard grows.
   *
   * @param key any key
   * @param value any value
   * @return the previous value, or {@link #missingValue()} if {@code key} was absent
   * @throws IllegalStateException if the shard is at its largest and full (the map is unchanged),
   *     or if called from a callback running on the same shard
   */
  public int put(int key, int value) {
    long previous = putReporting(key, value);
    return previous == ABSENT ? missingValue : (int) previous;
  }

  /** {@link #put} reporting an absent key as {@link #ABSENT}, for the boxed view. */
  long putReporting(int key, int value) {
    final Shard s = shardOf(key);
    if (key != 0) { // look first, outside the lock: see "Writes" in the notes
      long stamp = s.readStamp();
      long e = readEntry(s.entries, s.seed, key);
      if (e == pack(key, value) && s.validate(stamp)) {
        return value; // already mapped so: nothing to write
      }
    }
    s.lock();
    try {
      if (key == 0) {
        long previous = s.hasZeroKey ? s.zeroValue : ABSENT;
        s.beginWrite();
        s.hasZeroKey = true;
        s.zeroValue = value;
        return previous;
      }
      int i = IntIntSlots.probe(s.entries, s.seed, key);
      if (i < 0) {
        insert(s, key, value, ~i);
        return ABSENT;
      }
      long e = s.entries[i];
      SLOT.setRelease(s.entries, i, pack(key, value)); // in place: no WRITING section
      return value(e);
    } finally {
      s.unlock();
    }
  }

  /**
   * Maps {@code key} to {@code value} unless it is already mapped; atomic.
   *
   * @param key any key
   * @param value any value
   * @return the existing value, or {@link #missingValue()} if {@code key} was absent and is now
   *     mapped to {@code value}
   * @throws IllegalStateException as {@link #put}
   */
  public int putIfAbsent(int key, int value) {
    long previous = putIfAbsentReporting(key, value);
    return previous == ABSENT ? missingValue : (int) previous;
  }

  /** {@link #putIfAbsent} reporting an absent key as {@link #ABSENT}, for the boxed view. */
  long putIfAbsentReporting(int key, int value) {
    final Shard s = shardOf(key);
    s.lock();
    try {
      if (key == 0) {
        if (s.hasZeroKey) {
          return s.zeroValue;
        }
        s.beginWrite();
        s.hasZeroKey = true;
        s.zeroValue = value;
        return ABSENT;
      }
      int i = IntIntSlots.probe(s.entries, s.seed, key);
      if (i >= 0) {
        return value(s.entries[i]);
      }
      insert(s, key, value, ~i);
      return ABSENT;
    } finally {
      s.unlock();
    }
  }

  /**
   * Adds {@code delta} to the value of {@code key}, treating an absent key as 0; atomic, so
   * concurrent increments are never lost. Overflow wraps, as with {@code +}.
   *
   * @param key any key
   * @param delta the amount to add
   * @return the new value
   * @throws IllegalStateException as {@link #put}
   */
  public int addAndGet(int key, int delta) {
    final Shard s = shardOf(key); // no look first (see "Writes"): it made 2-thread counters slower
    s.lock();
    try {
      if (key == 0) {
        int sum = s.hasZeroKey ? s.zeroValue + delta : delta;
        s.beginWrite();
        s.hasZeroKey = true;
        s.zeroValue = sum;
        return sum;
      }
      int i = IntIntSlots.probe(s.entries, s.seed, key);
      if (i < 0) {
        insert(s, key, delta, ~i);
        return delta;
      }
      int sum = value(s.entries[i]) + delta;
      SLOT.setRelease(s.entries, i, pack(key, sum));
      return sum;
    } finally {
      s.unlock();
    }
  }

  /**
   * Replaces the value of {@code key} if it is mapped; atomic.
   *
   * @param key any key
   * @param value the new value
   * @return the previous value, or {@link #missingValue()} if {@code key} was absent (and still is)
   * @throws IllegalStateException if called from a callback running on the same shard
   */
  public int replace(int key, int value) {
    long previous = replaceReporting(key, value);
    return previous == ABSENT ? missingValue : (int) previous;
  }

  /** {@link #replace} reporting an absent key as {@link #ABSENT}, for the boxed view. */
  long replaceReporting(int key, int value) {
    final Shard s = shardOf(key);
    s.lock();
    try {
      if (key == 0) {
        if (!s.hasZeroKey) {
          return ABSENT;
        }
        int previous = s.zeroValue;
        s.beginWrite();
        s.zeroValue = value;
        return previous;
      }
      int i = IntIntSlots.find(s.entries, s.seed, key);
      if (i < 0) {
        return ABSENT;
      }
      long e = s.entries[i];
      SLOT.setRelease(s.entries, i, pack(key, value)); // in place: no WRITING section
      return value(e);
    } finally {
      s.unlock();
    }
  }

  /**
   * Replaces the value of {@code key} with {@code newValue} if it is mapped to {@code
   * expectedValue}; atomic (compare-and-set).
   *
   * @param key any key
   * @param expectedValue the value it must have
   * @param newValue the value to store
   * @return {@code true} if the value was replaced
   * @throws IllegalStateException if called from a callback running on the same shard
   */
  public boolean replace(int key, int expectedValue, int newValue) {
    final Shard s = shardOf(key);
    s.lock();
    try {
      if (key == 0) {
        if (!s.hasZeroKey || s.zeroValue != expectedValue) {
          return false;
        }
        s.beginWrite();
        s.zeroValue = newValue;
        return true;
      }
      int i = IntIntSlots.find(s.entries, s.seed, key);
      if (i < 0 || value(s.entries[i]) != expectedValue) {
        return false;
      }
      SLOT.setRelease(s.entries, i, pack(key, newValue));
      return true;
    } finally {
      s.unlock();
    }
  }

  /**
   * Returns the value of {@code key}, first mapping it to {@code mappingFunction.applyAsInt(key)}
   * if absent. Atomic per key: the function is called at most once per call, only while the key is
   * absent, and no other thread can map the key meanwhile. A present key is read without locking.
   * The function runs under the shard's writer lock (readers are not held up): it must not modify
   * this map.
   *
   * @param key any key
   * @param mappingFunction computes the value of an absent key
   * @return the existing or computed value
   * @throws NullPointerException if {@code mappingFunction} is null
   * @throws IllegalStateException if the function modifies the key's shard, or as {@link #put}
   */
  public int computeIfAbsent(int key, IntUnaryOperator mappingFunction) {
    Objects.requireNonNull(mappingFunction, "mappingFunction");
    final Shard s = shardOf(key);
    for (; ; ) { // optimistic fast path for a present key
      long stamp = s.readStamp();
      boolean present;
      int value;
      if (key == 0) {
        present = s.hasZeroKey;
        value = s.zeroValue;
      } else {
        long e = readEntry(s.entries, s.seed, key);
        present = (int) e != 0;
        value = value(e);
      }
      if (s.validate(stamp)) {
        if (present) {
          return value;
        }
        break;
      }
    }
    s.lock();
    try {
      if (key == 0) {
        if (s.hasZeroKey) {
          return s.zeroValue;
        }
      } else {
        int i = IntIntSlots.find(s.entries, s.seed, key);
        if (i >= 0) {
          return value(s.entries[i]);
        }
      }
      s.enterCallback();
      int value = mappingFunction.applyAsInt(key);
      if (key == 0) {
        s.beginWrite();
        s.hasZeroKey = true;
        s.zeroValue = value;
      } else {
        insert(s, key, value, ~IntIntSlots.probe(s.entries, s.seed, key));
      }
      return value;
    } finally {
      s.unlock();
    }
  }

  /**
   * Removes the mapping of {@code key}; allocates nothing.
   *
   * @param key any key
   * @return the removed value, or {@link #missingValue()} if {@code key} was absent
   * @throws IllegalStateException if called from a callback running on the same shard
   */
  public int remove(int key) {
    long previous = removeReporting(key);
    return previous == ABSENT ? missingValue : (int) previous;
  }

  /** {@link #remove} reporting an absent key as {@link #ABSENT}, for the boxed view. */
  long removeReporting(int key) {
    final Shard s = shardOf(key);
    s.lock();
    try {
      if (key == 0) {
        if (!s.hasZeroKey) {
          return ABSENT;
        }
        s.beginWrite();
        s.hasZeroKey = false;
        return s.zeroValue;
      }
      int i = IntIntSlots.find(s.entries, s.seed, key);
      if (i < 0) {
        return ABSENT;
      }
      int previous = value(s.entries[i]);
      s.beginWrite();
      delete(s, i);
      return previous;
    } finally {
      s.unlock();
    }
  }

  /**
   * Removes the mapping of {@code key} if it is mapped to {@code value}; atomic.
   *
   * @param key any key
   * @param value the value it must have
   * @return {@code true} if the mapping was removed
   * @throws IllegalStateException if called from a callback running on the same shard
   */
  public boolean remove(int key, int value) {
    final Shard s = shardOf(key);
    s.lock();
    try {
      if (key == 0) {
        if (!s.hasZeroKey || s.zeroValue != value) {
          return false;
        }
        s.beginWrite();
        s.hasZeroKey = false;
        return true;
      }
      int i = IntIntSlots.find(s.entries, s.seed, key);
      if (i < 0 || value(s.entries[i]) != value) {
        return false;
      }
      s.beginWrite();
      delete(s, i);
      return true;
    } finally {
      s.unlock();
    }
  }

  /* ---------------- Bulk ---------------- */

  /**
   * Removes every entry, one shard at a time; keeps the capacity. A write racing with {@code
   * clear} may survive it if it lands in a shard already cleared. O(capacity); allocates nothing.
   */
  public void clear() {
    for (Shard s : shards) {
      s.lock();
      try {
        if (s.occupied != 0 || s.hasZeroKey) {
          s.beginWrite();
          Arrays.fill(s.entries, 0L);
          s.occupied = 0;
          s.hasZeroKey = false;
        }
      } finally {
        s.unlock();
      }
    }
  }

  /**
   * Shrinks each shard's table to the smallest capacity that holds its current entries, one shard
   * at a time; readers keep reading a shard's old table while its new one is built. Allocates the
   * new tables.
   */
  public void compact() {
    for (Shard s : shards) {
      s.lock();
      try {
        int capacity = OpenAddressing.capacityFor(s.occupied, Shards.LOAD_FACTOR);
        if (capacity < s.entries.length) {
          rehash(s, capacity);
        }
      } finally {
        s.unlock();
      }
    }
  }

  /**
   * Calls {@code action} for every entry, shard by shard, each shard seen at one instant: the
   * shard's writer lock is held while the action runs on its entries, so writers to that shard
   * wait (readers do not). Allocates nothing.
   *
   * @param action receives each key and value; must not modify this map
   * @throws NullPointerException if {@code action} is null
   * @throws IllegalStateException if the action modifies the shard being walked
   */
  public void forEach(IntIntConsumer action) {
    Objects.requireNonNull(action, "action");
    for (Shard s : shards) {
      s.lock();
      try {
        s.enterCallback();
        if (s.hasZeroKey) {
          action.accept(0, s.zeroValue);
        }
        for (long e : s.entries) {
          if ((int) e != 0) {
            action.accept((int) e, value(e));
          }
        }
      } finally {
        s.unlock();
      }
    }
  }

  /**
   * Removes every entry that {@code filter} accepts, shard by shard. The filter sees each shard at
   * one instant, as in {@link #forEach}, and no other writer changes the shard until its walk ends;
   * but lock-free readers see its removals one at a time, not all at once. Allocates nothing.
   *
   * @param filter tests each entry; must not modify this map
   * @return {@code true} if any entry was removed
   * @throws NullPointerException if {@code filter} is null
   * @throws IllegalStateException if the filter modifies the shard being walked
   */
  public boolean removeIf(IntIntPredicate filter) {
    Objects.requireNonNull(filter, "filter");
    boolean removed = false;
    for (Shard s : shards) {
      s.lock();
      try {
        s.enterCallback();
        if (s.hasZeroKey && filter.test(0, s.zeroValue)) {
          s.beginWrite();
          s.hasZeroKey = false;
          s.endWrite();
          removed = true;
        }
        final long[] entries = s.entries;
        final int capacity = entries.length;
        int i = TableWalk.emptySlot(entries, KEY_MASK);
        for (int left = capacity - 1; left > 0; left--) { // descending: see Int2IntHashMap
          if (--i < 0) {
            i = capacity - 1;
          }
          long e = entries[i];
          if ((int) e != 0 && filter.test((int) e, value(e))) {
            s.beginWrite();
            delete(s, i);
            s.endWrite();
            removed = true;
          }
        }
      } finally {
        s.unlock();
      }
    }
    return removed;
  }

  /* ---------------- Object methods ---------------- */

  /* ---------------- java.util view ---------------- */

  /**
   * This map as a {@link ConcurrentMap ConcurrentMap&lt;Integer, Integer&gt;}: a live, read-write,
   * thread-safe view for code that still needs the JDK type. The same instance on every call,
   * from every thread (it is made with the map).
   *
   * <p><b>Off the hot path:</b> every call on the view allocates: boxed keys and values, entries,
   * iterators, and each iterator copies the entries. Use the primitive methods where allocation
   * matters.
   *
   * <ul>
   *   <li>an absent key reads as {@code null}, never as {@link #missingValue()}, which is a legal
   *       stored value; {@code get}, {@code put}, {@code putIfAbsent}, both {@code replace} and
   *       both {@code remove} are each one atomic operation of this map;
   *       {@code computeIfAbsent}, {@code compute} and {@code merge} are {@code ConcurrentMap}'s
   *       default retry loops over them, so the function may run more than once under contention;
   *   <li>a null key (in an update or a query) or a null value throws {@link
   *       NullPointerException} naming it and leaves the map unchanged, as {@code
   *       ConcurrentHashMap} does; a key or value that is not an {@code Integer} throws {@link
   *       ClassCastException};
   *   <li>iterators are weakly consistent: each copies the entries when created, shard by shard,
   *       each shard as it was at one instant; they never throw {@link
   *       java.util.ConcurrentModificationException} and do not see later changes. {@code
   *       Iterator.remove} removes the key; {@code Entry.setValue} writes through with {@code
   *       put};
   *   <li>{@code equals}, {@code hashCode} and {@code toString} are those of {@link
   *       java.util.AbstractMap}. The view is not serializable.
   * </ul>
   *
   * @return the view; the same instance on every call
   */
  public ConcurrentMap<Integer, Integer> asMap() {
    return mapView;
  }

  /**
   * The entries as {@code {key=value, ...}}, shard by shard, each shard seen at one instant.
   * Allocates the string.
   *
   * @return a string form of the map
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ", ").append(k).append('=').append(v));
    return sb.append('}').toString();
  }

  /* ---------------- Internals ---------------- */

  private Shard shardOf(int key) {
    return shards[Shards.of(key, shardMask)];
  }

  /**
   * A shard's entry count without its lock: consistent with layout changes (clear, the zero key),
   * but an insert or a removal in flight may or may not be counted yet, as {@link #size()} says.
   */
  private static int sizeOf(Shard s) {
    for (; ; ) {
      long stamp = s.readStamp();
      int size = s.hasZeroKey ? s.occupied + 1 : s.occupied;
      if (s.validate(stamp)) {
        return size;
      }
    }
  }

  /**
   * The entry of {@code key} (non-zero) in {@code entries}, or 0: an optimistic reader's probe.
   * Loads each slot with acquire (pairing with the writers' release stores) and probes at most
   * {@code entries.length} slots, so it stays inside the array it was given and ends even while
   * the table changes under it.
   */
  private static long readEntry(long[] entries, long seed, int key) {
    final int capacity = entries.length;
    int i = OpenAddressing.slot(key, seed, capacity);
    for (int left = capacity; left > 0; left--) {
      long e = (long) SLOT.getAcquire(entries, i);
      int k = (int) e;
      if (k == key) {
        return e;
      }
      if (k == 0) {
        return 0L;
      }
      if (++i == capacity) {
        i = 0;
      }
    }
    return 0L;
  }

  /**
   * Inserts an absent, non-zero key at {@code emptySlot}, the end of its probe path, or after
   * growing the table; the lock is held.
   */
  private static void insert(Shard s, int key, int value, int emptySlot) {
    if (s.occupied >= s.threshold) {
      rehash(s, OpenAddressing.grownCapacity(s.entries.length, s.occupied, SHARD_NAME));
      emptySlot = IntIntSlots.emptySlotFor(s.entries, s.seed, key);
    }
    // One release store into an empty slot: a reader sees the whole entry or none of it.
    SLOT.setRelease(s.entries, emptySlot, pack(key, value));
    s.occupied++;
  }

  /** Empties slot {@code i}; the lock is held and the write begun. */
  private static void delete(Shard s, int i) {
    IntIntSlots.delete(s.entries, s.seed, i);
    s.occupied--;
  }

  /**
   * Moves the shard to a table of {@code capacity} slots: built while readers still use the old
   * one, then swapped in. The lock is held; leaves the write begun.
   */
  private static void rehash(Shard s, int capacity) {
    long[] fresh = new long[capacity];
    long freshSeed = OpenAddressing.seedFor(capacity);
    IntIntSlots.copy(s.entries, fresh, freshSeed);
    s.beginWrite();
    s.entries = fresh;
    s.seed = freshSeed;
    s.threshold = Shards.threshold(capacity);
  }

  /** The fields readers read, on the sequence's cache line; see SeqLock for the writers'. */
  private abstract static class ShardFields extends SeqLock {
    long[] entries;
    long seed;
    boolean hasZeroKey;
    int zeroValue;

    ShardFields(int capacity) {
      this.entries = new long[capacity];
      this.seed = OpenAddressing.seedFor(capacity);
      this.threshold = Shards.threshold(capacity);
    }
  }

  /** A shard, padded so that no other object shares its header's cache lines. */
  @SuppressWarnings("unused")
  private static final class Shard extends ShardFields {
    private long q00, q01, q02, q03, q04, q05, q06, q07;
    private long q08, q09, q10, q11, q12, q13, q14, q15;

    Shard(int capacity) {
      super(capacity);
    }
  }
}
