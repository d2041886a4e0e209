package org.hotpath.collections;

import static org.hotpath.internal.Chunks.SHIFT;

import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import org.hotpath.function.LongObjConsumer;
import org.hotpath.function.LongObjPredicate;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.Cuckoo;
import org.hotpath.internal.Directory;
import org.hotpath.internal.Lookup;
import org.hotpath.internal.Segment;
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
 * <p>Every lookup reads at most two chunks of the table, whatever the keys; a key set that crowds
 * an insertion out of both its chunks makes the map rebuild itself with another hash seed, secret
 * after two attempts (see {@link Int2IntHashMap}).
 *
 * <p>Iterate without garbage through {@link #forEach}, {@link #removeIf}, or a caller-owned
 * {@link Cursor} from {@link #newCursor()}. Iteration order is unspecified but deterministic: two
 * maps given the same constructor arguments and the same operations iterate in the same order, in
 * any run, unless the flood defence has drawn a secret seed; cursors and {@code forEach} walk a
 * map in the same order. Not thread-safe.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * The table of Int2IntHashMap (see Chunks) with keys in the slots and values beside them:
 *
 *     keys:   | header | k1 | k2 | ... | k7 | header | k1 | ...     long[], 8 per chunk
 *     values: |  null  | v1 | v2 | ... | v7 |  null  | v1 | ...     Object[], same indexes
 *
 * A hit reads the header, then the key and the value of the matching slot (the two loads are
 * independent of each other); a miss reads headers and keys only. Empty slots hold null values;
 * the header's index in values is never used (4 bytes per chunk, for one index for key and value).
 * Notation: i = slot index, base = 8 * chunk, p = hash product, k = a key.
 * }</pre>
 *
 * @param <V> the value type
 */
public final class Long2ObjectHashMap<V> {

  private static final String NAME = "Long2ObjectHashMap";

  private final float loadFactor;
  private final Growth growth;
  /** The storage: one table, or segments once the map has grown past one with bounded growth. */
  private final Directory d;

  /** The one table's fields, copied from {@code d.root()} for the fast paths; null in segments. */
  private long[] keys;
  private Object[] values;
  private long mul1;
  private long mul2;
  private int threshold;
  private int size;

  /** Incremented by every structural change; live cursors compare against it. */
  private int modCount;

  /** The boxed view, created on first use by {@link #asMap()}. */
  private Long2ObjectMapView<V> mapView;

  /** Creates a map for a few entries, with load factor 0.8. */
  public Long2ObjectHashMap() {
    this(Chunks.DEFAULT_EXPECTED_SIZE);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing, with load factor 0.8.
   *
   * @param expectedSize entries to hold without resizing
   * @throws IllegalArgumentException if {@code expectedSize} is negative or too large
   */
  public Long2ObjectHashMap(int expectedSize) {
    this(expectedSize, Chunks.DEFAULT_LOAD_FACTOR);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing.
   *
   * @param expectedSize entries to hold without resizing
   * @param loadFactor fraction of slots filled before the table grows, above 0 and at most 0.875
   * @throws IllegalArgumentException if an argument is out of range
   */
  public Long2ObjectHashMap(int expectedSize, float loadFactor) {
    this(expectedSize, loadFactor, Growth.BOUNDED);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing, and grows beyond them
   * as {@code growth} says.
   *
   * @param expectedSize entries to hold without resizing
   * @param loadFactor fraction of slots filled before the table grows, above 0 and at most 0.875
   * @param growth {@link Growth#BOUNDED} (the other constructors' choice) or {@link
   *     Growth#ONE_SHOT}
   * @throws IllegalArgumentException if an argument is out of range
   * @throws NullPointerException if {@code growth} is null
   */
  public Long2ObjectHashMap(int expectedSize, float loadFactor, Growth growth) {
    this(expectedSize, loadFactor, growth, Directory.SEGMENT_CHUNKS);
  }

  /** For tests: segments of {@code segmentChunks} chunks, so that small maps split often. */
  Long2ObjectHashMap(int expectedSize, float loadFactor, Growth growth, int segmentChunks) {
    this.loadFactor = Chunks.checkLoadFactor(loadFactor);
    this.growth = Objects.requireNonNull(growth, "growth");
    this.d = new Directory(false, growth == Growth.BOUNDED, loadFactor,
        NAME, Chunks.chunksFor(expectedSize, loadFactor), segmentChunks);
    sync();
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
   * How this map grows, chosen at construction.
   *
   * @return {@link Growth#BOUNDED} unless the map was built with {@link Growth#ONE_SHOT}
   */
  public Growth growth() {
    return growth;
  }

  /**
   * Number of slots in the table (seven per chunk); the map holds up to {@code capacity() *
   * loadFactor()} entries before it grows.
   *
   * @return the slot count
   */
  public int capacity() {
    return (int) d.capacity();
  }

  /**
   * Number of entries.
   *
   * @return the number of key-value mappings
   */
  public int size() {
    return size;
  }

  /**
   * Whether the map holds no entries.
   *
   * @return {@code true} if {@link #size()} is 0
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Whether {@code key} is mapped. O(1): at most two chunks read; allocates nothing.
   *
   * @param key any key
   * @return {@code true} if the map holds {@code key}
   */
  public boolean containsKey(long key) {
    return get(key) != null;
  }

  /**
   * Value of {@code key}. O(1): at most two chunks read; allocates nothing.
   *
   * @param key any key
   * @return the mapped value, or {@code null} if absent
   */
  @SuppressWarnings("unchecked")
  public V get(long key) {
    final long[] k = keys;
    if (k != null) {
      int i = Lookup.findLong(k, mul1, mul2, key);
      return i < 0 ? null : (V) values[i];
    }
    final Segment s = d.segmentOf(key);
    int i = Lookup.findLong(s.table, s.mul1, s.mul2, key);
    return i < 0 ? null : (V) s.values[i];
  }

  /**
   * Value of {@code key}, or {@code defaultValue} if absent. O(1); allocates nothing.
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
    final Directory dir = d;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      for (Object v : dir.dir[k].values) {
        if (v != null && value.equals(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Reads this map's health into {@code into}: size, capacity and fill, the chunk fill histogram,
   * the chunks a hit reads (the design's probe length), growths, splits and flood defences. See
   * {@link HashMapStats} for what each figure means. Allocates nothing; walks the chunk headers,
   * one load per 64 bytes of table (measured 0.5-0.7 ms at 1M entries, one table or 256 segments).
   *
   * @param into the record to fill, owned by the caller and reusable
   * @return {@code into}
   * @throws NullPointerException if {@code into} is null
   */
  public HashMapStats readStats(HashMapStats into) {
    Objects.requireNonNull(into, "into");
    return into.read(NAME, growth, loadFactor, size, d);
  }

  /* ---------------- Update ---------------- */

  /**
   * Maps {@code key} to {@code value}. Allocates only when the table grows, which a map presized
   * for its entries never does, or when the flood defence rebuilds it.
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
    if (keys == null) {
      return updateInSegment(key, value, false);
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
    if (keys == null) {
      return updateInSegment(key, value, true);
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
   * Removes the mapping of {@code key}. Moves no other entry; allocates nothing.
   *
   * @param key any key
   * @return the removed value, or {@code null} if {@code key} was absent
   */
  @SuppressWarnings("unchecked")
  public V remove(long key) {
    final long[] k = keys;
    final Segment s = k != null ? null : d.segmentOf(key);
    final int i = k != null ? Lookup.findLong(k, mul1, mul2, key)
        : Lookup.findLong(s.table, s.mul1, s.mul2, key);
    if (i < 0) {
      return null;
    }
    if (k != null) {
      V value = (V) values[i];
      Cuckoo.delete(k, false, mul1, i);
      values[i] = null;
      size--;
      modCount++;
      return value;
    }
    V value = (V) s.values[i];
    deleteSlot(s, i);
    return value;
  }

  /* ---------------- Bulk ---------------- */

  /** Removes every entry; keeps the capacity and the hash seed. O(capacity); allocates nothing. */
  public void clear() {
    d.clear();
    size = 0;
    modCount++;
  }

  /**
   * Lays the map out as one table of the smallest capacity that holds the current entries at the
   * load factor: a map grown in segments becomes one table again, with the fast paths of a
   * presized map. Allocates the new table; does nothing if the map is already one table that
   * small. O(size) in one call, whatever the growth mode: call it at a quiet moment.
   */
  public void compact() {
    int chunks = Chunks.chunksFor(size, loadFactor);
    if (keys == null || chunks < Chunks.chunks(keys)) {
      d.compact(chunks, size);
      modCount++;
      sync();
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
    final int sizeBefore = size;
    final Directory dir = d;
    int expectedModCount = modCount;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      final Segment s = dir.dir[k];
      final long[] keys = s.table;
      final Object[] values = s.values;
      for (int i = Chunks.nextSlot(keys, 0); i >= 0; i = Chunks.nextSlot(keys, i + 1)) {
        boolean remove = filter.test(keys[i], (V) values[i]);
        TableWalk.checkUnchanged(expectedModCount, modCount);
        if (remove) {
          deleteSlot(s, i); // moves nothing: the walk goes on from i + 1
          expectedModCount = modCount;
        }
      }
    }
    return size != sizeBefore;
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
    final Directory dir = d;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      final long[] keys = dir.dir[k].table;
      final Object[] values = dir.dir[k].values;
      for (int i = Chunks.nextSlot(keys, 0); i >= 0; i = Chunks.nextSlot(keys, i + 1)) {
        action.accept(keys[i], (V) values[i]);
        TableWalk.checkUnchanged(expectedModCount, modCount);
      }
    }
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
   * values. Capacity, load factor and seed play no part.
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
    if (!(o instanceof Long2ObjectHashMap<?> that) || that.size != size) {
      return false;
    }
    final Directory dir = d;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      final long[] keys = dir.dir[k].table;
      final Object[] values = dir.dir[k].values;
      for (int i = Chunks.nextSlot(keys, 0); i >= 0; i = Chunks.nextSlot(keys, i + 1)) {
        if (!values[i].equals(that.get(keys[i]))) {
          return false;
        }
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
    int h = 0;
    final Directory dir = d;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      final long[] keys = dir.dir[k].table;
      final Object[] values = dir.dir[k].values;
      for (int i = Chunks.nextSlot(keys, 0); i >= 0; i = Chunks.nextSlot(keys, i + 1)) {
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
    StringBuilder sb = new StringBuilder(size * 16 + 2).append('{');
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

  /** The first table's hash seed, for tests of the flood defence: public seeds are 0, 1 and 2. */
  long hashSeed() {
    return d.root().seed;
  }

  /** How often the flood defence rebuilt a table, for its tests. */
  int floodDefences() {
    return d.defences;
  }

  /** Segments of the map's storage, for tests of bounded growth: 1 while it is one table. */
  int segments() {
    return d.segments();
  }

  /**
   * Slot holding {@code key}, or, if absent, inserts {@code (key, value)} and returns -1: the map
   * is one table. As Int2IntHashMap's: the common new key is placed inline after reading one header.
   */
  private int findOrInsert(long key, Object value) {
    final long[] k = keys;
    final long h = Chunks.hash(key, mul1);
    final int base = Chunks.chunk(h, Chunks.chunks(k)) << SHIFT;
    final long header = k[base];
    final long tag = Chunks.tag(h);
    final long free = Chunks.free(header);
    if ((Chunks.matches(header, Chunks.pattern(tag)) | (header >>> 56)) == 0 && free != 0
        && size < threshold) {
      int i = Chunks.slot(base, free);
      k[i] = key;
      values[i] = value;
      k[base] = Chunks.withTag(header, i, tag);
      size++;
      modCount++;
      return -1;
    }
    return findOrInsertSlow(key, value, base, header, tag);
  }

  /**
   * {@link #findOrInsert} for a key with tag matches, a hint, or a full first chunk; out of line,
   * as Int2IntHashMap's, which says why.
   */
  private int findOrInsertSlow(long key, Object value, int base, long header, long tag) {
    final long pattern = Chunks.pattern(tag);
    for (long m = Chunks.matches(header, pattern); m != 0; m &= m - 1) {
      int i = Chunks.slot(base, m);
      if (keys[i] == key) {
        return i;
      }
    }
    if (Chunks.hasHint(header)) {
      int i = Lookup.findLongInSecond(keys, mul2, key, base >>> SHIFT, pattern);
      if (i >= 0) {
        return i;
      }
    }
    final Segment root = d.root();
    root.size = size;
    d.insert(root, key, key, value);
    size++;
    modCount++;
    sync();
    return -1;
  }

  /** {@code put} or {@code putIfAbsent} ({@code ifAbsent}) of a map in segments. */
  @SuppressWarnings("unchecked")
  private V updateInSegment(long key, V value, boolean ifAbsent) {
    final Segment s = d.segmentOf(key);
    final int i = Lookup.findLong(s.table, s.mul1, s.mul2, key);
    if (i >= 0) {
      final V old = (V) s.values[i];
      if (!ifAbsent) {
        s.values[i] = value;
      }
      return old;
    }
    d.insert(s, key, key, value);
    size++;
    modCount++;
    return null;
  }

  /** Empties slot {@code i} of segment {@code s} and drops its value; moves nothing. */
  private void deleteSlot(Segment s, int i) {
    Cuckoo.delete(s.table, false, s.mul1, i);
    s.values[i] = null;
    s.size--;
    size--;
    modCount++;
  }

  /** Copies the one table's fields for the fast paths, or clears them once the map is in segments. */
  private void sync() {
    if (d.depth == 0) {
      final Segment root = d.root();
      keys = root.table;
      values = root.values;
      mul1 = root.mul1;
      mul2 = root.mul2;
      threshold = root.threshold;
    } else {
      keys = null;
      values = null;
    }
  }

  /** The segment of the cursor's current entry, once {@code walk.current} has checked the walk. */
  private Segment segmentAt(TableWalk walk) {
    return d.dir[walk.segment()];
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
      walk.reset(modCount);
    }

    /**
     * Advances to the next entry.
     *
     * @return {@code true} if there is a current entry, {@code false} when the walk is over
     * @throws ConcurrentModificationException if the map changed structurally other than through
     *     this cursor since {@link #reset()}
     */
    public boolean next() {
      final long[] k = keys;
      return k != null ? walk.next(k, modCount) : walk.next(d, modCount);
    }

    /**
     * Whether {@link #next()} would find another entry; moves nothing. For the boxed view's
     * iterators.
     *
     * @throws ConcurrentModificationException as {@link #next()} does
     */
    boolean hasNext() {
      final long[] k = keys;
      return k != null ? walk.hasNext(k, modCount) : walk.hasNext(d, modCount);
    }

    /**
     * Key of the current entry.
     *
     * @return the key
     * @throws IllegalStateException if there is no current entry
     */
    public long key() {
      final int i = walk.current(modCount);
      return segmentAt(walk).table[i];
    }

    /**
     * Value of the current entry.
     *
     * @return the value, never null
     * @throws IllegalStateException if there is no current entry
     */
    @SuppressWarnings("unchecked")
    public V value() {
      final int i = walk.current(modCount);
      return (V) segmentAt(walk).values[i];
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
      final int i = walk.current(modCount);
      segmentAt(walk).values[i] = value;
    }

    /**
     * Removes the current entry; the walk continues with the next one.
     *
     * @throws IllegalStateException if there is no current entry
     */
    public void remove() {
      final int i = walk.current(modCount);
      deleteSlot(segmentAt(walk), i);
      walk.removed(modCount);
    }
  }
}
