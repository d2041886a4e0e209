package org.hotpath.concurrent;

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
import org.hotpath.internal.LongObjectSlots;
import org.hotpath.internal.OpenAddressing;
import org.hotpath.internal.SeqLock;
import org.hotpath.internal.Shards;
import org.hotpath.internal.TableWalk;

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
 *   keys long[] (0 = empty), values Object[]; the real key 0 lives in zeroValue (null = absent).
 * Writes without a WRITING section: a value replaced in place (one release store), and an insert
 *   into an empty slot, which stores the value, then the key, both with release. A reader loads the
 *   key, then the value, both with acquire: once it sees the key it sees that value or a later one,
 *   and the value object's fields as its writer left them.
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

  /** What {@link #locate} returns for the zero key, which lives outside the table. */
  private static final int ZERO_KEY = Integer.MIN_VALUE; // probe never returns it: tables are < 2^31

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
    Shards.checkCount(shards);
    int capacity = Shards.capacityPerShard(expectedSize, shards);
    this.shardMask = shards - 1;
    this.shards = new Shard[shards];
    for (int i = 0; i < shards; i++) {
      this.shards[i] = new Shard(capacity);
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
      total += s.keys.length; // any array a shard ever held is a whole table
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
      if (key == 0) {
        Object previous = s.zeroValue;
        s.beginWrite();
        s.zeroValue = value;
        return (V) previous;
      }
      int i = LongObjectSlots.probe(s.keys, s.seed, key);
      if (i < 0) {
        insert(s, key, value, ~i);
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
        if (s.occupied != 0 || s.zeroValue != null) {
          s.beginWrite();
          Arrays.fill(s.keys, 0L);
          Arrays.fill(s.values, null);
          s.occupied = 0;
          s.zeroValue = null;
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
        if (capacity < s.keys.length) {
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
  @SuppressWarnings("unchecked")
  public void forEach(LongObjConsumer<? super V> action) {
    Objects.requireNonNull(action, "action");
    for (Shard s : shards) {
      s.lock();
      try {
        s.enterCallback();
        if (s.zeroValue != null) {
          action.accept(0L, (V) s.zeroValue);
        }
        final long[] keys = s.keys;
        final Object[] values = s.values;
        for (int i = 0; i < keys.length; i++) {
          if (keys[i] != 0) {
            action.accept(keys[i], (V) values[i]);
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
  @SuppressWarnings("unchecked")
  public boolean removeIf(LongObjPredicate<? super V> filter) {
    Objects.requireNonNull(filter, "filter");
    boolean removed = false;
    for (Shard s : shards) {
      s.lock();
      try {
        s.enterCallback();
        if (s.zeroValue != null && filter.test(0L, (V) s.zeroValue)) {
          s.beginWrite();
          s.zeroValue = null;
          s.endWrite();
          removed = true;
        }
        final long[] keys = s.keys;
        final Object[] values = s.values;
        final int capacity = keys.length;
        int i = TableWalk.emptySlot(keys, -1L);
        for (int left = capacity - 1; left > 0; left--) { // descending: see Int2IntHashMap
          if (--i < 0) {
            i = capacity - 1;
          }
          long k = keys[i];
          if (k != 0 && filter.test(k, (V) values[i])) {
            s.beginWrite();
            LongObjectSlots.delete(keys, values, s.seed, i);
            s.occupied--;
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

  /**
   * A shard's entry count without its lock: consistent with layout changes (clear, the zero key),
   * but an insert or a removal in flight may or may not be counted yet, as {@link #size()} says.
   */
  private static int sizeOf(Shard s) {
    for (; ; ) {
      long stamp = s.readStamp();
      int size = s.zeroValue != null ? s.occupied + 1 : s.occupied;
      if (s.validate(stamp)) {
        return size;
      }
    }
  }

  /** The value of {@code key} by an optimistic read, or null. */
  private static Object read(Shard s, long key) {
    for (; ; ) {
      long stamp = s.readStamp();
      Object value;
      if (key == 0) {
        value = s.zeroValue;
      } else {
        final long[] keys = s.keys; // the probe stays inside this array...
        final Object[] values = s.values; // ...which may belong to another table, if racing
        int i = readSlot(keys, s.seed, key);
        value = i >= 0 && i < values.length ? VALUE.getAcquire(values, i) : null;
      }
      if (s.validate(stamp)) {
        return value;
      }
    }
  }

  /**
   * Slot of {@code key} (non-zero) in {@code keys}, or -1: an optimistic reader's probe. Loads each
   * key with acquire (pairing with the writers' release stores) and probes at most {@code
   * keys.length} slots, so it stays inside the array it was given and ends even while the table
   * changes under it.
   */
  private static int readSlot(long[] keys, long seed, long key) {
    final int capacity = keys.length;
    int i = OpenAddressing.slot(key, seed, capacity);
    for (int left = capacity; left > 0; left--) {
      long k = (long) KEY.getAcquire(keys, i);
      if (k == key) {
        return i;
      }
      if (k == 0) {
        return -1;
      }
      if (++i == capacity) {
        i = 0;
      }
    }
    return -1;
  }

  /**
   * Where {@code key} is, for the helpers below: its slot, {@code ~e} for the empty slot it would
   * be inserted at, or {@link #ZERO_KEY}. The lock is held, so the answer stays true until the
   * holder changes the table, callbacks included (they cannot re-enter the shard).
   */
  private static int locate(Shard s, long key) {
    return key == 0 ? ZERO_KEY : LongObjectSlots.probe(s.keys, s.seed, key);
  }

  /** The value at a {@link #locate} result, or null if absent; the lock is held. */
  private static Object valueAt(Shard s, int at) {
    return at == ZERO_KEY ? s.zeroValue : at < 0 ? null : s.values[at];
  }

  /** Maps {@code key}, located at {@code at}, to a non-null {@code value}; the lock is held. */
  private static void storeAt(Shard s, long key, int at, Object value) {
    if (at == ZERO_KEY) {
      s.beginWrite();
      s.zeroValue = value;
    } else if (at < 0) {
      insert(s, key, value, ~at);
    } else {
      VALUE.setRelease(s.values, at, value);
    }
  }

  /** Removes the mapped key located at {@code at}; the lock is held. Leaves the write begun. */
  private static void eraseAt(Shard s, int at) {
    s.beginWrite();
    if (at == ZERO_KEY) {
      s.zeroValue = null;
      return;
    }
    LongObjectSlots.delete(s.keys, s.values, s.seed, at);
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
   * Inserts an absent, non-zero key at {@code emptySlot}, the end of its probe path, or after
   * growing the table; the lock is held.
   */
  private static void insert(Shard s, long key, Object value, int emptySlot) {
    if (s.occupied >= s.threshold) {
      rehash(s, OpenAddressing.grownCapacity(s.keys.length, s.occupied, SHARD_NAME));
      emptySlot = LongObjectSlots.emptySlotFor(s.keys, s.seed, key);
    }
    // The value first: a reader that sees the key sees its value (see the notes).
    VALUE.setRelease(s.values, emptySlot, value);
    KEY.setRelease(s.keys, emptySlot, key);
    s.occupied++;
  }

  /**
   * Moves the shard to a table of {@code capacity} slots: built while readers still use the old
   * one, then swapped in. The lock is held; leaves the write begun.
   */
  private static void rehash(Shard s, int capacity) {
    long[] freshKeys = new long[capacity];
    Object[] freshValues = new Object[capacity];
    long freshSeed = OpenAddressing.seedFor(capacity);
    LongObjectSlots.copy(s.keys, s.values, freshKeys, freshValues, freshSeed);
    s.beginWrite();
    s.keys = freshKeys;
    s.values = freshValues;
    s.seed = freshSeed;
    s.threshold = Shards.threshold(capacity);
  }

  /** The fields readers read, on the sequence's cache line; see SeqLock for the writers'. */
  private abstract static class ShardFields extends SeqLock {
    long[] keys;
    Object[] values;
    long seed;
    Object zeroValue;

    ShardFields(int capacity) {
      this.keys = new long[capacity];
      this.values = new Object[capacity];
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
