package org.hotpath.concurrent;

import static org.hotpath.internal.Chunks.SHIFT;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import org.hotpath.function.LongObjConsumer;
import org.hotpath.function.LongObjFunction;
import org.hotpath.function.LongObjPredicate;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.Cuckoo;
import org.hotpath.internal.Lookup;
import org.hotpath.internal.SeqLock;
import org.hotpath.internal.Shards;

/**
 * A thread-safe map from {@code long} keys to non-null object values that allocates nothing once
 * sized and reads without locking: the replacement for a shared {@code ConcurrentHashMap<Long, V>},
 * such as an id-to-session index.
 *
 * <p>Every {@code long} is a legal key. Values cannot be null: {@link #get} returns null for an
 * absent key, and the update methods reject a null value with {@link NullPointerException}.
 *
 * <p><b>Consistency.</b> Every single-key method is linearizable (atomic), including {@link
 * #putIfAbsent}, {@link #replace(long, Object, Object)}, {@link #remove(long, Object)}, {@link
 * #computeIfAbsent}, {@link #computeIfPresent}, {@link #compute} and {@link #merge}. Reads ({@link
 * #get}, {@link #getOrDefault}, {@link #containsKey}) take no lock and write no shared memory; they
 * retry when they overlap a write to their shard, and never wait for user code. The bulk methods
 * work shard by shard and are <em>weakly consistent</em>: {@link #forEach}, {@link #removeIf} and
 * {@link #toString} see each shard at one instant (they hold its writer lock while they walk it),
 * but not all shards at the same instant; {@link #size()} and {@link #isEmpty()} add up per-shard
 * counts read one after another, exact only when no write is in flight; {@link #clear()} and
 * {@link #compact()} empty or shrink one shard at a time.
 *
 * <p><b>Sizing.</b> As {@link ShardedInt2IntMap}: a fixed number of shards (a power of two: by
 * default 8 per available processor), {@code expectedSize} spread over them with four standard
 * deviations of headroom; a shard that fills up grows alone while its readers keep reading the old
 * table.
 *
 * <p><b>Callbacks.</b> A mapping or remapping function, action, filter, and the values' {@code
 * equals} in {@link #remove(long, Object)} and {@link #replace(long, Object, Object)}, run while
 * the key's shard's writer lock is held: they must be short and must not modify this map. Calling
 * back into the same shard throws {@link IllegalStateException}; modifying another shard may
 * deadlock with another thread doing the same. Reading the map from a callback is safe.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * As ShardedInt2IntMap, with each shard's table in two columns as in Long2ObjectHashMap:
 *   keys long[] (headers and keys), values Object[] at the same indexes.
 * Writes without a WRITING section: a value replaced in place (one release store), and an insert
 *   into a free slot, which stores the value, then the key, then the header's tag, all with
 *   release. A reader loads the header, the key, then the value, all with acquire: once it sees
 *   the tag it sees that key, and that value or a later one, and the value object's fields as its
 *   writer left them. Deletion opens a WRITING section: the freed slot may be reused for another
 *   key, and a reader that had read the old key must not return the new key's value.
 * An optimistic reader loads keys and values separately, so it may see columns of two different
 *   tables; it reads values[i] only when i < values.length, and validation discards the result.
 * }</pre>
 *
 * @param <V> the value type
 */
public final class ShardedLong2ObjectMap<V> {

  private static final String SHARD_NAME = "ShardedLong2ObjectMap shard";

  /** Key and value access with memory ordering, for the slots readers load while writers store. */
  private static final VarHandle KEY = MethodHandles.arrayElementVarHandle(long[].class);

  private static final VarHandle VALUE = MethodHandles.arrayElementVarHandle(Object[].class);

  private final Shard[] shards;
  private final int shardMask;
  /** The boxed view: made with the map, so every thread sees the same instance. */
  private final ShardedLong2ObjectMapView<V> mapView = new ShardedLong2ObjectMapView<>(this);

  /**
   * Creates a map for {@code expectedSize} entries with the default number of shards.
   *
   * @param expectedSize entries to hold without growing
   * @throws IllegalArgumentException if {@code expectedSize} is negative or too large
   */
  public ShardedLong2ObjectMap(int expectedSize) {
    this(expectedSize, Shards.defaultCount());
  }

  /**
   * Creates a map for {@code expectedSize} entries in {@code shards} shards.
   *
   * @param expectedSize entries to hold without growing
   * @param shards the number of shards, a power of two between 1 and 65536
   * @throws IllegalArgumentException if an argument is out of range
   */
  public ShardedLong2ObjectMap(int expectedSize, int shards) {
    this(expectedSize, shards, Shards.GROWTH_LOAD);
  }

  /**
   * A map whose shards grow at {@code growthLoad}: for tests that need tables to grow, shrink and
   * swap with a handful of keys (the smallest table has 14 slots).
   */
  ShardedLong2ObjectMap(int expectedSize, int shards, float growthLoad) {
    Shards.checkCount(shards);
    int chunks = Shards.chunksPerShard(expectedSize, shards);
    this.shardMask = shards - 1;
    this.shards = new Shard[shards];
    for (int i = 0; i < shards; i++) {
      this.shards[i] = new Shard(chunks, growthLoad);
    }
  }

  /* ---------------- Query ---------------- */

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
      total += (long) Chunks.chunks(s.keys) * Chunks.SLOTS; // any array a shard held is whole
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
  public boolean containsKey(long key) {
    return read(shardOf(key), key) != null;
  }

  /**
   * Value of {@code key}. Lock-free; expected O(1); allocates nothing.
   *
   * @param key any key
   * @return the mapped value, or null if absent
   */
  @SuppressWarnings("unchecked")
  public V get(long key) {
    return (V) read(shardOf(key), key);
  }

  /**
   * Value of {@code key}, or {@code defaultValue} if absent. Lock-free; expected O(1); allocates
   * nothing.
   *
   * @param key any key
   * @param defaultValue returned when {@code key} is absent; may be null
   * @return the mapped value or {@code defaultValue}
   */
  public V getOrDefault(long key, V defaultValue) {
    V value = get(key);
    return value != null ? value : defaultValue;
  }

  /* ---------------- Update ---------------- */

  /**
   * Maps {@code key} to {@code value}. Allocates only when a shard grows.
   *
   * @param key any key
   * @param value the value, not null
   * @return the previous value, or null if {@code key} was absent
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalStateException if the shard is at its largest and full (the map is unchanged),
   *     or if called from a callback running on the same shard
   */
  @SuppressWarnings("unchecked")
  public V put(long key, V value) {
    Objects.requireNonNull(value, "value");
    final Shard s = shardOf(key);
    if (read(s, key) == value) { // look first, outside the lock: see ShardedInt2IntMap's notes
      return value; // already mapped to this very object: nothing to write
    }
    s.lock();
    try {
      int i = locate(s, key);
      if (i < 0) {
        insert(s, key, value);
        return null;
      }
      Object previous = s.values[i];
      VALUE.setRelease(s.values, i, value); // in place: no WRITING section
      return (V) previous;
    } finally {
      s.unlock();
    }
  }

  /**
   * Maps {@code key} to {@code value} unless it is already mapped; atomic.
   *
   * @param key any key
   * @param value the value, not null
   * @return the existing value, or null if {@code key} was absent and is now mapped to {@code
   *     value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalStateException as {@link #put}
   */
  @SuppressWarnings("unchecked")
  public V putIfAbsent(long key, V value) {
    Objects.requireNonNull(value, "value");
    final Shard s = shardOf(key);
    s.lock();
    try {
      int at = locate(s, key);
      Object existing = valueAt(s, at);
      if (existing == null) {
        storeAt(s, key, at, value);
      }
      return (V) existing;
    } finally {
      s.unlock();
    }
  }

  /**
   * Replaces the value of {@code key} if it is mapped; atomic.
   *
   * @param key any key
   * @param value the new value, not null
   * @return the previous value, or null if {@code key} was absent (and still is)
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalStateException if called from a callback running on the same shard
   */
  @SuppressWarnings("unchecked")
  public V replace(long key, V value) {
    Objects.requireNonNull(value, "value");
    final Shard s = shardOf(key);
    s.lock();
    try {
      int at = locate(s, key);
      Object existing = valueAt(s, at);
      if (existing != null) {
        storeAt(s, key, at, value);
      }
      return (V) existing;
    } finally {
      s.unlock();
    }
  }

  /**
   * Replaces the value of {@code key} with {@code newValue} if it is mapped to a value equal to
   * {@code oldValue}; atomic.
   *
   * @param key any key
   * @param oldValue the value it must equal, not null
   * @param newValue the value to store, not null
   * @return {@code true} if the value was replaced
   * @throws NullPointerException if {@code oldValue} or {@code newValue} is null
   * @throws IllegalStateException if called from a callback running on the same shard
   */
  public boolean replace(long key, V oldValue, V newValue) {
    Objects.requireNonNull(oldValue, "oldValue");
    Objects.requireNonNull(newValue, "newValue");
    final Shard s = shardOf(key);
    s.lock();
    try {
      int at = locate(s, key);
      Object existing = valueAt(s, at);
      s.enterCallback();
      if (existing == null || !existing.equals(oldValue)) {
        return false;
      }
      storeAt(s, key, at, newValue);
      return true;
    } finally {
      s.unlock();
    }
  }

  /**
   * Returns the value of {@code key}, first mapping it to {@code mappingFunction.apply(key)} if
   * absent; a null result maps nothing. Atomic per key: the function is called at most once per
   * call, only while the key is absent, and no other thread can map the key meanwhile. A present
   * key is read without locking. The function runs under the shard's writer lock (readers are not
   * held up): it must not modify this map.
   *
   * @param key any key
   * @param mappingFunction computes the value of an absent key
   * @return the existing or computed value; null if absent and the function returned null
   * @throws NullPointerException if {@code mappingFunction} is null
   * @throws IllegalStateException if the function modifies the key's shard, or as {@link #put}
   */
  @SuppressWarnings("unchecked")
  public V computeIfAbsent(long key, LongFunction<? extends V> mappingFunction) {
    Objects.requireNonNull(mappingFunction, "mappingFunction");
    final Shard s = shardOf(key);
    Object existing = read(s, key);
    if (existing != null) {
      return (V) existing;
    }
    s.lock();
    try {
      int at = locate(s, key);
      existing = valueAt(s, at);
      if (existing != null) {
        return (V) existing;
      }
      s.enterCallback();
      V value = mappingFunction.apply(key);
      if (value != null) {
        storeAt(s, key, at, value);
      }
      return value;
    } finally {
      s.unlock();
    }
  }

  /**
   * If {@code key} is mapped, replaces its value with {@code remappingFunction.apply(key, value)},
   * or removes it if that is null; atomic per key. The function runs under the shard's writer
   * lock: it must not modify this map.
   *
   * @param key any key
   * @param remappingFunction computes the new value from the key and its present value
   * @return the new value, or null if absent or removed
   * @throws NullPointerException if {@code remappingFunction} is null
   * @throws IllegalStateException if the function modifies the key's shard
   */
  public V computeIfPresent(
      long key, LongObjFunction<? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    return update(key, remappingFunction, false);
  }

  /**
   * Replaces the mapping of {@code key} with {@code remappingFunction.apply(key, value)}, where
   * value is null if absent; a null result removes the mapping (or maps nothing). Atomic per key.
   * The function runs under the shard's writer lock: it must not modify this map.
   *
   * @param key any key
   * @param remappingFunction computes the new value from the key and its present value or null
   * @return the new value, or null if there is none
   * @throws NullPointerException if {@code remappingFunction} is null
   * @throws IllegalStateException if the function modifies the key's shard, or as {@link #put}
   */
  public V compute(long key, LongObjFunction<? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    return update(key, remappingFunction, true);
  }

  /**
   * Maps an absent {@code key} to {@code value}; otherwise replaces its value with {@code
   * remappingFunction.apply(oldValue, value)}, or removes it if that is null. Atomic per key. The
   * function runs under the shard's writer lock: it must not modify this map.
   *
   * @param key any key
   * @param value the value to map or merge, not null
   * @param remappingFunction merges the present value with {@code value}
   * @return the new value, or null if the mapping was removed
   * @throws NullPointerException if {@code value} or {@code remappingFunction} is null
   * @throws IllegalStateException if the function modifies the key's shard, or as {@link #put}
   */
  @SuppressWarnings("unchecked")
  public V merge(
      long key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    final Shard s = shardOf(key);
    s.lock();
    try {
      int at = locate(s, key);
      Object existing = valueAt(s, at);
      if (existing == null) {
        storeAt(s, key, at, value);
        return value;
      }
      s.enterCallback();
      V merged = remappingFunction.apply((V) existing, value);
      if (merged == null) {
        eraseAt(s, at);
      } else {
        storeAt(s, key, at, merged);
      }
      return merged;
    } finally {
      s.unlock();
    }
  }

  /**
   * Removes the mapping of {@code key}; allocates nothing.
   *
   * @param key any key
   * @return the removed value, or null if {@code key} was absent
   * @throws IllegalStateException if called from a callback running on the same shard
   */
  @SuppressWarnings("unchecked")
  public V remove(long key) {
    final Shard s = shardOf(key);
    s.lock();
    try {
      int at = locate(s, key);
      Object existing = valueAt(s, at);
      if (existing != null) {
        eraseAt(s, at);
      }
      return (V) existing;
    } finally {
      s.unlock();
    }
  }

  /**
   * Removes the mapping of {@code key} if its value equals {@code value}; atomic.
   *
   * @param key any key
   * @param value the value it must equal; null never matches
   * @return {@code true} if the mapping was removed
   * @throws IllegalStateException if called from a callback running on the same shard
   */
  public boolean remove(long key, Object value) {
    if (value == null) {
      return false;
    }
    final Shard s = shardOf(key);
    s.lock();
    try {
      int at = locate(s, key);
      Object existing = valueAt(s, at);
      s.enterCallback();
      if (existing == null || !existing.equals(value)) {
        return false;
      }
      eraseAt(s, at);
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
          Cuckoo.clear(s.keys);
          Arrays.fill(s.values, null);
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
        if (chunks < Chunks.chunks(s.keys)) {
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
  @SuppressWarnings("unchecked")
  public void forEach(LongObjConsumer<? super V> action) {
    Objects.requireNonNull(action, "action");
    for (Shard s : shards) {
      s.lock();
      try {
        s.enterCallback();
        final long[] keys = s.keys;
        final Object[] values = s.values;
        for (int i = Chunks.nextSlot(keys, 0); i >= 0; i = Chunks.nextSlot(keys, i + 1)) {
          action.accept(keys[i], (V) values[i]);
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
  @SuppressWarnings("unchecked")
  public boolean removeIf(LongObjPredicate<? super V> filter) {
    Objects.requireNonNull(filter, "filter");
    boolean removed = false;
    for (Shard s : shards) {
      s.lock();
      try {
        s.enterCallback();
        final long[] keys = s.keys;
        final Object[] values = s.values;
        for (int i = Chunks.nextSlot(keys, 0); i >= 0; i = Chunks.nextSlot(keys, i + 1)) {
          if (filter.test(keys[i], (V) values[i])) {
            eraseAt(s, i); // moves nothing: the walk goes on from i + 1
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
    into.begin("ShardedLong2ObjectMap", shards.length);
    for (Shard s : shards) {
      s.lock();
      try {
        into.addShard(s.keys, s.occupied, s.growths, s.defences, Chunks.isSecret(s.seed));
      } finally {
        s.unlock();
      }
    }
    return into;
  }

  /* ---------------- Object methods ---------------- */

  /* ---------------- java.util view ---------------- */

  /**
   * This map as a {@link ConcurrentMap ConcurrentMap&lt;Long, V&gt;}: a live, read-write,
   * thread-safe view for code that still needs the JDK type. The same instance on every call,
   * from every thread (it is made with the map).
   *
   * <p><b>Off the hot path:</b> every call on the view allocates: boxed keys, entries, iterators,
   * and each iterator copies the entries. Use the primitive methods where allocation matters.
   *
   * <ul>
   *   <li>each single-key operation ({@code get}, {@code put}, {@code putIfAbsent}, both {@code
   *       replace}, both {@code remove}, {@code computeIfAbsent}, {@code computeIfPresent}, {@code
   *       compute}, {@code merge}) is one call of this map's method of the same name, atomic per
   *       key; functions run under the shard's lock and must not modify this map;
   *   <li>a null key (in an update or a query) or a null value throws {@link
   *       NullPointerException} naming it and leaves the map unchanged, as {@code
   *       ConcurrentHashMap} does; a key that is not a {@code Long} throws {@link
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
  public ConcurrentMap<Long, V> asMap() {
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

  private Shard shardOf(long key) {
    return shards[Shards.of(key, shardMask)];
  }

  /** A shard's entry count, read without its lock: an insert or removal in flight may or may not
   * be counted yet, as {@link #size()} says. */
  private static int sizeOf(Shard s) {
    return s.occupied;
  }

  /** The value of {@code key} by an optimistic read, or null. */
  private static Object read(Shard s, long key) {
    for (; ; ) {
      long stamp = s.readStamp();
      final long[] keys = s.keys; // the probe stays inside this array...
      final Object[] values = s.values; // ...which may belong to another table, if racing
      int i = readSlot(keys, s.mul1, s.mul2, key);
      Object value = i >= 0 && i < values.length ? VALUE.getAcquire(values, i) : null;
      if (s.validate(stamp)) {
        return value;
      }
    }
  }

  /**
   * Slot of {@code key} in {@code keys}, or -1: an optimistic reader's probe of the key's two
   * chunks, headers and keys loaded with acquire (pairing with the writers' release stores). It
   * indexes only inside {@code keys}, whatever the multipliers, so a torn read is harmless.
   */
  private static int readSlot(long[] keys, long mul1, long mul2, long key) {
    final int chunks = Chunks.chunks(keys);
    final long p = Chunks.hash(key, mul1);
    final int c1 = Chunks.chunk(p, chunks);
    final long pattern = Chunks.pattern(Chunks.tag(p));
    int base = c1 << SHIFT;
    for (long m = Chunks.matches((long) KEY.getAcquire(keys, base), pattern); m != 0; m &= m - 1) {
      int i = Chunks.slot(base, m);
      if ((long) KEY.getAcquire(keys, i) == key) {
        return i;
      }
    }
    base = Chunks.second(Chunks.hash(key, mul2), c1, chunks) << SHIFT;
    for (long m = Chunks.matches((long) KEY.getAcquire(keys, base), pattern); m != 0; m &= m - 1) {
      int i = Chunks.slot(base, m);
      if ((long) KEY.getAcquire(keys, i) == key) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The slot of {@code key}, or -1 if absent, for the helpers below. The lock is held, so the
   * answer stays true until the holder changes the table, callbacks included (they cannot re-enter
   * the shard).
   */
  private static int locate(Shard s, long key) {
    return Lookup.findLong(s.keys, s.mul1, s.mul2, key);
  }

  /** The value at a {@link #locate} result, or null if absent; the lock is held. */
  private static Object valueAt(Shard s, int at) {
    return at < 0 ? null : s.values[at];
  }

  /** Maps {@code key}, located at {@code at}, to a non-null {@code value}; the lock is held. */
  private static void storeAt(Shard s, long key, int at, Object value) {
    if (at < 0) {
      insert(s, key, value);
    } else {
      VALUE.setRelease(s.values, at, value);
    }
  }

  /** Removes the mapped key located at {@code at}; the lock is held. Leaves the write begun. */
  private static void eraseAt(Shard s, int at) {
    s.beginWrite();
    Cuckoo.delete(s.keys, false, s.mul1, at);
    s.values[at] = null;
    s.occupied--;
  }

  @SuppressWarnings("unchecked")
  private V update(
      long key, LongObjFunction<? super V, ? extends V> remappingFunction, boolean ifAbsent) {
    final Shard s = shardOf(key);
    s.lock();
    try {
      int at = locate(s, key);
      Object existing = valueAt(s, at);
      if (existing == null && !ifAbsent) {
        return null;
      }
      s.enterCallback();
      V value = remappingFunction.apply(key, (V) existing);
      if (value != null) {
        storeAt(s, key, at, value);
      } else if (existing != null) {
        eraseAt(s, at);
      }
      return value;
    } finally {
      s.unlock();
    }
  }

  /**
   * Inserts an absent key, growing the table first if it is at its threshold; the lock is held. A
   * free slot is filled by release stores of value, key and tag; moving other entries to make room
   * opens a WRITING section.
   */
  private static void insert(Shard s, long key, Object value) {
    if (s.occupied >= s.threshold) {
      rebuild(s, Chunks.grownChunks(Chunks.chunks(s.keys), s.occupied, SHARD_NAME), s.seed);
    }
    for (; ; ) {
      final long[] keys = s.keys;
      final int chunks = Chunks.chunks(keys);
      final long p = Chunks.hash(key, s.mul1);
      final int c1 = Chunks.chunk(p, chunks);
      final int c2 = Chunks.second(Chunks.hash(key, s.mul2), c1, chunks);
      if (!Cuckoo.hasFreeSlot(keys, c1, c2)) {
        s.beginWrite(); // entries may move
      }
      int i = Cuckoo.roomFor(keys, s.values, false, s.mul1, s.mul2, c1, c2);
      if (i >= 0) {
        // The value first, then the key, then the tag: a reader that sees the tag sees both.
        VALUE.setRelease(s.values, i, value);
        KEY.setRelease(keys, i, key);
        int base = Chunks.base(i);
        KEY.setRelease(keys, base, Chunks.withTag(keys[base], i, Chunks.tag(p)));
        if (base >>> SHIFT != c1) {
          KEY.setRelease(keys, c1 << SHIFT, Chunks.hintUp(keys[c1 << SHIFT]));
        }
        s.occupied++;
        return;
      }
      // The flood defence (see Chunks): another seed; a failing secret seed also grows the table.
      s.defences++;
      rebuild(s, Chunks.isSecret(s.seed) ? Chunks.grownChunks(chunks, s.occupied, SHARD_NAME) : chunks,
          Chunks.nextSeed(s.seed));
    }
  }

  /**
   * Moves the shard to a table of {@code chunks} chunks hashed with {@code seed} (or the next seeds
   * until everything fits): built while readers still use the old one, then swapped in. The lock is
   * held; leaves the write begun.
   */
  private static void rebuild(Shard s, int chunks, long seed) {
    for (; ; ) {
      long[] freshKeys = new long[chunks << SHIFT];
      Object[] freshValues = new Object[chunks << SHIFT];
      if (Cuckoo.copy(s.keys, s.values, freshKeys, freshValues, false, Chunks.mul1(seed, chunks),
          Chunks.mul2(seed, chunks))) {
        if (chunks > Chunks.chunks(s.keys)) {
          s.growths++;
        }
        s.beginWrite();
        s.install(freshKeys, freshValues, seed);
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
    long[] keys;
    Object[] values;
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
      install(new long[chunks << SHIFT], new Object[chunks << SHIFT], 0L);
    }

    final void install(long[] keys, Object[] values, long seed) {
      final int chunks = Chunks.chunks(keys);
      this.keys = keys;
      this.values = values;
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
  long hashSeed(long key) {
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
