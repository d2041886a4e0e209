package org.hotpath.collections;

import static org.hotpath.internal.Chunks.SHIFT;

import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import org.hotpath.function.IntIntConsumer;
import org.hotpath.function.IntIntPredicate;
import org.hotpath.internal.Chunks;
import org.hotpath.internal.Cuckoo;
import org.hotpath.internal.Directory;
import org.hotpath.internal.Lookup;
import org.hotpath.internal.Segment;
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
 * <p>Every lookup reads at most two chunks of the table, whatever the keys: no key set, however
 * chosen, makes a lookup slower. A key set that crowds an insertion out of both of its chunks (by
 * bad luck, or chosen by someone who read this code) makes the map rebuild itself with another
 * hash seed; after two such rebuilds the seed comes from {@link java.security.SecureRandom}.
 *
 * <p>Iterate without garbage through {@link #forEach}, {@link #removeIf}, or a caller-owned
 * {@link Cursor} from {@link #newCursor()}. Iteration order is unspecified but deterministic: two
 * maps given the same constructor arguments and the same operations iterate in the same order, in
 * any run, and cursors and {@code forEach} walk a map in the same order; this holds unless the
 * flood defence has drawn a secret seed (then the order differs between runs). Not thread-safe.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * A bucketized two-choice cuckoo table: see Chunks for the layout, the hash and the flood
 * defence. Each of the seven slots of a chunk packs key and value into one long:
 *
 *     table[8c + 1 + j] = value << 32 | (key & 0xFFFFFFFF)      occupied iff tag j is set
 *
 * so a hit reads the chunk's header and one slot of the same chunk. The key 0 is an ordinary key:
 *   occupancy is in the tags, not in the slot.
 * get: match the tag in the first chunk; check its first candidate inline (the common hit), the
 *   rest of the first chunk and the second chunk out of line.
 * put of a new key: a first chunk whose hint is 0 holds every key that hashes to it, so the
 *   second chunk is read only when the hint says some key moved there.
 * Removal frees the slot's tag and moves nothing, so cursors and removeIf may remove the entry
 *   they stand on. Notation: i = slot index, base = 8 * chunk, e = a packed entry, p = hash product.
 * }</pre>
 */
public final class Int2IntHashMap {

  private static final String NAME = "Int2IntHashMap";

  private static final int PUT = 0;
  private static final int PUT_IF_ABSENT = 1;
  private static final int ADD = 2;

  private final float loadFactor;
  private final int missingValue;
  private final Growth growth;
  /** The storage: one table, or segments once the map has grown past one with bounded growth. */
  private final Directory d;

  /** The one table's fields, copied from {@code d.root()} for the fast paths; null in segments. */
  private long[] table;
  private long mul1;
  private long mul2;
  private int threshold;
  private int size;

  /** Incremented by every structural change; live cursors compare against it. */
  private int modCount;

  /** The boxed view, created on first use by {@link #asMap()}. */
  private Int2IntMapView mapView;

  /** Creates a map for a few entries, with load factor 0.8 and missing value 0. */
  public Int2IntHashMap() {
    this(Chunks.DEFAULT_EXPECTED_SIZE);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing, with load factor 0.8
   * and missing value 0.
   *
   * @param expectedSize entries to hold without resizing
   * @throws IllegalArgumentException if {@code expectedSize} is negative or too large
   */
  public Int2IntHashMap(int expectedSize) {
    this(expectedSize, Chunks.DEFAULT_LOAD_FACTOR);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing, with missing value 0.
   *
   * @param expectedSize entries to hold without resizing
   * @param loadFactor fraction of slots filled before the table grows, above 0 and at most 0.875
   * @throws IllegalArgumentException if an argument is out of range
   */
  public Int2IntHashMap(int expectedSize, float loadFactor) {
    this(expectedSize, loadFactor, 0);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing.
   *
   * @param expectedSize entries to hold without resizing
   * @param loadFactor fraction of slots filled before the table grows, above 0 and at most 0.875
   * @param missingValue returned by {@link #get} and friends for absent keys; still a legal value
   * @throws IllegalArgumentException if an argument is out of range
   */
  public Int2IntHashMap(int expectedSize, float loadFactor, int missingValue) {
    this(expectedSize, loadFactor, missingValue, Growth.BOUNDED);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without resizing, and grows beyond them
   * as {@code growth} says.
   *
   * @param expectedSize entries to hold without resizing
   * @param loadFactor fraction of slots filled before the table grows, above 0 and at most 0.875
   * @param missingValue returned by {@link #get} and friends for absent keys; still a legal value
   * @param growth {@link Growth#BOUNDED} (the other constructors' choice) or {@link
   *     Growth#ONE_SHOT}
   * @throws IllegalArgumentException if an argument is out of range
   * @throws NullPointerException if {@code growth} is null
   */
  public Int2IntHashMap(int expectedSize, float loadFactor, int missingValue, Growth growth) {
    this(expectedSize, loadFactor, missingValue, growth, Directory.SEGMENT_CHUNKS);
  }

  /** For tests: segments of {@code segmentChunks} chunks, so that small maps split often. */
  Int2IntHashMap(
      int expectedSize, float loadFactor, int missingValue, Growth growth, int segmentChunks) {
    this.loadFactor = Chunks.checkLoadFactor(loadFactor);
    this.missingValue = missingValue;
    this.growth = Objects.requireNonNull(growth, "growth");
    this.d = new Directory(true, growth == Growth.BOUNDED, loadFactor,
        NAME, Chunks.chunksFor(expectedSize, loadFactor), segmentChunks);
    sync();
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
  public boolean containsKey(int key) {
    final long[] t = table;
    if (t != null) {
      return Lookup.findInt(t, mul1, mul2, key) >= 0;
    }
    final Segment s = d.segmentOf(key);
    return Lookup.findInt(s.table, s.mul1, s.mul2, key) >= 0;
  }

  /**
   * Value of {@code key}. O(1): at most two chunks read; allocates nothing.
   *
   * @param key any key
   * @return the mapped value, or {@link #missingValue()} if absent
   */
  public int get(int key) {
    return getOrDefault(key, missingValue);
  }

  /**
   * Value of {@code key}, or {@code defaultValue} if absent. O(1): at most two chunks read;
   * allocates nothing.
   *
   * @param key any key
   * @param defaultValue returned when {@code key} is absent
   * @return the mapped value or {@code defaultValue}
   */
  public int getOrDefault(int key, int defaultValue) {
    final long[] t = table;
    if (t != null) {
      int i = Lookup.findInt(t, mul1, mul2, key);
      return i < 0 ? defaultValue : (int) (t[i] >>> 32);
    }
    final Segment s = d.segmentOf(key);
    final long[] st = s.table;
    int i = Lookup.findInt(st, s.mul1, s.mul2, key);
    return i < 0 ? defaultValue : (int) (st[i] >>> 32);
  }

  /**
   * Whether some key maps to {@code value}. O(capacity); allocates nothing.
   *
   * @param value any value
   * @return {@code true} if at least one entry has this value
   */
  public boolean containsValue(int value) {
    final Directory dir = d;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      final long[] t = dir.dir[k].table;
      for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
        if ((int) (t[i] >>> 32) == value) {
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
   * @param value any value
   * @return the previous value, or {@link #missingValue()} if {@code key} was absent
   * @throws IllegalStateException if the table is at its largest and full; the map is unchanged
   */
  public int put(int key, int value) {
    if (table == null) {
      return updateInSegment(key, value, PUT);
    }
    int i = findOrInsert(key, value);
    if (i < 0) {
      return missingValue;
    }
    long e = table[i];
    table[i] = pack(key, value);
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
    if (table == null) {
      return updateInSegment(key, value, PUT_IF_ABSENT);
    }
    int i = findOrInsert(key, value);
    return i < 0 ? missingValue : (int) (table[i] >>> 32);
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
    if (table == null) {
      return updateInSegment(key, delta, ADD);
    }
    int i = findOrInsert(key, delta);
    if (i < 0) {
      return delta;
    }
    int sum = (int) (table[i] >>> 32) + delta;
    table[i] = pack(key, sum);
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
    final Segment s = d.segmentOf(key);
    final int i = Lookup.findInt(s.table, s.mul1, s.mul2, key);
    if (i >= 0) {
      return (int) (s.table[i] >>> 32);
    }
    int expectedModCount = modCount;
    int value = mappingFunction.applyAsInt(key);
    TableWalk.checkUnchanged(expectedModCount, modCount);
    put(key, value);
    return value;
  }

  /**
   * Removes the mapping of {@code key}. Moves no other entry; allocates nothing.
   *
   * @param key any key
   * @return the removed value, or {@link #missingValue()} if {@code key} was absent
   */
  public int remove(int key) {
    final long[] t = table;
    final Segment s = t != null ? null : d.segmentOf(key);
    final int i = t != null ? Lookup.findInt(t, mul1, mul2, key)
        : Lookup.findInt(s.table, s.mul1, s.mul2, key);
    if (i < 0) {
      return missingValue;
    }
    if (t != null) {
      int value = (int) (t[i] >>> 32);
      Cuckoo.delete(t, true, mul1, i);
      size--;
      modCount++;
      return value;
    }
    int value = (int) (s.table[i] >>> 32);
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
    if (table == null || chunks < Chunks.chunks(table)) {
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
  public boolean removeIf(IntIntPredicate filter) {
    Objects.requireNonNull(filter, "filter");
    final int sizeBefore = size;
    final Directory dir = d;
    int expectedModCount = modCount;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      final Segment s = dir.dir[k];
      final long[] t = s.table;
      for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
        long e = t[i];
        boolean remove = filter.test((int) e, (int) (e >>> 32));
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
  public void forEach(IntIntConsumer action) {
    Objects.requireNonNull(action, "action");
    final int expectedModCount = modCount;
    final Directory dir = d;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      final long[] t = dir.dir[k].table;
      for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
        long e = t[i];
        action.accept((int) e, (int) (e >>> 32));
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
   * the missing value, capacity, load factor and seed play no part.
   *
   * @param o the object to compare with
   * @return {@code true} if {@code o} is an {@code Int2IntHashMap} with the same mappings
   */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Int2IntHashMap that) || that.size != size) {
      return false;
    }
    final Directory dir = d;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      final long[] t = dir.dir[k].table;
      for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
        final Segment s = that.d.segmentOf((int) t[i]);
        final int j = Lookup.findInt(s.table, s.mul1, s.mul2, (int) t[i]);
        if (j < 0 || s.table[j] != t[i]) {
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
    int h = 0;
    final Directory dir = d;
    for (int k = 0; k < dir.dir.length; k = dir.next(k)) {
      final long[] t = dir.dir[k].table;
      for (int i = Chunks.nextSlot(t, 0); i >= 0; i = Chunks.nextSlot(t, i + 1)) {
        h += (int) t[i] ^ (int) (t[i] >>> 32);
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
    StringBuilder sb = new StringBuilder(size * 12 + 2).append('{');
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

  private static long pack(int key, int value) {
    return ((long) value << 32) | (key & 0xFFFF_FFFFL);
  }

  /**
   * Slot holding {@code key}, or, if absent, inserts {@code (key, value)} and returns -1: the map
   * is one table. The common new key, whose first chunk has a free slot, no matching tag and a zero
   * hint (so the key cannot be in its second chunk), is placed after reading one header: one test,
   * inline.
   */
  private int findOrInsert(int key, int value) {
    final long[] t = table;
    final long h = Chunks.hash(key, mul1);
    final int base = Chunks.chunk(h, Chunks.chunks(t)) << SHIFT;
    final long header = t[base];
    final long tag = Chunks.tag(h);
    final long free = Chunks.free(header);
    if ((Chunks.matches(header, Chunks.pattern(tag)) | (header >>> 56)) == 0 && free != 0
        && size < threshold) {
      int i = Chunks.slot(base, free);
      t[i] = pack(key, value);
      t[base] = Chunks.withTag(header, i, tag);
      size++;
      modCount++;
      return -1;
    }
    return findOrInsertSlow(key, value, base, header, tag);
  }

  /**
   * {@link #findOrInsert} for a key with tag matches, a hint, or a full first chunk: the rest of
   * its first chunk, its second chunk, then insertion through the {@link Directory} (moving other
   * entries, growth, the flood defence). Out of line: inlined into {@link #findOrInsert}, it made
   * that too big to be inlined into the caller's loop, and puts measured 1.6-2.3x slower (refill of
   * 1K entries: 9.5 and 12 ns a put, against 5.9).
   */
  private int findOrInsertSlow(int key, int value, int base, long header, long tag) {
    final long pattern = Chunks.pattern(tag);
    for (long m = Chunks.matches(header, pattern); m != 0; m &= m - 1) {
      int i = Chunks.slot(base, m);
      if ((int) table[i] == key) {
        return i;
      }
    }
    if (Chunks.hasHint(header)) {
      int i = Lookup.findIntInSecond(table, mul2, key, base >>> SHIFT, pattern);
      if (i >= 0) {
        return i;
      }
    }
    final Segment root = d.root();
    root.size = size;
    d.insert(root, key & 0xFFFF_FFFFL, pack(key, value), null);
    size++;
    modCount++;
    sync();
    return -1;
  }

  /** {@code put}, {@code putIfAbsent} and {@code addAndGet} ({@code op}) of a map in segments. */
  private int updateInSegment(int key, int value, int op) {
    final Segment s = d.segmentOf(key);
    final long[] t = s.table;
    final int i = Lookup.findInt(t, s.mul1, s.mul2, key);
    if (i >= 0) {
      final int old = (int) (t[i] >>> 32);
      if (op == PUT_IF_ABSENT) {
        return old;
      }
      final int updated = op == ADD ? old + value : value;
      t[i] = pack(key, updated);
      return op == ADD ? updated : old;
    }
    d.insert(s, key & 0xFFFF_FFFFL, pack(key, value), null);
    size++;
    modCount++;
    return op == ADD ? value : missingValue;
  }

  /** Empties slot {@code i} of segment {@code s}; moves nothing. */
  private void deleteSlot(Segment s, int i) {
    Cuckoo.delete(s.table, true, s.mul1, i);
    s.size--;
    size--;
    modCount++;
  }

  /** Copies the one table's fields for the fast paths, or clears them once the map is in segments. */
  private void sync() {
    if (d.depth == 0) {
      final Segment root = d.root();
      table = root.table;
      mul1 = root.mul1;
      mul2 = root.mul2;
      threshold = root.threshold;
    } else {
      table = null;
    }
  }

  /** The table of the cursor's current entry, once {@code walk.current} has checked the walk. */
  private long[] tableAt(TableWalk walk) {
    final long[] t = table;
    return t != null ? t : d.dir[walk.segment()].table;
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
      final long[] t = table;
      return t != null ? walk.next(t, modCount) : walk.next(d, modCount);
    }

    /**
     * Whether {@link #next()} would find another entry; moves nothing. For the boxed view's
     * iterators.
     *
     * @throws ConcurrentModificationException as {@link #next()} does
     */
    boolean hasNext() {
      final long[] t = table;
      return t != null ? walk.hasNext(t, modCount) : walk.hasNext(d, modCount);
    }

    /**
     * Key of the current entry.
     *
     * @return the key
     * @throws IllegalStateException if there is no current entry
     */
    public int key() {
      final int i = walk.current(modCount);
      return (int) tableAt(walk)[i];
    }

    /**
     * Value of the current entry.
     *
     * @return the value
     * @throws IllegalStateException if there is no current entry
     */
    public int value() {
      final int i = walk.current(modCount);
      return (int) (tableAt(walk)[i] >>> 32);
    }

    /**
     * Replaces the value of the current entry; not a structural change.
     *
     * @param value the new value
     * @throws IllegalStateException if there is no current entry
     */
    public void setValue(int value) {
      final int i = walk.current(modCount);
      final long[] t = tableAt(walk);
      t[i] = pack((int) t[i], value);
    }

    /**
     * Removes the current entry; the walk continues with the next one.
     *
     * @throws IllegalStateException if there is no current entry
     */
    public void remove() {
      final int i = walk.current(modCount);
      deleteSlot(d.dir[walk.segment()], i);
      walk.removed(modCount);
    }
  }
}
