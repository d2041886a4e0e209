package org.hotpath.collections;

import static org.hotpath.internal.OpenAddressing.slot;

import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import org.hotpath.function.LongObjConsumer;
import org.hotpath.function.LongObjPredicate;
import org.hotpath.internal.LongObjectSlots;
import org.hotpath.internal.OpenAddressing;
import org.hotpath.internal.TableWalk;

/**
 * A map from {@code long} keys to non-null object values that allocates nothing once sized: the
 * replacement for {@code HashMap<Long, V>} on a hot path.
 *
 * <p>Every {@code long} is a legal key. Values are never null: {@link #get} returns {@code null}
 * exactly when the key is absent, and {@code put(key, null)} throws. Removed and cleared values are
 * dropped from the table at once, so the map never keeps garbage reachable. A map built with
 * {@code expectedSize = n} does not resize while it holds at most {@code n} entries.
 *
 * <p>Iterate without garbage through {@link #forEach}, {@link #removeIf}, or a caller-owned
 * {@link Cursor} from {@link #newCursor()}. Iteration order is unspecified but deterministic: two
 * maps given the same constructor arguments and the same operations iterate in the same order, in
 * any run, and cursors and {@code forEach} walk a map in the same order. Not thread-safe.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * Layout: parallel arrays of `capacity` slots; key 0 in a slot means "empty" (and its value is null).
 *
 *     slot:      0      1      2      3      4   ...  capacity-1
 *     keys:   [  k  ][  0  ][  k  ][  k  ][  0  ]     [  k  ]     long[]
 *     values: [  v  ][null ][  v  ][  v  ][null ]     [  v  ]     Object[]
 *
 *   The real key 0 lives outside the table in (hasZeroKey, zeroValue). A miss reads keys only.
 *
 * Probing, backward-shift deletion and the removal-safe iteration order are those of
 * Int2IntHashMap; see its notes. Notation: i, j = slot indexes; k = a key read from a slot.
 * }</pre>
 *
 * @param <V> the value type
 */
public final class Long2ObjectHashMap<V> {

  /** A slot is full when any bit of its key is set: key 0 marks an empty slot. */
  private static final long ALL_KEY_BITS = -1L;

  private final float loadFactor;
  /** Hash seed of the current capacity; see OpenAddressing. */
  private long seed;

  private long[] keys;
  private Object[] values;
  private int threshold;
  /** Occupied slots in the table; the zero key is counted by {@link #size()} only. */
  private int occupied;

  /** Value of key 0, or null when key 0 is absent. */
  private V zeroValue;

  /** Incremented by every structural change; live cursors compare against it. */
  private int modCount;

  /** The boxed view, created on first use by {@link #asMap()}. */
  private Long2ObjectMapView<V> mapView;

  /** Creates a map for a few entries, with load factor 0.75. */
  public Long2ObjectHashMap() {
    this(OpenAddressing.DEFAULT_EXPECTED_SIZE);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing, with load factor 0.75.
   *
   * @param expectedSize entries to hold without resizing
   * @throws IllegalArgumentException if {@code expectedSize} is negative or too large
   */
  public Long2ObjectHashMap(int expectedSize) {
    this(expectedSize, OpenAddressing.DEFAULT_LOAD_FACTOR);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing.
   *
   * @param expectedSize entries to hold without resizing
   * @param loadFactor fraction of slots filled before the table grows, strictly between 0 and 1
   * @throws IllegalArgumentException if an argument is out of range
   */
  public Long2ObjectHashMap(int expectedSize, float loadFactor) {
    this.loadFactor = OpenAddressing.checkLoadFactor(loadFactor);
    int capacity = OpenAddressing.capacityFor(expectedSize, loadFactor);
    this.seed = OpenAddressing.seedFor(capacity);
    this.keys = new long[capacity];
    this.values = new Object[capacity];
    this.threshold = OpenAddressing.threshold(capacity, loadFactor);
  }

  /* ---------------- Query ---------------- */

  /**
   * The load factor chosen at construction.
   *
   * @return the load factor
   */
  public float loadFactor() {
    return loadFactor;
  }

  /**
   * Number of slots in the table; the map holds up to {@code capacity() * loadFactor()} entries
   * before it grows.
   *
   * @return the slot count
   */
  public int capacity() {
    return keys.length;
  }

  /**
   * Number of entries.
   *
   * @return the number of key-value mappings
   */
  public int size() {
    return zeroValue != null ? occupied + 1 : occupied;
  }

  /**
   * Whether the map holds no entries.
   *
   * @return {@code true} if {@link #size()} is 0
   */
  public boolean isEmpty() {
    return size() == 0;
  }

  /**
   * Whether {@code key} is mapped. Expected O(1); allocates nothing.
   *
   * @param key any key
   * @return {@code true} if the map holds {@code key}
   */
  public boolean containsKey(long key) {
    return get(key) != null;
  }

  /**
   * Value of {@code key}. Expected O(1); allocates nothing.
   *
   * @param key any key
   * @return the mapped value, or {@code null} if absent
   */
  @SuppressWarnings("unchecked")
  public V get(long key) {
    if (key == 0) {
      return zeroValue;
    }
    final long[] keys = this.keys;
    final int capacity = keys.length;
    int i = slot(key, seed, capacity);
    for (; ; ) {
      long k = keys[i];
      if (k == key) {
        return (V) values[i];
      }
      if (k == 0) {
        return null;
      }
      if (++i == capacity) {
        i = 0;
      }
    }
  }

  /**
   * Value of {@code key}, or {@code defaultValue} if absent. Expected O(1); allocates nothing.
   *
   * @param key any key
   * @param defaultValue returned when {@code key} is absent; may be null
   * @return the mapped value or {@code defaultValue}
   */
  public V getOrDefault(long key, V defaultValue) {
    V value = get(key);
    return value != null ? value : defaultValue;
  }

  /**
   * Whether some key maps to a value equal to {@code value}. O(capacity); allocates nothing.
   *
   * @param value the value to look for, compared with {@code equals}
   * @return {@code true} if at least one entry has an equal value
   */
  public boolean containsValue(Object value) {
    if (value == null) {
      return false;
    }
    if (value.equals(zeroValue)) {
      return true;
    }
    for (Object v : values) {
      if (v != null && value.equals(v)) {
        return true;
      }
    }
    return false;
  }

  /* ---------------- Update ---------------- */

  /**
   * Maps {@code key} to {@code value}. Allocates only when the table grows, which a map presized
   * for its entries never does.
   *
   * @param key any key
   * @param value the value, not null
   * @return the previous value, or {@code null} if {@code key} was absent
   * @throws NullPointerException if {@code value} is null; the map is unchanged
   * @throws IllegalStateException if the table is at its largest and full; the map is unchanged
   */
  @SuppressWarnings("unchecked")
  public V put(long key, V value) {
    Objects.requireNonNull(value, "value");
    if (key == 0) {
      return putZero(value, true);
    }
    int i = findOrInsert(key, value);
    if (i < 0) {
      return null;
    }
    V previous = (V) values[i];
    values[i] = value;
    return previous;
  }

  /**
   * Maps {@code key} to {@code value} unless {@code key} is already mapped.
   *
   * @param key any key
   * @param value the value, not null
   * @return the existing value, or {@code null} if {@code key} was absent and is now mapped
   * @throws NullPointerException if {@code value} is null; the map is unchanged
   * @throws IllegalStateException if the table is at its largest and full; the map is unchanged
   */
  @SuppressWarnings("unchecked")
  public V putIfAbsent(long key, V value) {
    Objects.requireNonNull(value, "value");
    if (key == 0) {
      return putZero(value, false);
    }
    int i = findOrInsert(key, value);
    return i < 0 ? null : (V) values[i];
  }

  /**
   * Returns the value of {@code key}, first mapping it to {@code mappingFunction.apply(key)} if
   * absent. If the function returns null, nothing is mapped and null is returned, as with {@link
   * java.util.Map#computeIfAbsent}. The function must not modify this map.
   *
   * @param key any key
   * @param mappingFunction computes the value of an absent key
   * @return the existing or computed value, or null
   * @throws NullPointerException if {@code mappingFunction} is null
   * @throws ConcurrentModificationException if the function modified this map
   */
  public V computeIfAbsent(long key, LongFunction<? extends V> mappingFunction) {
    Objects.requireNonNull(mappingFunction, "mappingFunction");
    V existing = get(key);
    if (existing != null) {
      return existing;
    }
    int expectedModCount = modCount;
    V value = mappingFunction.apply(key);
    TableWalk.checkUnchanged(expectedModCount, modCount);
    if (value != null) {
      put(key, value);
    }
    return value;
  }

  /**
   * Removes the mapping of {@code key}. Allocates nothing.
   *
   * @param key any key
   * @return the removed value, or {@code null} if {@code key} was absent
   */
  @SuppressWarnings("unchecked")
  public V remove(long key) {
    if (key == 0) {
      V value = zeroValue;
      if (value != null) {
        removeZero();
      }
      return value;
    }
    int i = find(key);
    if (i < 0) {
      return null;
    }
    V value = (V) values[i];
    deleteSlot(i);
    return value;
  }

  /* ---------------- Bulk ---------------- */

  /** Removes every entry; keeps the capacity. O(capacity); allocates nothing. */
  public void clear() {
    Arrays.fill(keys, 0L);
    Arrays.fill(values, null);
    occupied = 0;
    zeroValue = null;
    modCount++;
  }

  /**
   * Shrinks the table to the smallest capacity that holds the current entries at the load factor.
   * Allocates the new table; does nothing if the table is already that small.
   */
  public void compact() {
    int capacity = OpenAddressing.capacityFor(occupied, loadFactor);
    if (capacity < keys.length) {
      rehash(capacity);
    }
  }

  /**
   * Removes every entry that {@code filter} accepts, in iteration order. Allocates nothing.
   *
   * @param filter tests each entry; must not modify this map
   * @return {@code true} if any entry was removed
   * @throws NullPointerException if {@code filter} is null
   * @throws ConcurrentModificationException if the filter modified this map
   */
  @SuppressWarnings("unchecked")
  public boolean removeIf(LongObjPredicate<? super V> filter) {
    Objects.requireNonNull(filter, "filter");
    final int sizeBefore = size();
    int expectedModCount = modCount;
    if (zeroValue != null && filter.test(0, zeroValue)) {
      TableWalk.checkUnchanged(expectedModCount, modCount);
      removeZero();
      expectedModCount = modCount;
    }
    final long[] keys = this.keys;
    final Object[] values = this.values;
    final int capacity = keys.length;
    int i = emptySlot();
    for (int left = capacity - 1; left > 0; left--) {
      if (--i < 0) {
        i = capacity - 1;
      }
      long k = keys[i];
      if (k != 0 && filter.test(k, (V) values[i])) {
        TableWalk.checkUnchanged(expectedModCount, modCount);
        deleteSlot(i); // backward shift only refills slots already visited: see the notes
        expectedModCount = modCount;
      }
    }
    TableWalk.checkUnchanged(expectedModCount, modCount);
    return size() != sizeBefore;
  }

  /* ---------------- Iteration ---------------- */

  /**
   * Calls {@code action} for every entry, in iteration order. Allocates nothing (a non-capturing
   * lambda is a constant).
   *
   * @param action receives each key and value; must not modify this map
   * @throws NullPointerException if {@code action} is null
   * @throws ConcurrentModificationException if the action modified this map
   */
  @SuppressWarnings("unchecked")
  public void forEach(LongObjConsumer<? super V> action) {
    Objects.requireNonNull(action, "action");
    final int expectedModCount = modCount;
    if (zeroValue != null) {
      action.accept(0, zeroValue);
    }
    final long[] keys = this.keys;
    final Object[] values = this.values;
    final int capacity = keys.length;
    int i = emptySlot();
    for (int left = capacity - 1; left > 0; left--) {
      if (--i < 0) {
        i = capacity - 1;
      }
      long k = keys[i];
      if (k != 0) {
        action.accept(k, (V) values[i]);
        TableWalk.checkUnchanged(expectedModCount, modCount);
      }
    }
    TableWalk.checkUnchanged(expectedModCount, modCount);
  }

  /**
   * Creates a cursor over this map, positioned before the first entry. Allocate it once and
   * {@link Cursor#reset()} it for each walk; cursors are independent and may be nested.
   *
   * @return a new cursor
   */
  public Cursor newCursor() {
    return new Cursor();
  }

  /* ---------------- java.util view ---------------- */

  /**
   * This map as a {@link Map Map&lt;Long, V&gt;}: a live, read-write view for code that still
   * needs the JDK type. Changes through either side show in the other. Repeated calls return the
   * same instance.
   *
   * <p><b>Off the hot path:</b> every call on the view allocates: boxed keys and values, entries,
   * iterators. Use the primitive methods and cursors where allocation matters.
   *
   * <p>The view follows the {@code Map} contract for a map that permits no null keys or values:
   *
   * <ul>
   *   <li>a null key or a null value in an update throws {@link NullPointerException} naming it and
   *       leaves the map unchanged; queries with a null key, or a key that is not a {@code Long},
   *       find nothing ({@code get} returns {@code null}, {@code containsKey} {@code false});
   *   <li>iterators of the entry set, key set and values fail fast with {@link
   *       ConcurrentModificationException} after a structural change other than through the
   *       iterator, and support {@code remove}; entries support {@code setValue}, which writes
   *       through;
   *   <li>iteration order is this map's cursor order; {@code equals}, {@code hashCode} and {@code
   *       toString} are those of {@link java.util.AbstractMap}, so the view equals any {@code
   *       java.util.Map} with the same entries. The view is not serializable.
   * </ul>
   *
   * @return the view; the same instance on every call
   */
  public Map<Long, V> asMap() {
    Long2ObjectMapView<V> view = mapView;
    if (view == null) {
      view = new Long2ObjectMapView<>(this);
      mapView = view;
    }
    return view;
  }

  /* ---------------- Object methods ---------------- */

  /**
   * Compares by content, as {@link java.util.Map#equals} does: equal to a {@code
   * Long2ObjectHashMap} or a {@link Long2ObjectSkipListMap} with the same keys mapped to equal
   * values. Capacity and load factor play no part.
   *
   * @param o the object to compare with
   * @return {@code true} if {@code o} holds equal mappings
   */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof Long2ObjectSkipListMap<?> sorted) {
      return sorted.hasMappingsOf(this);
    }
    if (!(o instanceof Long2ObjectHashMap<?> that) || that.size() != size()) {
      return false;
    }
    if (zeroValue != null && !zeroValue.equals(that.zeroValue)) {
      return false;
    }
    final long[] keys = this.keys;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0 && !values[i].equals(that.get(keys[i]))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Hash code as {@link java.util.Map#hashCode} defines it for the boxed map: the sum over entries
   * of {@code Long.hashCode(key) ^ value.hashCode()}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    int h = zeroValue != null ? zeroValue.hashCode() : 0;
    final long[] keys = this.keys;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        h += Long.hashCode(keys[i]) ^ values[i].hashCode();
      }
    }
    return h;
  }

  /**
   * Renders the entries as {@code {k1=v1, k2=v2}} in iteration order, like {@link
   * java.util.AbstractMap#toString}. Allocates.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(size() * 16 + 2).append('{');
    Cursor cursor = newCursor();
    while (cursor.next()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      V value = cursor.value();
      sb.append(cursor.key()).append('=').append(value == this ? "(this Map)" : value);
    }
    return sb.append('}').toString();
  }

  /* ---------------- Internals ---------------- */

  /** Slot holding {@code key} (non-zero), or -1. */
  private int find(long key) {
    return LongObjectSlots.find(keys, seed, key);
  }

  /**
   * Slot holding {@code key} (non-zero), or, if absent, inserts {@code (key, value)} and returns
   * -1. Grows the table first when it is at its threshold.
   */
  private int findOrInsert(long key, V value) {
    int i = LongObjectSlots.probe(keys, seed, key);
    if (i >= 0) {
      return i;
    }
    if (occupied >= threshold) {
      rehash(OpenAddressing.grownCapacity(keys.length, size(), "Long2ObjectHashMap"));
      i = LongObjectSlots.emptySlotFor(keys, seed, key);
    } else {
      i = ~i;
    }
    keys[i] = key;
    values[i] = value;
    occupied++;
    modCount++;
    return -1;
  }


  private V putZero(V value, boolean replace) {
    V previous = zeroValue;
    if (previous == null) {
      modCount++;
    }
    if (previous == null || replace) {
      zeroValue = value;
    }
    return previous;
  }

  private void removeZero() {
    zeroValue = null;
    modCount++;
  }

  /** Empties slot {@code hole} by backward shift; see Int2IntHashMap's notes. */
  private void deleteSlot(int hole) {
    LongObjectSlots.delete(keys, values, seed, hole);
    occupied--;
    modCount++;
  }

  private void rehash(int newCapacity) {
    final long[] oldKeys = this.keys;
    final Object[] oldValues = this.values;
    final long[] freshKeys = new long[newCapacity];
    final Object[] freshValues = new Object[newCapacity];
    seed = OpenAddressing.seedFor(newCapacity);
    LongObjectSlots.copy(oldKeys, oldValues, freshKeys, freshValues, seed);
    this.keys = freshKeys;
    this.values = freshValues;
    this.threshold = OpenAddressing.threshold(newCapacity, loadFactor);
    modCount++;
  }

  /** An always-empty slot where iteration starts; one exists because threshold < capacity. */
  private int emptySlot() {
    return TableWalk.emptySlot(keys, ALL_KEY_BITS);
  }

  /* ---------------- Cursor ---------------- */

  /**
   * A reusable, caller-owned walk over the map's entries; allocates nothing after creation.
   *
   * <pre>{@code
   * Long2ObjectHashMap<Session>.Cursor c = sessions.newCursor();   // once
   * c.reset();
   * while (c.next()) {
   *   if (c.value().isExpired(now)) c.remove();
   * }
   * }</pre>
   *
   * <p>{@link #remove()} and {@link #setValue} are safe mid-walk: no entry is skipped or seen
   * twice. Any other structural change of the map (an insertion or removal through the map or
   * another cursor, {@code clear}, a resize) makes this cursor throw {@link
   * ConcurrentModificationException} until it is {@link #reset()}.
   */
  public final class Cursor {
    private final TableWalk walk = new TableWalk();

    private Cursor() {
      reset();
    }

    /** Positions the cursor before the first entry, reflecting the map as it is now. */
    public void reset() {
      walk.reset(keys, ALL_KEY_BITS, zeroValue != null, modCount);
    }

    /**
     * Advances to the next entry.
     *
     * @return {@code true} if there is a current entry, {@code false} when the walk is over
     * @throws ConcurrentModificationException if the map changed structurally other than through
     *     this cursor since {@link #reset()}
     */
    public boolean next() {
      return walk.next(keys, ALL_KEY_BITS, modCount);
    }

    /**
     * Whether {@link #next()} would find another entry; moves nothing. For the boxed view's
     * iterators.
     *
     * @throws ConcurrentModificationException as {@link #next()} does
     */
    boolean hasNext() {
      return walk.hasNext(keys, ALL_KEY_BITS, modCount);
    }

    /**
     * Key of the current entry.
     *
     * @return the key
     * @throws IllegalStateException if there is no current entry
     */
    public long key() {
      int slot = walk.current(modCount);
      return slot == TableWalk.ZERO_KEY ? 0 : keys[slot];
    }

    /**
     * Value of the current entry.
     *
     * @return the value, never null
     * @throws IllegalStateException if there is no current entry
     */
    @SuppressWarnings("unchecked")
    public V value() {
      int slot = walk.current(modCount);
      return slot == TableWalk.ZERO_KEY ? zeroValue : (V) values[slot];
    }

    /**
     * Replaces the value of the current entry; not a structural change.
     *
     * @param value the new value, not null
     * @throws NullPointerException if {@code value} is null; the entry is unchanged
     * @throws IllegalStateException if there is no current entry
     */
    public void setValue(V value) {
      Objects.requireNonNull(value, "value");
      int slot = walk.current(modCount);
      if (slot == TableWalk.ZERO_KEY) {
        zeroValue = value;
      } else {
        values[slot] = value;
      }
    }

    /**
     * Removes the current entry; the walk continues with the next one.
     *
     * @throws IllegalStateException if there is no current entry
     */
    public void remove() {
      int slot = walk.current(modCount);
      if (slot == TableWalk.ZERO_KEY) {
        removeZero();
      } else {
        deleteSlot(slot);
      }
      walk.removed(modCount);
    }
  }
}
