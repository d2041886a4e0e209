package org.hotpath.concurrent;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * What the boxed {@link ConcurrentMap} views of the sharded maps share: a weakly consistent entry
 * set. Every call allocates (boxed keys and values, entries, iterators, and each iterator a copy of
 * the entries); the views are for interop off the hot path. Subclasses answer the single-key
 * operations from the map's own atomic methods.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * An iterator copies the entries when it is created, shard by shard, each shard at one instant
 * (the map's forEach), and walks the copy: weakly consistent as ConcurrentHashMap's iterators are
 * (it never throws ConcurrentModificationException, returns no entry twice, and reflects every
 * shard as it was at some moment since the iterator was created), but it does not see changes
 * made after it copied a shard. Iterator.remove() removes the key, as ConcurrentHashMap's does;
 * Entry.setValue() writes through with put.
 * }</pre>
 *
 * @param <K> the boxed key type
 * @param <V> the boxed value type
 */
abstract class ShardedMapView<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V> {

  private final Set<Map.Entry<K, V>> entrySet = new EntrySet();

  /** Appends every entry of the map to {@code into}, shard by shard. */
  abstract void copyEntries(List<Map.Entry<K, V>> into);

  /**
   * The entries, live; its iterators are weakly consistent, support {@code remove}, and their
   * entries {@code setValue}.
   */
  @Override
  public final Set<Map.Entry<K, V>> entrySet() {
    return entrySet;
  }

  /** An entry whose {@code setValue} writes through to the map. */
  final Map.Entry<K, V> entry(K key, V value) {
    return new WriteThroughEntry(key, value);
  }

  private final class EntrySet extends AbstractSet<Map.Entry<K, V>> {
    @Override
    public int size() {
      return ShardedMapView.this.size();
    }

    @Override
    public boolean isEmpty() {
      return ShardedMapView.this.isEmpty();
    }

    @Override
    public void clear() {
      ShardedMapView.this.clear();
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
      return o instanceof Map.Entry<?, ?> e
          && e.getKey() != null
          && e.getValue() != null
          && ShardedMapView.this.remove(e.getKey(), e.getValue());
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      List<Map.Entry<K, V>> copy = new ArrayList<>();
      copyEntries(copy);
      return new EntryIterator(copy);
    }
  }

  private final class EntryIterator implements Iterator<Map.Entry<K, V>> {
    private final List<Map.Entry<K, V>> entries;
    private int next;
    private K lastKey;

    EntryIterator(List<Map.Entry<K, V>> entries) {
      this.entries = entries;
    }

    @Override
    public boolean hasNext() {
      return next < entries.size();
    }

    @Override
    public Map.Entry<K, V> next() {
      if (next >= entries.size()) {
        throw new NoSuchElementException("no more entries");
      }
      Map.Entry<K, V> e = entries.get(next++);
      lastKey = e.getKey();
      return e;
    }

    @Override
    public void remove() {
      if (lastKey == null) {
        throw new IllegalStateException("remove() needs a preceding next(), once per entry");
      }
      ShardedMapView.this.remove(lastKey);
      lastKey = null;
    }
  }

  private final class WriteThroughEntry extends AbstractMap.SimpleEntry<K, V> {
    private static final long serialVersionUID = 1L;

    WriteThroughEntry(K key, V value) {
      super(key, value);
    }

    @Override
    public V setValue(V value) {
      put(getKey(), value); // rejects null with NullPointerException before anything changes
      return super.setValue(value);
    }
  }
}
