package org.hotpath.collections;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * What the boxed {@link Map} views of the two hash maps share: an entry set whose iterators are
 * the map's own cursors, boxed. Every call allocates (boxed keys and values, entries, iterators);
 * the views are for interop off the hot path. Subclasses answer the single-key operations straight
 * from the primitive map, one probe each.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * An iterator wraps one cursor. hasNext() looks ahead without moving it (Cursor.hasNext), so
 * Iterator.remove() can still remove the entry the cursor stands on, through the cursor: no entry
 * is skipped or seen twice, and any other structural change makes the iterator throw
 * ConcurrentModificationException, as the cursor does. Entry.setValue writes through with put,
 * which replaces the value of a mapped key without a structural change; after the key was
 * removed it throws IllegalStateException rather than map it again.
 * }</pre>
 *
 * @param <K> the boxed key type
 * @param <V> the boxed value type
 */
abstract class HashMapView<K, V> extends AbstractMap<K, V> {

  private Set<Map.Entry<K, V>> entrySet;

  /** A boxing cursor over the map, positioned before the first entry. */
  abstract BoxedCursor<K, V> newBoxedCursor();

  /**
   * The entries, live; its iterators fail fast and support {@code remove}, its entries {@code
   * setValue}. Allocates on first call only.
   */
  @Override
  public final Set<Map.Entry<K, V>> entrySet() {
    Set<Map.Entry<K, V>> set = entrySet;
    if (set == null) {
      set = new EntrySet();
      entrySet = set;
    }
    return set;
  }

  /** One of the map's cursors, boxing what it reads. */
  interface BoxedCursor<K, V> {
    boolean hasNext();

    boolean next();

    K key();

    V value();

    void remove();
  }

  private final class EntrySet extends AbstractSet<Map.Entry<K, V>> {
    @Override
    public int size() {
      return HashMapView.this.size();
    }

    @Override
    public void clear() {
      HashMapView.this.clear();
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof Map.Entry<?, ?> e)) {
        return false;
      }
      V value = get(e.getKey());
      return value != null && value.equals(e.getValue());
    }

    @Override
    public boolean remove(Object o) {
      if (!contains(o)) {
        return false;
      }
      HashMapView.this.remove(((Map.Entry<?, ?>) o).getKey());
      return true;
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      return new EntryIterator(newBoxedCursor());
    }
  }

  private final class EntryIterator implements Iterator<Map.Entry<K, V>> {
    private final BoxedCursor<K, V> cursor;
    private boolean canRemove;

    EntryIterator(BoxedCursor<K, V> cursor) {
      this.cursor = cursor;
    }

    @Override
    public boolean hasNext() {
      return cursor.hasNext();
    }

    @Override
    public Map.Entry<K, V> next() {
      // Look before moving: a failed next() must leave the cursor on the last returned entry,
      // which java.util iterators still let remove() remove.
      if (!cursor.hasNext()) {
        throw new NoSuchElementException("no more entries");
      }
      cursor.next();
      canRemove = true;
      return new WriteThroughEntry(cursor.key(), cursor.value());
    }

    @Override
    public void remove() {
      if (!canRemove) {
        throw new IllegalStateException("remove() needs a preceding next(), once per entry");
      }
      canRemove = false;
      cursor.remove();
    }
  }

  private final class WriteThroughEntry extends AbstractMap.SimpleEntry<K, V> {
    private static final long serialVersionUID = 1L;

    WriteThroughEntry(K key, V value) {
      super(key, value);
    }

    @Override
    public V setValue(V value) {
      if (!containsKey(getKey())) {
        throw new IllegalStateException("entry no longer mapped: key " + getKey());
      }
      put(getKey(), value); // rejects null with NullPointerException before anything changes
      return super.setValue(value);
    }
  }
}
