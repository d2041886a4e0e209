package org.hotpath.collections;

import static org.hotpath.internal.IntIntSlots.KEY_MASK;
import static org.hotpath.internal.IntIntSlots.pack;
import static org.hotpath.internal.OpenAddressing.slot;

import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import org.hotpath.function.IntIntConsumer;
import org.hotpath.function.IntIntPredicate;
import org.hotpath.internal.IntIntSlots;
import org.hotpath.internal.OpenAddressing;
import org.hotpath.internal.TableWalk;

/**
 * A map from {@code int} keys to {@code int} values that allocates nothing once sized: the
 * replacement for {@code HashMap<Integer, Integer>} on a hot path.
 *
 * <p>Every {@code int} is a legal key and a legal value, including 0, -1 and the map's {@link
 * #missingValue()}: {@link #get} returns the missing value for an absent key, and {@link
 * #containsKey} tells the two apart. A map built with {@code expectedSize = n} does not resize while
 * it holds at most {@code n} entries.
 *
 * <p>Iterate without garbage through {@link #forEach}, {@link #removeIf}, or a caller-owned
 * {@link Cursor} from {@link #newCursor()}. Iteration order is unspecified but deterministic: two
 * maps given the same constructor arguments and the same operations iterate in the same order, in
 * any run, and cursors and {@code forEach} walk a map in the same order. Not thread-safe.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * Layout: one long[] of `capacity` slots, key and value packed so that a hit reads one slot.
 *
 *     entries[i] = value << 32 | (key & 0xFFFFFFFF)      key 0 in a slot means "empty"
 *
 *     slot:   0        1        2        3        4  ...  capacity-1
 *           [ k|v  ][  0   ][ k|v  ][ k|v  ][  0   ]     [ k|v  ]
 *
 *   The real key 0 lives outside the table in (hasZeroKey, zeroValue).
 *
 * Probing: linear, from home = fastrange(mix(key ^ seed)), wrapping at capacity (any capacity,
 *   not just powers of two). The seed is a function of the capacity, so copying keys between
 *   tables of different sizes cannot cluster (see OpenAddressing). At most threshold < capacity
 *   slots are full, so at least one slot is empty and every probe ends.
 * Deletion: backward shift (Knuth 6.4 Algorithm R). Entries after the hole move back into it when
 *   their home allows, so the table never holds tombstones and churn never degrades probing.
 * Iteration: descending from an empty slot e: e-1, e-2, ..., 0, capacity-1, ..., e+1. A backward
 *   shift triggered by removing slot i only moves entries from the run (i, next empty slot], which
 *   this order has already visited, into slots it has visited or is at; e itself stays empty. So
 *   removing through a cursor or removeIf never skips nor repeats an entry, and needs no buffer.
 * Notation: i, j = slot indexes; e = a packed entry; k = a key read from a slot.
 * }</pre>
 */
public final class Int2IntHashMap {

  private final float loadFactor;
  private final int missingValue;
  /** Hash seed of the current capacity; see OpenAddressing. */
  private long seed;

  private long[] entries;
  private int threshold;
  /** Occupied slots in {@code entries}; the zero key is counted by {@link #size()} only. */
  private int occupied;

  private boolean hasZeroKey;
  private int zeroValue;

  /** Incremented by every structural change; live cursors compare against it. */
  private int modCount;

  /** The boxed view, created on first use by {@link #asMap()}. */
  private Int2IntMapView mapView;

  /** Creates a map for a few entries, with load factor 0.75 and missing value 0. */
  public Int2IntHashMap() {
    this(OpenAddressing.DEFAULT_EXPECTED_SIZE);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing, with load factor 0.75
   * and missing value 0.
   *
   * @param expectedSize entries to hold without resizing
   * @throws IllegalArgumentException if {@code expectedSize} is negative or too large
   */
  public Int2IntHashMap(int expectedSize) {
    this(expectedSize, OpenAddressing.DEFAULT_LOAD_FACTOR);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing, with missing value 0.
   *
   * @param expectedSize entries to hold without resizing
   * @param loadFactor fraction of slots filled before the table grows, strictly between 0 and 1
   * @throws IllegalArgumentException if an argument is out of range
   */
  public Int2IntHashMap(int expectedSize, float loadFactor) {
    this(expectedSize, loadFactor, 0);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing.
   *
   * @param expectedSize entries to hold without resizing
   * @param loadFactor fraction of slots filled before the table grows, strictly between 0 and 1
   * @param missingValue returned by {@link #get} and friends for absent keys; still a legal value
   * @throws IllegalArgumentException if an argument is out of range
   */
  public Int2IntHashMap(int expectedSize, float loadFactor, int missingValue) {
    this.loadFactor = OpenAddressing.checkLoadFactor(loadFactor);
    int capacity = OpenAddressing.capacityFor(expectedSize, loadFactor);
    this.missingValue = missingValue;
    this.seed = OpenAddressing.seedFor(capacity);
    this.entries = new long[capacity];
    this.threshold = OpenAddressing.threshold(capacity, loadFactor);
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
    return entries.length;
  }

  /**
   * Number of entries.
   *
   * @return the number of key-value mappings
   */
  public int size() {
    return hasZeroKey ? occupied + 1 : occupied;
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
  public boolean containsKey(int key) {
    return key == 0 ? hasZeroKey : find(key) >= 0;
  }

  /**
   * Value of {@code key}. Expected O(1); allocates nothing.
   *
   * @param key any key
   * @return the mapped value, or {@link #missingValue()} if absent
   */
  public int get(int key) {
    return getOrDefault(key, missingValue);
  }

  /**
   * Value of {@code key}, or {@code defaultValue} if absent. Expected O(1); allocates nothing.
   *
   * @param key any key
   * @param defaultValue returned when {@code key} is absent
   * @return the mapped value or {@code defaultValue}
   */
  public int getOrDefault(int key, int defaultValue) {
    if (key == 0) {
      return hasZeroKey ? zeroValue : defaultValue;
    }
    final long[] entries = this.entries;
    final int capacity = entries.length;
    int i = slot(key, seed, capacity);
    for (; ; ) {
      long e = entries[i];
      int k = (int) e;
      if (k == key) {
        return (int) (e >>> 32);
      }
      if (k == 0) {
        return defaultValue;
      }
      if (++i == capacity) {
        i = 0;
      }
    }
  }

  /**
   * Whether some key maps to {@code value}. O(capacity); allocates nothing.
   *
   * @param value any value
   * @return {@code true} if at least one entry has this value
   */
  public boolean containsValue(int value) {
    if (hasZeroKey && zeroValue == value) {
      return true;
    }
    for (long e : entries) {
      if ((int) e != 0 && (int) (e >>> 32) == value) {
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
   * @param value any value
   * @return the previous value, or {@link #missingValue()} if {@code key} was absent
   * @throws IllegalStateException if the table is at its largest and full; the map is unchanged
   */
  public int put(int key, int value) {
    if (key == 0) {
      return putZero(value, true);
    }
    int i = findOrInsert(key, value);
    if (i < 0) {
      return missingValue;
    }
    long e = entries[i];
    entries[i] = pack(key, value);
    return (int) (e >>> 32);
  }

  /**
   * Maps {@code key} to {@code value} unless {@code key} is already mapped.
   *
   * @param key any key
   * @param value any value
   * @return the existing value, or {@link #missingValue()} if {@code key} was absent and is now
   *     mapped to {@code value}
   * @throws IllegalStateException if the table is at its largest and full; the map is unchanged
   */
  public int putIfAbsent(int key, int value) {
    if (key == 0) {
      return putZero(value, false);
    }
    int i = findOrInsert(key, value);
    return i < 0 ? missingValue : (int) (entries[i] >>> 32);
  }

  /**
   * Adds {@code delta} to the value of {@code key}, treating an absent key as 0: the counter
   * operation. Overflow wraps, as with {@code +}.
   *
   * @param key any key
   * @param delta the amount to add
   * @return the new value
   * @throws IllegalStateException if the table is at its largest and full; the map is unchanged
   */
  public int addAndGet(int key, int delta) {
    if (key == 0) {
      int sum = hasZeroKey ? zeroValue + delta : delta;
      putZero(sum, true);
      return sum;
    }
    int i = findOrInsert(key, delta);
    if (i < 0) {
      return delta;
    }
    int sum = (int) (entries[i] >>> 32) + delta;
    entries[i] = pack(key, sum);
    return sum;
  }

  /**
   * Returns the value of {@code key}, first mapping it to {@code mappingFunction.applyAsInt(key)}
   * if absent. The function must not modify this map.
   *
   * @param key any key
   * @param mappingFunction computes the value of an absent key
   * @return the existing or computed value
   * @throws NullPointerException if {@code mappingFunction} is null
   * @throws ConcurrentModificationException if the function modified this map
   */
  public int computeIfAbsent(int key, IntUnaryOperator mappingFunction) {
    Objects.requireNonNull(mappingFunction, "mappingFunction");
    if (key == 0 ? hasZeroKey : find(key) >= 0) {
      return get(key);
    }
    int expectedModCount = modCount;
    int value = mappingFunction.applyAsInt(key);
    TableWalk.checkUnchanged(expectedModCount, modCount);
    put(key, value);
    return value;
  }

  /**
   * Removes the mapping of {@code key}. Allocates nothing.
   *
   * @param key any key
   * @return the removed value, or {@link #missingValue()} if {@code key} was absent
   */
  public int remove(int key) {
    if (key == 0) {
      if (!hasZeroKey) {
        return missingValue;
      }
      removeZero();
      return zeroValue;
    }
    int i = find(key);
    if (i < 0) {
      return missingValue;
    }
    int value = (int) (entries[i] >>> 32);
    deleteSlot(i);
    return value;
  }

  /* ---------------- Bulk ---------------- */

  /**
   * Removes every entry; keeps the capacity. O(capacity); allocates nothing.
   */
  public void clear() {
    Arrays.fill(entries, 0L);
    occupied = 0;
    hasZeroKey = false;
    zeroValue = 0;
    modCount++;
  }

  /**
   * Shrinks the table to the smallest capacity that holds the current entries at the load factor.
   * Allocates the new table; does nothing if the table is already that small.
   */
  public void compact() {
    int capacity = OpenAddressing.capacityFor(occupied, loadFactor);
    if (capacity < entries.length) {
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
  public boolean removeIf(IntIntPredicate filter) {
    Objects.requireNonNull(filter, "filter");
    final int sizeBefore = size();
    int expectedModCount = modCount;
    if (hasZeroKey && filter.test(0, zeroValue)) {
      TableWalk.checkUnchanged(expectedModCount, modCount);
      removeZero();
      expectedModCount = modCount;
    }
    final long[] entries = this.entries;
    final int capacity = entries.length;
    int i = emptySlot();
    for (int left = capacity - 1; left > 0; left--) {
      if (--i < 0) {
        i = capacity - 1;
      }
      long e = entries[i];
      if ((int) e != 0 && filter.test((int) e, (int) (e >>> 32))) {
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
  public void forEach(IntIntConsumer action) {
    Objects.requireNonNull(action, "action");
    final int expectedModCount = modCount;
    if (hasZeroKey) {
      action.accept(0, zeroValue);
    }
    final long[] entries = this.entries;
    final int capacity = entries.length;
    int i = emptySlot();
    for (int left = capacity - 1; left > 0; left--) {
      if (--i < 0) {
        i = capacity - 1;
      }
      long e = entries[i];
      if ((int) e != 0) {
        action.accept((int) e, (int) (e >>> 32));
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
   * This map as a {@link Map Map&lt;Integer, Integer&gt;}: a live, read-write view for code that still
   * needs the JDK type. Changes through either side show in the other. Repeated calls return the
   * same instance.
   *
   * <p><b>Off the hot path:</b> every call on the view allocates: boxed keys and values, entries,
   * iterators. Use the primitive methods and cursors where allocation matters.
   *
   * <p>The view follows the {@code Map} contract for a map that permits no null keys or values:
   *
   * <ul>
   *   <li>an absent key reads as {@code null} ({@code get}, {@code remove}, {@code put} of a new
   *       key), never as {@link #missingValue()}, which is a legal stored value;
   *   <li>a null key or a null value in an update throws {@link NullPointerException} naming it and
   *       leaves the map unchanged; queries with a null key, or a key that is not an {@code
   *       Integer}, find nothing;
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
  public Map<Integer, Integer> asMap() {
    Int2IntMapView view = mapView;
    if (view == null) {
      view = new Int2IntMapView(this);
      mapView = view;
    }
    return view;
  }

  /* ---------------- Object methods ---------------- */

  /**
   * Compares with another {@code Int2IntHashMap} by content, as {@link java.util.Map#equals} does;
   * the missing value, capacity and load factor play no part.
   *
   * @param o the object to compare with
   * @return {@code true} if {@code o} is an {@code Int2IntHashMap} with the same mappings
   */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Int2IntHashMap that) || that.size() != size()) {
      return false;
    }
    if (hasZeroKey && (!that.hasZeroKey || that.zeroValue != zeroValue)) {
      return false;
    }
    for (long e : entries) {
      int k = (int) e;
      if (k != 0) {
        int i = that.find(k);
        if (i < 0 || (int) (that.entries[i] >>> 32) != (int) (e >>> 32)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Hash code as {@link java.util.Map#hashCode} defines it for the boxed map: the sum over entries
   * of {@code key ^ value}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    int h = hasZeroKey ? zeroValue : 0;
    for (long e : entries) {
      if ((int) e != 0) {
        h += (int) e ^ (int) (e >>> 32);
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
    StringBuilder sb = new StringBuilder(size() * 12 + 2).append('{');
    Cursor cursor = newCursor();
    while (cursor.next()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(cursor.key()).append('=').append(cursor.value());
    }
    return sb.append('}').toString();
  }

  /* ---------------- Internals ---------------- */

  /** Slot holding {@code key} (non-zero), or -1. */
  private int find(int key) {
    return IntIntSlots.find(entries, seed, key);
  }

  /**
   * Slot holding {@code key} (non-zero), or, if absent, inserts {@code (key, value)} and returns
   * -1. Grows the table first when it is at its threshold.
   */
  private int findOrInsert(int key, int value) {
    int i = IntIntSlots.probe(entries, seed, key);
    if (i >= 0) {
      return i;
    }
    if (occupied >= threshold) {
      rehash(OpenAddressing.grownCapacity(entries.length, size(), "Int2IntHashMap"));
      i = IntIntSlots.emptySlotFor(entries, seed, key);
    } else {
      i = ~i;
    }
    entries[i] = pack(key, value);
    occupied++;
    modCount++;
    return -1;
  }


  private int putZero(int value, boolean replace) {
    if (hasZeroKey) {
      int previous = zeroValue;
      if (replace) {
        zeroValue = value;
      }
      return previous;
    }
    hasZeroKey = true;
    zeroValue = value;
    modCount++;
    return missingValue;
  }

  private void removeZero() {
    hasZeroKey = false;
    modCount++;
  }

  /** Empties slot {@code hole} by backward shift; see the implementation notes. */
  private void deleteSlot(int hole) {
    IntIntSlots.delete(entries, seed, hole);
    occupied--;
    modCount++;
  }

  private void rehash(int newCapacity) {
    final long[] old = this.entries;
    final long[] fresh = new long[newCapacity];
    seed = OpenAddressing.seedFor(newCapacity);
    IntIntSlots.copy(old, fresh, seed);
    this.entries = fresh;
    this.threshold = OpenAddressing.threshold(newCapacity, loadFactor);
    modCount++;
  }

  /** An always-empty slot where iteration starts; one exists because threshold < capacity. */
  private int emptySlot() {
    return TableWalk.emptySlot(entries, KEY_MASK);
  }

  /* ---------------- Cursor ---------------- */

  /**
   * A reusable, caller-owned walk over the map's entries; allocates nothing after creation.
   *
   * <pre>{@code
   * Int2IntHashMap.Cursor c = map.newCursor();   // once
   * c.reset();
   * while (c.next()) {
   *   if (c.value() == 0) c.remove(); else c.setValue(c.value() - 1);
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
      walk.reset(entries, KEY_MASK, hasZeroKey, modCount);
    }

    /**
     * Advances to the next entry.
     *
     * @return {@code true} if there is a current entry, {@code false} when the walk is over
     * @throws ConcurrentModificationException if the map changed structurally other than through
     *     this cursor since {@link #reset()}
     */
    public boolean next() {
      return walk.next(entries, KEY_MASK, modCount);
    }

    /**
     * Whether {@link #next()} would find another entry; moves nothing. For the boxed view's
     * iterators.
     *
     * @throws ConcurrentModificationException as {@link #next()} does
     */
    boolean hasNext() {
      return walk.hasNext(entries, KEY_MASK, modCount);
    }

    /**
     * Key of the current entry.
     *
     * @return the key
     * @throws IllegalStateException if there is no current entry
     */
    public int key() {
      int slot = walk.current(modCount);
      return slot == TableWalk.ZERO_KEY ? 0 : (int) entries[slot];
    }

    /**
     * Value of the current entry.
     *
     * @return the value
     * @throws IllegalStateException if there is no current entry
     */
    public int value() {
      int slot = walk.current(modCount);
      return slot == TableWalk.ZERO_KEY ? zeroValue : (int) (entries[slot] >>> 32);
    }

    /**
     * Replaces the value of the current entry; not a structural change.
     *
     * @param value the new value
     * @throws IllegalStateException if there is no current entry
     */
    public void setValue(int value) {
      int slot = walk.current(modCount);
      if (slot == TableWalk.ZERO_KEY) {
        zeroValue = value;
      } else {
        entries[slot] = pack((int) entries[slot], value);
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
