package org.hotpath.collections;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The boxed {@link NavigableMap} view of a {@link Long2ObjectSkipListMap}: of the whole map ({@link
 * Long2ObjectSkipListMap#asNavigableMap()}), of a key range of it ({@code subMap}, {@code headMap},
 * {@code tailMap}), in ascending or descending order. Every call allocates (boxed keys, entries,
 * cursors); the contract is documented on {@link Long2ObjectSkipListMap#asNavigableMap()}.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * One class for every range and order: a view is (lo, loInclusive, hi, hiInclusive, descending)
 * over the map, the bounds in ascending key order. An unbounded end is Long.MIN_VALUE or
 * Long.MAX_VALUE, inclusive: for long keys that is the same set of keys, and the same answers to
 * the range checks of nested sub-maps. A descending view swaps first/last, floor/ceiling and
 * lower/higher and walks with previous() instead of next().
 *
 * Searches go through the map's Cursor (seekCeiling/seekHigher, then next or previous), so the
 * view has no skip-list search of its own; iterators are cursors with a range check, and fail
 * fast as cursors do.
 * }</pre>
 *
 * @param <V> the value type
 */
final class SkipListNavigableMapView<V> extends AbstractMap<Long, V>
    implements NavigableMap<Long, V> {

  private final Long2ObjectSkipListMap<V> map;
  /** Low end of the range in ascending key order; Long.MIN_VALUE inclusive when unbounded. */
  private final long lo;

  private final boolean loInclusive;
  /** High end of the range in ascending key order; Long.MAX_VALUE inclusive when unbounded. */
  private final long hi;

  private final boolean hiInclusive;
  /** Whether this view orders keys from the largest to the smallest. */
  private final boolean descending;
  /** Whether the range holds every long, so the map's own size, clear etc. answer. */
  private final boolean whole;

  private KeySet keySet;
  private EntrySet entrySet;
  private Values values;
  private SkipListNavigableMapView<V> descendingMap;

  /** The view of the whole map, in ascending order. */
  SkipListNavigableMapView(Long2ObjectSkipListMap<V> map) {
    this(map, Long.MIN_VALUE, true, Long.MAX_VALUE, true, false);
  }

  private SkipListNavigableMapView(
      Long2ObjectSkipListMap<V> map,
      long lo,
      boolean loInclusive,
      long hi,
      boolean hiInclusive,
      boolean descending) {
    this.map = map;
    this.lo = lo;
    this.loInclusive = loInclusive;
    this.hi = hi;
    this.hiInclusive = hiInclusive;
    this.descending = descending;
    this.whole = lo == Long.MIN_VALUE && loInclusive && hi == Long.MAX_VALUE && hiInclusive;
  }

  /* ---------------- Query ---------------- */

  @Override
  public int size() {
    if (whole) {
      return map.size();
    }
    Long2ObjectSkipListMap<V>.Cursor c = absLowest();
    if (c == null) {
      return 0;
    }
    int n = 1;
    while (c.next() && !tooHigh(c.key())) {
      n++;
    }
    return n;
  }

  @Override
  public boolean isEmpty() {
    return whole ? map.isEmpty() : absLowest() == null;
  }

  @Override
  public boolean containsKey(Object key) {
    long k = unbox(key);
    return inRange(k) && map.containsKey(k);
  }

  @Override
  public boolean containsValue(Object value) {
    return whole ? map.containsValue(value) : super.containsValue(value);
  }

  @Override
  public V get(Object key) {
    long k = unbox(key);
    return inRange(k) ? map.get(k) : null;
  }

  /* ---------------- Update ---------------- */

  @Override
  public V put(Long key, V value) {
    long k = checkedKey(key);
    Objects.requireNonNull(value, "value");
    return map.put(k, value);
  }

  @Override
  public V putIfAbsent(Long key, V value) {
    long k = checkedKey(key);
    Objects.requireNonNull(value, "value");
    return map.putIfAbsent(k, value);
  }

  /**
   * Checks every mapping before storing any, so that a null or out-of-range one leaves the map
   * unchanged.
   */
  @Override
  public void putAll(Map<? extends Long, ? extends V> m) {
    for (Map.Entry<? extends Long, ? extends V> e : m.entrySet()) {
      checkedKey(e.getKey());
      Objects.requireNonNull(e.getValue(), "value");
    }
    for (Map.Entry<? extends Long, ? extends V> e : m.entrySet()) {
      map.put(e.getKey(), e.getValue());
    }
  }

  @Override
  public V remove(Object key) {
    long k = unbox(key);
    return inRange(k) ? map.remove(k) : null;
  }

  @Override
  public void clear() {
    if (whole) {
      map.clear();
    } else {
      map.removeRange(lo, loInclusive, hi, hiInclusive);
    }
  }

  /* ---------------- Navigation ---------------- */

  @Override
  public Comparator<? super Long> comparator() {
    return descending ? Collections.reverseOrder() : null;
  }

  @Override
  public Long firstKey() {
    return keyOf(first());
  }

  @Override
  public Long lastKey() {
    return keyOf(last());
  }

  @Override
  public Map.Entry<Long, V> firstEntry() {
    return snapshot(first());
  }

  @Override
  public Map.Entry<Long, V> lastEntry() {
    return snapshot(last());
  }

  @Override
  public Map.Entry<Long, V> pollFirstEntry() {
    return poll(first());
  }

  @Override
  public Map.Entry<Long, V> pollLastEntry() {
    return poll(last());
  }

  @Override
  public Map.Entry<Long, V> lowerEntry(Long key) {
    return snapshot(lower(unbox(key)));
  }

  @Override
  public Long lowerKey(Long key) {
    return keyOrNull(lower(unbox(key)));
  }

  @Override
  public Map.Entry<Long, V> floorEntry(Long key) {
    return snapshot(floor(unbox(key)));
  }

  @Override
  public Long floorKey(Long key) {
    return keyOrNull(floor(unbox(key)));
  }

  @Override
  public Map.Entry<Long, V> ceilingEntry(Long key) {
    return snapshot(ceiling(unbox(key)));
  }

  @Override
  public Long ceilingKey(Long key) {
    return keyOrNull(ceiling(unbox(key)));
  }

  @Override
  public Map.Entry<Long, V> higherEntry(Long key) {
    return snapshot(higher(unbox(key)));
  }

  @Override
  public Long higherKey(Long key) {
    return keyOrNull(higher(unbox(key)));
  }

  /* ---------------- Views ---------------- */

  @Override
  public Set<Long> keySet() {
    return navigableKeySet();
  }

  @Override
  public NavigableSet<Long> navigableKeySet() {
    KeySet ks = keySet;
    if (ks == null) {
      ks = new KeySet();
      keySet = ks;
    }
    return ks;
  }

  @Override
  public NavigableSet<Long> descendingKeySet() {
    return descendingMap().navigableKeySet();
  }

  @Override
  public Collection<V> values() {
    Values vs = values;
    if (vs == null) {
      vs = new Values();
      values = vs;
    }
    return vs;
  }

  @Override
  public Set<Map.Entry<Long, V>> entrySet() {
    EntrySet es = entrySet;
    if (es == null) {
      es = new EntrySet();
      entrySet = es;
    }
    return es;
  }

  /** The same range in the opposite order; its own {@code descendingMap()} is this view. */
  @Override
  public NavigableMap<Long, V> descendingMap() {
    SkipListNavigableMapView<V> d = descendingMap;
    if (d == null) {
      d = new SkipListNavigableMapView<>(map, lo, loInclusive, hi, hiInclusive, !descending);
      d.descendingMap = this;
      descendingMap = d;
    }
    return d;
  }

  @Override
  public NavigableMap<Long, V> subMap(
      Long fromKey, boolean fromInclusive, Long toKey, boolean toInclusive) {
    long from = Objects.requireNonNull(fromKey, "fromKey");
    long to = Objects.requireNonNull(toKey, "toKey");
    if (descending ? from < to : from > to) {
      throw new IllegalArgumentException(
          descending
              ? "fromKey " + from + " is below toKey " + to + " in a descending view"
              : "fromKey " + from + " is above toKey " + to);
    }
    checkBound("fromKey", from, fromInclusive);
    checkBound("toKey", to, toInclusive);
    return descending
        ? new SkipListNavigableMapView<>(map, to, toInclusive, from, fromInclusive, true)
        : new SkipListNavigableMapView<>(map, from, fromInclusive, to, toInclusive, false);
  }

  @Override
  public NavigableMap<Long, V> headMap(Long toKey, boolean inclusive) {
    long to = Objects.requireNonNull(toKey, "toKey");
    checkBound("toKey", to, inclusive);
    return descending
        ? new SkipListNavigableMapView<>(map, to, inclusive, hi, hiInclusive, true)
        : new SkipListNavigableMapView<>(map, lo, loInclusive, to, inclusive, false);
  }

  @Override
  public NavigableMap<Long, V> tailMap(Long fromKey, boolean inclusive) {
    long from = Objects.requireNonNull(fromKey, "fromKey");
    checkBound("fromKey", from, inclusive);
    return descending
        ? new SkipListNavigableMapView<>(map, lo, loInclusive, from, inclusive, true)
        : new SkipListNavigableMapView<>(map, from, inclusive, hi, hiInclusive, false);
  }

  @Override
  public NavigableMap<Long, V> subMap(Long fromKey, Long toKey) {
    return subMap(fromKey, true, toKey, false);
  }

  @Override
  public NavigableMap<Long, V> headMap(Long toKey) {
    return headMap(toKey, false);
  }

  @Override
  public NavigableMap<Long, V> tailMap(Long fromKey) {
    return tailMap(fromKey, true);
  }

  /* ---------------- Range ---------------- */

  private boolean tooLow(long key) {
    return key < lo || (key == lo && !loInclusive);
  }

  private boolean tooHigh(long key) {
    return key > hi || (key == hi && !hiInclusive);
  }

  private boolean inRange(long key) {
    return !tooLow(key) && !tooHigh(key);
  }

  /** Whether {@code key} may bound a sub-map: in range, or equal to an excluded bound if so is it. */
  private boolean inRange(long key, boolean inclusive) {
    return inclusive ? inRange(key) : lo <= key && key <= hi;
  }

  private void checkBound(String name, long key, boolean inclusive) {
    if (!inRange(key, inclusive)) {
      throw new IllegalArgumentException(
          name + " " + key + " is outside this view's key range " + rangeText());
    }
  }

  /** The key of an update, which must be non-null and in range. */
  private long checkedKey(Long key) {
    long k = Objects.requireNonNull(key, "key");
    if (!inRange(k)) {
      throw new IllegalArgumentException(
          "key " + k + " is outside this view's key range " + rangeText());
    }
    return k;
  }

  private String rangeText() {
    return (loInclusive ? "[" : "(") + lo + ", " + hi + (hiInclusive ? "]" : ")");
  }

  /* ---------------- Search ---------------- */

  // Each returns a cursor whose current entry is the one sought, or null if the range has none.

  private Long2ObjectSkipListMap<V>.Cursor first() {
    return descending ? absHighest() : absLowest();
  }

  private Long2ObjectSkipListMap<V>.Cursor last() {
    return descending ? absLowest() : absHighest();
  }

  private Long2ObjectSkipListMap<V>.Cursor lower(long key) {
    return descending ? absHigher(key) : absLower(key);
  }

  private Long2ObjectSkipListMap<V>.Cursor floor(long key) {
    return descending ? absCeiling(key) : absFloor(key);
  }

  private Long2ObjectSkipListMap<V>.Cursor ceiling(long key) {
    return descending ? absFloor(key) : absCeiling(key);
  }

  private Long2ObjectSkipListMap<V>.Cursor higher(long key) {
    return descending ? absLower(key) : absHigher(key);
  }

  /** Positions a new cursor before the range's first entry. */
  private Long2ObjectSkipListMap<V>.Cursor beforeRange() {
    Long2ObjectSkipListMap<V>.Cursor c = map.newCursor();
    if (loInclusive) {
      c.seekCeiling(lo);
    } else {
      c.seekHigher(lo);
    }
    return c;
  }

  /** Positions a new cursor after the range's last entry. */
  private Long2ObjectSkipListMap<V>.Cursor afterRange() {
    Long2ObjectSkipListMap<V>.Cursor c = map.newCursor();
    if (hiInclusive) {
      c.seekHigher(hi);
    } else {
      c.seekCeiling(hi);
    }
    return c;
  }

  private Long2ObjectSkipListMap<V>.Cursor absLowest() {
    return upTo(beforeRange());
  }

  private Long2ObjectSkipListMap<V>.Cursor absHighest() {
    return downTo(afterRange());
  }

  private Long2ObjectSkipListMap<V>.Cursor absCeiling(long key) {
    if (tooLow(key)) {
      return absLowest();
    }
    Long2ObjectSkipListMap<V>.Cursor c = map.newCursor();
    c.seekCeiling(key);
    return upTo(c);
  }

  private Long2ObjectSkipListMap<V>.Cursor absHigher(long key) {
    if (tooLow(key)) {
      return absLowest();
    }
    Long2ObjectSkipListMap<V>.Cursor c = map.newCursor();
    c.seekHigher(key);
    return upTo(c);
  }

  private Long2ObjectSkipListMap<V>.Cursor absFloor(long key) {
    if (tooHigh(key)) {
      return absHighest();
    }
    Long2ObjectSkipListMap<V>.Cursor c = map.newCursor();
    c.seekHigher(key);
    return downTo(c);
  }

  private Long2ObjectSkipListMap<V>.Cursor absLower(long key) {
    if (tooHigh(key)) {
      return absHighest();
    }
    Long2ObjectSkipListMap<V>.Cursor c = map.newCursor();
    c.seekCeiling(key);
    return downTo(c);
  }

  /** Moves {@code c} to the entry after its gap: {@code c} if that entry is below the high end. */
  private Long2ObjectSkipListMap<V>.Cursor upTo(Long2ObjectSkipListMap<V>.Cursor c) {
    return c.next() && !tooHigh(c.key()) ? c : null;
  }

  /** Moves {@code c} to the entry before its gap: {@code c} if that entry is above the low end. */
  private Long2ObjectSkipListMap<V>.Cursor downTo(Long2ObjectSkipListMap<V>.Cursor c) {
    return c.previous() && !tooLow(c.key()) ? c : null;
  }

  /* ---------------- Helpers ---------------- */

  /** A query key: a non-null {@code Long}. */
  private static long unbox(Object key) {
    if (key instanceof Long k) {
      return k;
    }
    if (key == null) {
      throw new NullPointerException("key");
    }
    throw new ClassCastException("key must be a Long, but was a " + key.getClass().getName());
  }

  private Long keyOf(Long2ObjectSkipListMap<V>.Cursor c) {
    if (c == null) {
      throw new NoSuchElementException(whole ? "the map is empty" : "the view is empty");
    }
    return c.key();
  }

  private static Long keyOrNull(Long2ObjectSkipListMap<?>.Cursor c) {
    return c == null ? null : c.key();
  }

  private static <V> Map.Entry<Long, V> snapshot(Long2ObjectSkipListMap<V>.Cursor c) {
    return c == null ? null : new AbstractMap.SimpleImmutableEntry<>(c.key(), c.value());
  }

  private static <V> Map.Entry<Long, V> poll(Long2ObjectSkipListMap<V>.Cursor c) {
    Map.Entry<Long, V> entry = snapshot(c);
    if (c != null) {
      c.remove();
    }
    return entry;
  }

  /* ---------------- Collections ---------------- */

  /** The keys, as a navigable set in this view's order. */
  private final class KeySet extends AbstractSet<Long> implements NavigableSet<Long> {
    @Override
    public Iterator<Long> iterator() {
      return new Walk<>(descending, c -> c.key());
    }

    @Override
    public Iterator<Long> descendingIterator() {
      return new Walk<>(!descending, c -> c.key());
    }

    @Override
    public int size() {
      return SkipListNavigableMapView.this.size();
    }

    @Override
    public boolean isEmpty() {
      return SkipListNavigableMapView.this.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
      return containsKey(o);
    }

    @Override
    public boolean remove(Object o) {
      return SkipListNavigableMapView.this.remove(o) != null;
    }

    @Override
    public void clear() {
      SkipListNavigableMapView.this.clear();
    }

    @Override
    public Comparator<? super Long> comparator() {
      return SkipListNavigableMapView.this.comparator();
    }

    @Override
    public Long first() {
      return firstKey();
    }

    @Override
    public Long last() {
      return lastKey();
    }

    @Override
    public Long lower(Long e) {
      return lowerKey(e);
    }

    @Override
    public Long floor(Long e) {
      return floorKey(e);
    }

    @Override
    public Long ceiling(Long e) {
      return ceilingKey(e);
    }

    @Override
    public Long higher(Long e) {
      return higherKey(e);
    }

    @Override
    public Long pollFirst() {
      Map.Entry<Long, V> e = pollFirstEntry();
      return e == null ? null : e.getKey();
    }

    @Override
    public Long pollLast() {
      Map.Entry<Long, V> e = pollLastEntry();
      return e == null ? null : e.getKey();
    }

    @Override
    public NavigableSet<Long> descendingSet() {
      return descendingMap().navigableKeySet();
    }

    @Override
    public NavigableSet<Long> subSet(
        Long fromElement, boolean fromInclusive, Long toElement, boolean toInclusive) {
      return subMap(fromElement, fromInclusive, toElement, toInclusive).navigableKeySet();
    }

    @Override
    public NavigableSet<Long> headSet(Long toElement, boolean inclusive) {
      return headMap(toElement, inclusive).navigableKeySet();
    }

    @Override
    public NavigableSet<Long> tailSet(Long fromElement, boolean inclusive) {
      return tailMap(fromElement, inclusive).navigableKeySet();
    }

    @Override
    public NavigableSet<Long> subSet(Long fromElement, Long toElement) {
      return subSet(fromElement, true, toElement, false);
    }

    @Override
    public NavigableSet<Long> headSet(Long toElement) {
      return headSet(toElement, false);
    }

    @Override
    public NavigableSet<Long> tailSet(Long fromElement) {
      return tailSet(fromElement, true);
    }
  }

  /** The values, in this view's key order. */
  private final class Values extends AbstractCollection<V> {
    @Override
    public Iterator<V> iterator() {
      return new Walk<>(descending, c -> c.value());
    }

    @Override
    public int size() {
      return SkipListNavigableMapView.this.size();
    }

    @Override
    public boolean isEmpty() {
      return SkipListNavigableMapView.this.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
      return containsValue(o);
    }

    @Override
    public void clear() {
      SkipListNavigableMapView.this.clear();
    }
  }

  /** The entries, in this view's key order; their {@code setValue} writes through. */
  private final class EntrySet extends AbstractSet<Map.Entry<Long, V>> {
    @Override
    public Iterator<Map.Entry<Long, V>> iterator() {
      return new Walk<>(descending, c -> new LiveEntry(c.key(), c.value()));
    }

    @Override
    public int size() {
      return SkipListNavigableMapView.this.size();
    }

    @Override
    public boolean isEmpty() {
      return SkipListNavigableMapView.this.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof Map.Entry<?, ?> e) || !(e.getKey() instanceof Long key)) {
        return false;
      }
      V value = get(key);
      return value != null && value.equals(e.getValue());
    }

    @Override
    public boolean remove(Object o) {
      if (!contains(o)) {
        return false;
      }
      map.remove((Long) ((Map.Entry<?, ?>) o).getKey());
      return true;
    }

    @Override
    public void clear() {
      SkipListNavigableMapView.this.clear();
    }
  }

  /**
   * An iterator over the range: a cursor whose every step is checked against the far end. Fails
   * fast, and removes, as the cursor does.
   */
  private final class Walk<T> implements Iterator<T> {
    private final Long2ObjectSkipListMap<V>.Cursor cursor;
    /** Whether the walk goes from the largest key down. */
    private final boolean down;

    private final Function<Long2ObjectSkipListMap<V>.Cursor, T> element;

    Walk(boolean down, Function<Long2ObjectSkipListMap<V>.Cursor, T> element) {
      this.cursor = down ? afterRange() : beforeRange();
      this.down = down;
      this.element = element;
    }

    @Override
    public boolean hasNext() {
      return down
          ? cursor.hasPrevious() && !tooLow(cursor.previousKey())
          : cursor.hasNext() && !tooHigh(cursor.nextKey());
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more entries in the range " + rangeText());
      }
      if (down) {
        cursor.previous();
      } else {
        cursor.next();
      }
      return element.apply(cursor);
    }

    @Override
    public void remove() {
      cursor.remove();
    }
  }

  /** An entry met by iteration: a snapshot whose {@code setValue} writes to the map. */
  private final class LiveEntry implements Map.Entry<Long, V> {
    private final long key;
    private V value;

    LiveEntry(long key, V value) {
      this.key = key;
      this.value = value;
    }

    @Override
    public Long getKey() {
      return key;
    }

    @Override
    public V getValue() {
      return value;
    }

    /**
     * Replaces the value in the map; not a structural change.
     *
     * @throws NullPointerException if {@code value} is null; the map is unchanged
     * @throws IllegalStateException if the key is no longer mapped
     */
    @Override
    public V setValue(V value) {
      Objects.requireNonNull(value, "value");
      V old = map.get(key);
      if (old == null) {
        throw new IllegalStateException(
            "key " + key + " is no longer mapped: its entry was removed from the map");
      }
      map.put(key, value);
      this.value = value;
      return old;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Map.Entry<?, ?> e
          && e.getKey() instanceof Long k
          && k == key
          && value.equals(e.getValue());
    }

    @Override
    public int hashCode() {
      return Long.hashCode(key) ^ value.hashCode();
    }

    @Override
    public String toString() {
      return key + "=" + value;
    }
  }
}
