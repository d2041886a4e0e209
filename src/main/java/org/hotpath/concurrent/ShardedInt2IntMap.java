package org.hotpath.concurrent;

import static org.hotpath.internal.Chunks.SHIFT;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntUnaryOperator;
import org.hotpath.function.IntIntConsumer;
import org.hotpath.function.IntIntPredicate;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.Cuckoo;
import org.hotpath.internal.Lookup;
import org.hotpath.internal.SeqLock;
import org.hotpath.internal.Shards;

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
 *   | pad | lock, callbackOwner, occupied, threshold | pad | sequence, table, mul1, mul2, seed | pad |
 *   table: the chunked cuckoo table of Int2IntHashMap (see Chunks), key and value packed per slot.
 * The shard index comes from Shards.of, the chunks from the table's own multipliers: independent
 *   functions, so one shard's keys spread over its table.
 * Reads: optimistic (see SeqLock). Load the table once, read at most its key's two chunks with
 *   acquire loads (header, then slot), validate the sequence; retry on failure.
 * Writes: under the shard's lock. A slot holds key and value in one long, so replacing a value is
 *   one release store, and filling a free slot two (the slot, then the header's tag): no reader
 *   can misread either, so they need no WRITING section and readers keep their cached sequence
 *   line. Moving entries to make room, deletion, clearing and table swaps open one. Growth,
 *   compaction and the flood defence build the new table while holding only the lock (readers keep
 *   using the old one, which no one changes), then swap it in inside a short WRITING section. put first probes like a reader, outside the lock:
 *   the lock's CAS waits for every load issued before it, so a probe that misses the cache costs
 *   less there, where it overlaps earlier work, than inside the critical section, which it would
 *   also lengthen for other writers; the probe under the lock then hits the cache (measured: 50/50
 *   mixes at 1M entries 1.6-4x faster; docs/concurrent-maps.md). A put that finds the key already mapped to its value
 *   returns without writing. addAndGet does not look first: on 2 threads its counters got 1.7x
 *   slower with it, likely because the slot's line was then fetched shared and upgraded rather
 *   than fetched once for writing.
 * Statistics: readStats takes each shard's lock in turn and counts its chunk headers (TableCensus:
 *   fill histogram, and the hints, which already count the keys in their second chunk). Under the
 *   lock a shard's census, occupied, growths and defences agree exactly; an optimistic read could
 *   not promise that, since inserts into free slots do not move the sequence.
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
    this(expectedSize, shards, missingValue, Shards.GROWTH_LOAD);
  }

  /**
   * A map whose shards grow at {@code growthLoad}: for tests that need tables to grow, shrink and
   * swap with a handful of keys (the smallest table has 14 slots).
   */
  ShardedInt2IntMap(int expectedSize, int shards, int missingValue, float growthLoad) {
    Shards.checkCount(shards);
    int chunks = Shards.chunksPerShard(expectedSize, shards);
    this.missingValue = missingValue;
    this.shardMask = shards - 1;
    this.shards = new Shard[shards];
    for (int i = 0; i < shards; i++) {
      this.shards[i] = new Shard(chunks, growthLoad);
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
      total += (long) Chunks.chunks(s.table) * Chunks.SLOTS; // any array a shard held is whole
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
    return lookup(key) != ABSENT;
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
      long e = readEntry(s.table, s.mul1, s.mul2, key);
      if (s.validate(stamp)) {
        return (int) e == key ? value(e) : ABSENT;
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
    { // look first, outside the lock: see "Writes" in the notes
      long stamp = s.readStamp();
      long e = readEntry(s.table, s.mul1, s.mul2, key);
      if (e == pack(key, value) && s.validate(stamp)) {
        return value; // already mapped so: nothing to write
      }
    }
    s.lock();
    try {
      int i = find(s, key);
      if (i < 0) {
        insert(s, key, value);
        return ABSENT;
      }
      long e = s.table[i];
      SLOT.setRelease(s.table, i, pack(key, value)); // in place: no WRITING section
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
      int i = find(s, key);
      if (i >= 0) {
        return value(s.table[i]);
      }
      insert(s, key, value);
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
      int i = find(s, key);
      if (i < 0) {
        insert(s, key, delta);
        return delta;
      }
      int sum = value(s.table[i]) + delta;
      SLOT.setRelease(s.table, i, pack(key, sum));
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
      int i = find(s, key);
      if (i < 0) {
        return ABSENT;
      }
      long e = s.table[i];
      SLOT.setRelease(s.table, i, pack(key, value)); // in place: no WRITING section
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
      int i = find(s, key);
      if (i < 0 || value(s.table[i]) != expectedValue) {
        return false;
      }
      SLOT.setRelease(s.table, i, pack(key, newValue));
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
    long present = lookup(key); // optimistic fast path for a present key
    if (present != ABSENT) {
      return (int) present;
    }
    s.lock();
    try {
      int i = find(s, key);
      if (i >= 0) {
        return value(s.table[i]);
      }
      s.enterCallback();
      int value = mappingFunction.applyAsInt(key);
      insert(s, key, value);
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
      int i = find(s, key);
      if (i < 0) {
        return ABSENT;
      }
      int previous = value(s.table[i]);
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
      int i = find(s, key);
      if (i < 0 || value(s.table[i]) != value) {
        return false;
      }
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
        if (s.occupied != 0) {
          s.beginWrite();
          Cuckoo.clear(s.table);
          s.occupied = 0;
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
        int chunks = Chunks.chunksFor(s.occupied, Shards.LOAD_FACTOR);
        if (chunks < Chunks.chunks(s.table)) {
          rebuild(s, chunks, s.seed);
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
        final long[] t = s.table;
        for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
          action.accept((int) t[i], value(t[i]));
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
        final long[] t = s.table;
        for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
          if (filter.test((int) t[i], value(t[i]))) {
            delete(s, i); // moves nothing: the walk goes on from i + 1
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

  /* ---------------- Statistics ---------------- */

  /**
   * Reads the map's health statistics into {@code into}: size, capacity, fill, the spread of
   * entries over the shards, the chunk census (fill histogram, keys in their second chunk), shard
   * growths and flood defences; see {@link ShardedMapStats}. Each shard is read under its writer
   * lock, so its figures are exact and agree with each other, shard by shard, as {@link #forEach}
   * sees them; readers are never held up, writers to a shard wait while its chunk headers are
   * counted (one load per chunk, no key hashed). Allocates nothing. O(capacity): at 1M entries in
   * 16 shards one read measured 0.26 ms, each shard's lock held for about 16 us of it (1.3-1.7 ms
   * at 4M; docs/concurrent-maps.md): cheap enough to poll every second.
   *
   * @param into the object to fill; its previous contents are overwritten
   * @return {@code into}
   * @throws NullPointerException if {@code into} is null
   * @throws IllegalStateException if called from a callback running on one of this map's shards
   *     ({@code into} is then partly overwritten)
   */
  public ShardedMapStats readStats(ShardedMapStats into) {
    Objects.requireNonNull(into, "into");
    into.begin("ShardedInt2IntMap", shards.length);
    for (Shard s : shards) {
      s.lock();
      try {
        into.addShard(s.table, s.occupied, s.growths, s.defences, Chunks.isSecret(s.seed));
      } finally {
        s.unlock();
      }
    }
    return into;
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

  /** A shard's entry count, read without its lock: an insert or removal in flight may or may not
   * be counted yet, as {@link #size()} says. */
  private static int sizeOf(Shard s) {
    return s.occupied;
  }

  private static long pack(int key, int value) {
    return ((long) value << 32) | (key & 0xFFFF_FFFFL);
  }

  private static int value(long entry) {
    return (int) (entry >>> 32);
  }

  /** The slot of {@code key} in the shard's table, or -1; the lock is held. */
  private static int find(Shard s, int key) {
    return Lookup.findInt(s.table, s.mul1, s.mul2, key);
  }

  /**
   * The entry of {@code key} in {@code t}, or {@code ~key} (whose key half is not {@code key}) if
   * absent: an optimistic reader's probe of the key's two chunks, header and slots loaded with
   * acquire (pairing with the writers' release stores). It indexes only inside {@code t}, whatever
   * the multipliers, so a torn read is harmless and validation discards it.
   */
  private static long readEntry(long[] t, long mul1, long mul2, int key) {
    final int chunks = Chunks.chunks(t);
    final long p = Chunks.hash(key, mul1);
    final int c1 = Chunks.chunk(p, chunks);
    final long pattern = Chunks.pattern(Chunks.tag(p));
    int base = c1 << SHIFT;
    for (long m = Chunks.matches((long) SLOT.getAcquire(t, base), pattern); m != 0; m &= m - 1) {
      long e = (long) SLOT.getAcquire(t, Chunks.slot(base, m));
      if ((int) e == key) {
        return e;
      }
    }
    base = Chunks.second(Chunks.hash(key, mul2), c1, chunks) << SHIFT;
    for (long m = Chunks.matches((long) SLOT.getAcquire(t, base), pattern); m != 0; m &= m - 1) {
      long e = (long) SLOT.getAcquire(t, Chunks.slot(base, m));
      if ((int) e == key) {
        return e;
      }
    }
    return ~key;
  }

  /**
   * Inserts an absent key, growing the table first if it is at its threshold; the lock is held. A
   * free slot in the key's chunks is filled by two release stores (slot, then tag), which readers
   * cannot misread; moving other entries to make room opens a WRITING section.
   */
  private static void insert(Shard s, int key, int value) {
    if (s.occupied >= s.threshold) {
      rebuild(s, Chunks.grownChunks(Chunks.chunks(s.table), s.occupied, SHARD_NAME), s.seed);
    }
    for (; ; ) {
      final long[] t = s.table;
      final int chunks = Chunks.chunks(t);
      final long p = Chunks.hash(key, s.mul1);
      final int c1 = Chunks.chunk(p, chunks);
      final int c2 = Chunks.second(Chunks.hash(key, s.mul2), c1, chunks);
      if (!Cuckoo.hasFreeSlot(t, c1, c2)) {
        s.beginWrite(); // entries may move
      }
      int i = Cuckoo.roomFor(t, null, true, s.mul1, s.mul2, c1, c2);
      if (i >= 0) {
        SLOT.setRelease(t, i, pack(key, value));
        publishTag(t, i, Chunks.tag(p), c1);
        s.occupied++;
        return;
      }
      // The flood defence (see Chunks): another seed; a failing secret seed also grows the table.
      s.defences++;
      rebuild(s, Chunks.isSecret(s.seed) ? Chunks.grownChunks(chunks, s.occupied, SHARD_NAME) : chunks,
          Chunks.nextSeed(s.seed));
    }
  }

  /** {@link Cuckoo#claim}, with the header stored by release after its slot. */
  private static void publishTag(long[] t, int i, long tag, int c1) {
    int base = Chunks.base(i);
    SLOT.setRelease(t, base, Chunks.withTag(t[base], i, tag));
    if (base >>> SHIFT != c1) {
      SLOT.setRelease(t, c1 << SHIFT, Chunks.hintUp(t[c1 << SHIFT]));
    }
  }

  /** Empties slot {@code i}; the lock is held. Leaves the write begun. */
  private static void delete(Shard s, int i) {
    s.beginWrite();
    Cuckoo.delete(s.table, true, s.mul1, i);
    s.occupied--;
  }

  /**
   * Moves the shard to a table of {@code chunks} chunks hashed with {@code seed} (or the next seeds
   * until everything fits): built while readers still use the old one, then swapped in. The lock is
   * held; leaves the write begun.
   */
  private static void rebuild(Shard s, int chunks, long seed) {
    for (; ; ) {
      long[] fresh = new long[chunks << SHIFT];
      long mul1 = Chunks.mul1(seed, chunks);
      long mul2 = Chunks.mul2(seed, chunks);
      if (Cuckoo.copy(s.table, null, fresh, null, true, mul1, mul2)) {
        if (chunks > Chunks.chunks(s.table)) {
          s.growths++;
        }
        s.beginWrite();
        s.install(fresh, seed);
        return;
      }
      if (Chunks.isSecret(seed)) {
        chunks = Chunks.grownChunks(chunks, s.occupied, SHARD_NAME);
      }
      seed = Chunks.nextSeed(seed);
    }
  }

  /** The fields readers read, on the sequence's cache line; see SeqLock for the writers'. */
  private abstract static class ShardFields extends SeqLock {
    long[] table;
    long mul1;
    long mul2;
    /** The seed the multipliers come from; read and written by writers only. */
    long seed;
    /** Rebuilds the flood defence made in this shard; written by writers only. */
    int defences;
    /** Rebuilds into a larger table (growth) made in this shard; written by writers only. */
    int growths;
    /** Load at which this shard grows: {@link Shards#GROWTH_LOAD}, lower in some tests. */
    final float growthLoad;

    ShardFields(int chunks, float growthLoad) {
      this.growthLoad = growthLoad;
      install(new long[chunks << SHIFT], 0L);
    }

    final void install(long[] t, long seed) {
      final int chunks = Chunks.chunks(t);
      this.table = t;
      this.seed = seed;
      this.mul1 = Chunks.mul1(seed, chunks);
      this.mul2 = Chunks.mul2(seed, chunks);
      this.threshold = Chunks.threshold(chunks, growthLoad);
    }
  }

  /** A shard, padded so that no other object shares its header's cache lines. */
  @SuppressWarnings("unused")
  private static final class Shard extends ShardFields {
    private long q00, q01, q02, q03, q04, q05, q06, q07;
    private long q08, q09, q10, q11, q12, q13, q14, q15;

    Shard(int chunks, float growthLoad) {
      super(chunks, growthLoad);
    }
  }

  /** The hash seed of the shard of {@code key}, for tests of the flood defence. */
  long hashSeed(int key) {
    return shardOf(key).seed;
  }

  /** How often the flood defence rebuilt a shard, over all shards, for its tests. */
  int floodDefences() {
    int total = 0;
    for (Shard s : shards) {
      total += s.defences;
    }
    return total;
  }
}
