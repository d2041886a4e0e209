package org.hotpath.collections;

import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.LongFunction;
import org.hotpath.function.LongObjConsumer;
import org.hotpath.function.LongObjPredicate;
import org.hotpath.internal.SplitMix64;
import org.hotpath.internal.TableWalk;

/**
 * A map from {@code long} keys to non-null object values, sorted by key, that allocates nothing
 * once sized: the replacement for {@code TreeMap<Long, V>} on a hot path.
 *
 * <p>A skip list (Pugh, "Skip lists: a probabilistic alternative to balanced trees", CACM 1990)
 * whose nodes are indexes into flat arrays instead of objects. Removed nodes go on a free list and
 * are reused, so once the arrays have grown to the working size, {@code put} and {@code remove}
 * allocate nothing; a map built with {@code expectedSize = n} never grows while it holds at most
 * {@code n} entries. Lookups, inserts and removals take expected O(log n) steps; the first entry,
 * the last entry, removing the first, and a cursor step in either direction take O(1).
 *
 * <p>Every {@code long} is a legal key. Values are never null: the value-returning methods return
 * {@code null} exactly when there is no such entry, and {@code put(key, null)} throws. Iterate in
 * ascending key order without garbage through {@link #forEach}, {@link #forEachInRange}, {@link
 * #removeIf}, or a caller-owned, bidirectional {@link Cursor} from {@link #newCursor()}. Not
 * thread-safe.
 *
 * <p>Large maps are fastest when entries adjacent in key order sit adjacent in memory. Growth and
 * {@link #compact()} lay the map out that way; random inserts into a presized map scatter it, and
 * {@link #defragment()} restores the order in place, without allocating.
 *
 * <pre>{@code
 * Implementation notes.
 *
 * Node x (1 <= x <= capacity) is column x of parallel arrays; node 0 is the head, which holds no
 * entry and has every level. 0 also serves as "no node" (NIL): no link ever points at the head.
 *
 *   node:         0(head)  1     2     3     4     5     6     7    ...
 *   keys:       [   -  ][ 40 ][ 10 ][ 70 ][ 20 ][  - ][ 30 ][ 60 ]   long[]
 *   values:     [   -  ][ v  ][ v  ][ v  ][ v  ][null][ v  ][ v  ]   Object[]
 *   links[0]:   [   2  ][  7 ][  4 ][  0 ][  6 ][  0 ][  1 ][  3 ]   int[]  next on level 0
 *   prev:       [   3  ][  6 ][  0 ][  7 ][  2 ][  - ][  4 ][  1 ]   int[]  previous on level 0
 *   links[1]:   [   2  ][  0 ][  1 ]                                 int[]  next on level 1
 *   links[2]:   [   0  ]                                             int[]  ...
 *
 *   Level 0 is a circular doubly linked list through the head, in key order:
 *     head -> 2(10) -> 4(20) -> 6(30) -> 1(40) -> 7(60) -> 3(70) -> head    (prev[head] = last)
 *   Level 1 holds nodes 1 and 2: head -> 2(10) -> 1(40) -> NIL. Level 2 holds only the head.
 *   Node 5 is free: free nodes are chained through links[0] from freeHead.
 *
 * Heights belong to nodes, not entries: node ids are ordered by height, tallest first, so the
 * nodes that have level k are exactly ids 0 .. links[k].length-1 and links[k] is a dense array of
 * just those. Nothing per node records its height or where its upper links are. About 1/4 of the
 * nodes have level 1 and 1/16 level 2 (p = 1/4, as in Redis's zskiplist): 1/3 of an upper link
 * per node, 4/3 bytes. Per node: key 8 + value 4 (compressed oops) + next 4 + prev 4 + 4/3 = 21.3
 * bytes, against 40-64 for a TreeMap entry and its boxed key. Tall nodes have the lowest ids, so
 * the keys that upper levels compare are packed at the front of keys[], which stays in cache.
 *
 * A step reads next[x] and keys[next] on the same level; both depend only on the node, so the
 * CPU issues them together: one dependent miss per step. (Upper links that carried the key of
 * their target made fewer reads but a larger upper structure, and measured slower.)
 *
 * Heights are random, drawn when nodes are laid out (construction, growth, compact()), and the
 * free list is built in a random order of heights, so the height of the node an insert receives
 * is independent of its key and of the insertion order. A removed node keeps its height and is
 * reused next (LIFO). Within a height, nodes laid out together are handed out in ascending id
 * order, so keys inserted in order, or re-laid by compact(), sit in memory in order.
 *
 * A search goes top-down and remembers the node that ended the level above ("stop"): the level
 * below reaches it again and need not compare its key a second time.
 *
 * Invariants: every level's list is sorted and is a sub-list of the level below; prev mirrors
 * links[0]; top is the highest level whose list is non-empty (0 if none); the free list holds
 * exactly the capacity - size nodes not in level 0, and their values are null.
 *
 * Notation: x = node a search stands on, n = next node, nk = its key, k = level, h = height
 * (levels 0..h-1).
 * }</pre>
 *
 * @param <V> the value type
 */
public final class Long2ObjectSkipListMap<V> {

  /**
   * Levels 0..19. With p = 1/4, 15 levels already span the largest capacity (4^15 = 2^30); a node
   * reaches the cap with probability 4^-19, so even a full map of 2^30 nodes has one there with
   * probability 1/256, and the cap never biases the shape.
   */
  static final int MAX_HEIGHT = 20;

  /** Largest number of entries: the node arrays then hold 2^30 + 1 columns. */
  public static final int MAX_CAPACITY = 1 << 30;

  private static final int DEFAULT_EXPECTED_SIZE = 8;

  /** The head node, and the "no node" link value. */
  private static final int HEAD = 0;

  private static final int NIL = 0;

  /**
   * Node ids {@link #readStats} samples for {@link SkipListStats#outOfKeyOrder()}: enough for a
   * figure within about 2%, whatever the size.
   */
  private static final int ORDER_SAMPLES = 2048;

  /** Key-order neighbours closer than this many node ids share a cache line of keys. */
  private static final int NEAR_NODES = 8;

  private final SplitMix64 random;

  /** Predecessors of the key being inserted or removed, one per level. */
  private final int[] preds = new int[MAX_HEIGHT];

  /** Layout scratch: per height, the next node id to hand out. */
  private final int[] nextIdOfHeight = new int[MAX_HEIGHT + 1];

  private long[] keys;
  private Object[] values;
  /** links[k][x]: the node after x on level k; links[0] also chains the free list. */
  private int[][] links;
  /** prev[x]: the node before x on level 0; prev[HEAD] is the last node. */
  private int[] prev;

  /** The highest level whose list is non-empty, or 0. */
  private int top;

  private int size;
  /** The first free node, or NIL when every node holds an entry. */
  private int freeHead;

  /** Incremented by every structural change; live cursors compare against it. */
  private int modCount;

  /** Times the map grew: each re-layout in arrays twice as large. */
  private int growths;

  /** entriesOfHeight[h]: entries whose node has height h (levels 0..h-1). */
  private final int[] entriesOfHeight = new int[MAX_HEIGHT + 1];

  /** The boxed view, created on first use by {@link #asNavigableMap()}. */
  private SkipListNavigableMapView<V> navigableMapView;

  /** Creates a map for a few entries. */
  public Long2ObjectSkipListMap() {
    this(DEFAULT_EXPECTED_SIZE);
  }

  /**
   * Creates a map that holds {@code expectedSize} entries without growing.
   *
   * @param expectedSize entries to hold without growing
   * @throws IllegalArgumentException if {@code expectedSize} is negative or above {@link
   *     #MAX_CAPACITY}
   */
  public Long2ObjectSkipListMap(int expectedSize) {
    this(expectedSize, SplitMix64.freshSeed());
  }

  /** As {@link #Long2ObjectSkipListMap(int)} with node heights drawn from a fixed seed (tests). */
  Long2ObjectSkipListMap(int expectedSize, long seed) {
    if (expectedSize < 0 || expectedSize > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "expectedSize must be between 0 and " + MAX_CAPACITY + ", but was " + expectedSize);
    }
    this.random = new SplitMix64(seed);
    layOut(expectedSize);
  }

  /* ---------------- Query ---------------- */

  /**
   * Number of entries the map holds before its arrays grow.
   *
   * @return the node count, excluding the head
   */
  public int capacity() {
    return keys.length - 1;
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
   * Whether {@code key} is mapped. Expected O(log n); allocates nothing.
   *
   * @param key any key
   * @return {@code true} if the map holds {@code key}
   */
  public boolean containsKey(long key) {
    return get(key) != null;
  }

  /**
   * Value of {@code key}. Expected O(log n); allocates nothing.
   *
   * @param key any key
   * @return the mapped value, or {@code null} if absent
   */
  @SuppressWarnings("unchecked")
  public V get(long key) {
    final long[] keys = this.keys;
    final int[][] links = this.links;
    int x = HEAD;
    int stop = NIL;
    for (int k = top; k >= 0; k--) {
      final int[] next = links[k];
      int n;
      while ((n = next[x]) != stop) {
        final long nk = keys[n];
        if (nk >= key) {
          if (nk == key) {
            return (V) values[n];
          }
          break;
        }
        x = n;
      }
      stop = n;
    }
    return null;
  }

  /**
   * Value of {@code key}, or {@code defaultValue} if absent. Expected O(log n); allocates nothing.
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
   * Whether some key maps to a value equal to {@code value}. O(n); allocates nothing.
   *
   * @param value the value to look for, compared with {@code equals}
   * @return {@code true} if at least one entry has an equal value
   */
  public boolean containsValue(Object value) {
    if (value == null) {
      return false;
    }
    final int[] next = links[0];
    for (int n = next[HEAD]; n != NIL; n = next[n]) {
      if (value.equals(values[n])) {
        return true;
      }
    }
    return false;
  }

  /* ---------------- Order ---------------- */

  /**
   * The smallest key. O(1).
   *
   * @return the first key
   * @throws NoSuchElementException if the map is empty
   */
  public long firstKey() {
    return keys[nonEmpty(links[0][HEAD])];
  }

  /**
   * The largest key. O(1).
   *
   * @return the last key
   * @throws NoSuchElementException if the map is empty
   */
  public long lastKey() {
    return keys[nonEmpty(prev[HEAD])];
  }

  /**
   * Value of the smallest key. O(1).
   *
   * @return the first value, or {@code null} if the map is empty
   */
  public V firstValue() {
    return valueOf(links[0][HEAD]);
  }

  /**
   * Value of the largest key. O(1).
   *
   * @return the last value, or {@code null} if the map is empty
   */
  public V lastValue() {
    return valueOf(prev[HEAD]);
  }

  /**
   * Removes the entry with the smallest key. O(height of its node), expected O(1); allocates
   * nothing.
   *
   * @return its value, or {@code null} if the map was empty
   */
  @SuppressWarnings("unchecked")
  public V pollFirstValue() {
    final int first = links[0][HEAD];
    if (first == NIL) {
      return null;
    }
    V value = (V) values[first];
    Arrays.fill(preds, HEAD); // the first node follows the head on every level it has
    unlink(first);
    return value;
  }

  /**
   * Removes the entry with the largest key. Expected O(log n); allocates nothing.
   *
   * @return its value, or {@code null} if the map was empty
   */
  @SuppressWarnings("unchecked")
  public V pollLastValue() {
    final int last = prev[HEAD];
    if (last == NIL) {
      return null;
    }
    V value = (V) values[last];
    findPredecessors(keys[last]);
    unlink(last);
    return value;
  }

  /**
   * Value of the greatest key less than or equal to {@code key}. Expected O(log n).
   *
   * @param key any key
   * @return the value, or {@code null} if there is no such key
   */
  public V floorValue(long key) {
    return valueOf(floorNode(key));
  }

  /**
   * Value of the least key greater than or equal to {@code key}. Expected O(log n).
   *
   * @param key any key
   * @return the value, or {@code null} if there is no such key
   */
  public V ceilingValue(long key) {
    return valueOf(ceilingNode(key));
  }

  /**
   * Value of the greatest key strictly less than {@code key}. Expected O(log n).
   *
   * @param key any key
   * @return the value, or {@code null} if there is no such key
   */
  public V lowerValue(long key) {
    return valueOf(lastBelow(key));
  }

  /**
   * Value of the least key strictly greater than {@code key}. Expected O(log n).
   *
   * @param key any key
   * @return the value, or {@code null} if there is no such key
   */
  public V higherValue(long key) {
    return valueOf(higherNode(key));
  }

  /**
   * The greatest key less than or equal to {@code key}, without boxing. Expected O(log n).
   *
   * @param key any key
   * @param defaultKey returned when there is no such key
   * @return the floor key, or {@code defaultKey}
   */
  public long floorKeyOrDefault(long key, long defaultKey) {
    return keyOr(floorNode(key), defaultKey);
  }

  /**
   * The least key greater than or equal to {@code key}, without boxing. Expected O(log n).
   *
   * @param key any key
   * @param defaultKey returned when there is no such key
   * @return the ceiling key, or {@code defaultKey}
   */
  public long ceilingKeyOrDefault(long key, long defaultKey) {
    return keyOr(ceilingNode(key), defaultKey);
  }

  /**
   * The greatest key strictly less than {@code key}, without boxing. Expected O(log n).
   *
   * @param key any key
   * @param defaultKey returned when there is no such key
   * @return the lower key, or {@code defaultKey}
   */
  public long lowerKeyOrDefault(long key, long defaultKey) {
    return keyOr(lastBelow(key), defaultKey);
  }

  /**
   * The least key strictly greater than {@code key}, without boxing. Expected O(log n).
   *
   * @param key any key
   * @param defaultKey returned when there is no such key
   * @return the higher key, or {@code defaultKey}
   */
  public long higherKeyOrDefault(long key, long defaultKey) {
    return keyOr(higherNode(key), defaultKey);
  }

  /* ---------------- Update ---------------- */

  /**
   * Maps {@code key} to {@code value}. Expected O(log n). Allocates only when the arrays grow,
   * which a map presized for its entries never does.
   *
   * @param key any key
   * @param value the value, not null
   * @return the previous value, or {@code null} if {@code key} was absent
   * @throws NullPointerException if {@code value} is null; the map is unchanged
   * @throws IllegalStateException if the map already holds {@link #MAX_CAPACITY} entries; the map
   *     is unchanged
   */
  public V put(long key, V value) {
    Objects.requireNonNull(value, "value");
    return insert(key, value, true);
  }

  /**
   * Maps {@code key} to {@code value} unless {@code key} is already mapped. Expected O(log n).
   *
   * @param key any key
   * @param value the value, not null
   * @return the existing value, or {@code null} if {@code key} was absent and is now mapped
   * @throws NullPointerException if {@code value} is null; the map is unchanged
   * @throws IllegalStateException if the map already holds {@link #MAX_CAPACITY} entries; the map
   *     is unchanged
   */
  public V putIfAbsent(long key, V value) {
    Objects.requireNonNull(value, "value");
    return insert(key, value, false);
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
      insert(key, value, false);
    }
    return value;
  }

  /**
   * Removes the mapping of {@code key}. Expected O(log n); allocates nothing.
   *
   * @param key any key
   * @return the removed value, or {@code null} if {@code key} was absent
   */
  @SuppressWarnings("unchecked")
  public V remove(long key) {
    int n = findPredecessors(key);
    if (n == NIL || keys[n] != key) {
      return null;
    }
    V value = (V) values[n];
    unlink(n);
    return value;
  }

  /* ---------------- Ranges ---------------- */

  /**
   * Calls {@code action} for every entry with {@code fromInclusive <= key < toExclusive}, in
   * ascending key order. Expected O(log n + visited); allocates nothing.
   *
   * @param fromInclusive low end of the range
   * @param toExclusive high end of the range, excluded
   * @param action receives each key and value; must not modify this map
   * @return the number of entries visited
   * @throws IllegalArgumentException if {@code fromInclusive > toExclusive}
   * @throws NullPointerException if {@code action} is null
   * @throws ConcurrentModificationException if the action modified this map
   */
  public int forEachInRange(
      long fromInclusive, long toExclusive, LongObjConsumer<? super V> action) {
    return forEachInRange(fromInclusive, true, toExclusive, false, action);
  }

  /**
   * Calls {@code action} for every entry between {@code from} and {@code to}, each end included or
   * not as {@link java.util.NavigableMap#subMap(Object, boolean, Object, boolean)} defines, in
   * ascending key order. Expected O(log n + visited); allocates nothing.
   *
   * @param from low end of the range
   * @param fromInclusive whether {@code from} itself is in the range
   * @param to high end of the range
   * @param toInclusive whether {@code to} itself is in the range
   * @param action receives each key and value; must not modify this map
   * @return the number of entries visited
   * @throws IllegalArgumentException if {@code from > to}
   * @throws NullPointerException if {@code action} is null
   * @throws ConcurrentModificationException if the action modified this map
   */
  @SuppressWarnings("unchecked")
  public int forEachInRange(
      long from,
      boolean fromInclusive,
      long to,
      boolean toInclusive,
      LongObjConsumer<? super V> action) {
    checkRange(from, to);
    Objects.requireNonNull(action, "action");
    final int expectedModCount = modCount;
    final int[] next = links[0];
    final long[] keys = this.keys;
    int visited = 0;
    for (int n = firstInRange(from, fromInclusive); n != NIL; n = next[n]) {
      long k = keys[n];
      if (k > to || (k == to && !toInclusive)) {
        break;
      }
      action.accept(k, (V) values[n]);
      TableWalk.checkUnchanged(expectedModCount, modCount);
      visited++;
    }
    return visited;
  }

  /**
   * Removes every entry with {@code fromInclusive <= key < toExclusive}. Expected O(log n +
   * removed); allocates nothing.
   *
   * @param fromInclusive low end of the range
   * @param toExclusive high end of the range, excluded
   * @return the number of entries removed
   * @throws IllegalArgumentException if {@code fromInclusive > toExclusive}; the map is unchanged
   */
  public int removeRange(long fromInclusive, long toExclusive) {
    return removeRange(fromInclusive, true, toExclusive, false);
  }

  /**
   * Removes every entry between {@code from} and {@code to}, each end included or not as {@link
   * java.util.NavigableMap#subMap(Object, boolean, Object, boolean)} defines. Expected O(log n +
   * removed); allocates nothing.
   *
   * @param from low end of the range
   * @param fromInclusive whether {@code from} itself is in the range
   * @param to high end of the range
   * @param toInclusive whether {@code to} itself is in the range
   * @return the number of entries removed
   * @throws IllegalArgumentException if {@code from > to}; the map is unchanged
   */
  public int removeRange(long from, boolean fromInclusive, long to, boolean toInclusive) {
    checkRange(from, to);
    if (!fromInclusive) {
      if (from == Long.MAX_VALUE) {
        return 0;
      }
      from++;
    }
    // Removing the first node >= from leaves preds[] the predecessors of the next one.
    int n = findPredecessors(from);
    int removed = 0;
    final long[] keys = this.keys;
    while (n != NIL && (keys[n] < to || (keys[n] == to && toInclusive))) {
      unlink(n);
      removed++;
      n = links[0][preds[0]];
    }
    return removed;
  }

  /* ---------------- Bulk ---------------- */

  /** Removes every entry; keeps the capacity. O(n); allocates nothing. */
  public void clear() {
    final int[] next = links[0];
    int n = next[HEAD];
    while (n != NIL) {
      int following = next[n];
      values[n] = null;
      next[n] = freeHead; // heights are independent of keys, so any free order stays random
      freeHead = n;
      n = following;
    }
    for (int[] level : links) {
      level[HEAD] = NIL;
    }
    prev[HEAD] = HEAD;
    Arrays.fill(entriesOfHeight, 0);
    top = 0;
    size = 0;
    modCount++;
  }

  /**
   * Shrinks the arrays to the current entries and lays the nodes out in key order, which makes
   * ordered walks sequential in memory. Allocates the new arrays; the next insert grows them again.
   */
  public void compact() {
    layOut(size);
  }

  /**
   * Renumbers the nodes in place so that entries adjacent in key order sit adjacent in memory,
   * which makes lookups and ordered walks of a large map faster (see docs/skip-list.md). Keys
   * inserted in random order into a presized map land in random places; growth and {@link
   * #compact()} lay the map out in key order too, but allocate. Call this after a burst of random
   * inserts, before a read-heavy phase. O(capacity); allocates nothing; a structural change for
   * cursors.
   */
  public void defragment() {
    final int[][] links = this.links;
    final int[] prev = this.prev;
    final int capacity = capacity();
    // target[x]: x's new id. Every id keeps its height, so it moves within its height's range,
    // and ranges are handed out in key order, then in free-list order. prev is the scratch.
    final int[] target = prev;
    final int[] nextId = nextIdOfHeight;
    for (int h = 1; h <= MAX_HEIGHT; h++) {
      nextId[h] = h == MAX_HEIGHT ? 1 : links[h].length;
    }
    final int[] next = links[0];
    for (int n = next[HEAD]; n != NIL; n = next[n]) {
      target[n] = nextId[heightOf(n)]++;
    }
    for (int f = freeHead; f != NIL; f = next[f]) {
      target[f] = nextId[heightOf(f)]++;
    }
    target[HEAD] = HEAD;
    freeHead = target[freeHead];
    for (int[] level : links) { // links of free nodes above level 0 are stale but in range
      for (int x = 0; x < level.length; x++) {
        level[x] = target[level[x]];
      }
    }
    final long[] keys = this.keys;
    final Object[] values = this.values;
    for (int i = 1; i <= capacity; i++) {
      for (int j = target[i]; j != i; j = target[i]) { // each swap puts one node in place
        long key = keys[i];
        keys[i] = keys[j];
        keys[j] = key;
        Object value = values[i];
        values[i] = values[j];
        values[j] = value;
        for (int k = 0, h = heightOf(i); k < h; k++) {
          int[] level = links[k];
          int link = level[i];
          level[i] = level[j];
          level[j] = link;
        }
        target[i] = target[j];
        target[j] = j;
      }
    }
    fillBackLinks(next, prev);
    modCount++;
  }

  /**
   * Removes every entry that {@code filter} accepts, in ascending key order. O(n + removed * log
   * n); allocates nothing.
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
    int expectedModCount = modCount;
    final int[] next = links[0];
    int n = next[HEAD];
    while (n != NIL) {
      boolean remove = filter.test(keys[n], (V) values[n]);
      TableWalk.checkUnchanged(expectedModCount, modCount);
      int following = next[n];
      if (remove) {
        // A search per removal, not predecessors carried along the walk: the filter may call
        // lookups that reuse the search scratch.
        findPredecessors(keys[n]);
        unlink(n);
        expectedModCount = modCount;
      }
      n = following;
    }
    return size != sizeBefore;
  }

  /* ---------------- Iteration ---------------- */

  /**
   * Calls {@code action} for every entry, in ascending key order. O(n); allocates nothing (a
   * non-capturing lambda is a constant).
   *
   * @param action receives each key and value; must not modify this map
   * @throws NullPointerException if {@code action} is null
   * @throws ConcurrentModificationException if the action modified this map
   */
  @SuppressWarnings("unchecked")
  public void forEach(LongObjConsumer<? super V> action) {
    Objects.requireNonNull(action, "action");
    final int expectedModCount = modCount;
    final int[] next = links[0];
    final long[] keys = this.keys;
    final Object[] values = this.values;
    for (int n = next[HEAD]; n != NIL; n = next[n]) {
      action.accept(keys[n], (V) values[n]);
      TableWalk.checkUnchanged(expectedModCount, modCount);
    }
  }

  /**
   * Creates a cursor over this map, positioned before the first entry. Allocate it once and
   * {@link Cursor#reset()} or seek it for each walk; cursors are independent and may be nested.
   *
   * @return a new cursor
   */
  public Cursor newCursor() {
    return new Cursor();
  }

  /* ---------------- Statistics ---------------- */

  /**
   * Reads this map's health into {@code into}, which the caller owns and reuses: size, capacity,
   * free nodes, growths, the level histogram, and how far the nodes are from key order (whether
   * {@link #defragment()} would help). Allocates nothing; O(levels) plus a sample of 2,048 nodes,
   * whatever the size.
   *
   * @param into the record to fill
   * @return {@code into}
   * @throws NullPointerException if {@code into} is null
   */
  public SkipListStats readStats(SkipListStats into) {
    Objects.requireNonNull(into, "into");
    final int[] next = links[0];
    final Object[] values = this.values;
    final int nodes = next.length;
    final int stride = Math.max(1, nodes / ORDER_SAMPLES) | 1; // odd: no aliasing with heights
    int sampled = 0;
    int far = 0;
    for (int x = 1; x < nodes; x += stride) {
      final int n = next[x];
      if (values[x] != null && n != NIL) { // an entry with a successor
        sampled++;
        if (Math.abs(n - x) >= NEAR_NODES) {
          far++;
        }
      }
    }
    return into.read(
        size, capacity(), growths, size == 0 ? 0 : top + 1, entriesOfHeight, sampled, far);
  }

  /* ---------------- java.util view ---------------- */

  /**
   * This map as a {@link NavigableMap NavigableMap&lt;Long, V&gt;}: a live, read-write
   * view for code that still needs the JDK type. Changes through either side show in the other.
   * Repeated calls return the same instance.
   *
   * <p><b>Off the hot path:</b> every call on the view allocates: boxed keys, entries, iterators,
   * sub-map and key-set objects. Use the primitive methods and cursors where allocation matters.
   *
   * <p>The view follows the {@code NavigableMap} contract for a map in the natural order of {@code
   * Long} that permits no null keys or values ({@code comparator()} is null):
   *
   * <ul>
   *   <li>a null key, in an update or a query, or a null value in an update, throws {@link
   *       NullPointerException} and leaves the map unchanged; a key that is not a {@code Long}
   *       throws {@link ClassCastException}; {@code containsValue(null)} is false;
   *   <li>sub-map views ({@code subMap}, {@code headMap}, {@code tailMap}, and the same of their
   *       key sets) are live; putting a key outside a sub-map's range throws {@link
   *       IllegalArgumentException} naming the key and the range, as does asking a sub-map for a
   *       wider sub-map;
   *   <li>iterators of the view, its key set, values and entry set, ascending or descending, fail
   *       fast with {@link ConcurrentModificationException} (in {@code hasNext} and {@code next})
   *       after a structural change other than through the iterator, and support {@code remove};
   *   <li>entries from entry-set iteration support {@code setValue}, which writes through while the
   *       key is mapped and throws {@link IllegalStateException} after it was removed; entries
   *       returned by navigation ({@code firstEntry}, {@code floorEntry}, {@code pollFirstEntry},
   *       ...) are immutable snapshots, as {@code TreeMap}'s are;
   *   <li>{@code equals}, {@code hashCode} and {@code toString} are those of {@link
   *       java.util.AbstractMap}. The view is not serializable.
   * </ul>
   *
   * @return the view; the same instance on every call
   */
  public NavigableMap<Long, V> asNavigableMap() {
    SkipListNavigableMapView<V> view = navigableMapView;
    if (view == null) {
      view = new SkipListNavigableMapView<>(this);
      navigableMapView = view;
    }
    return view;
  }

  /* ---------------- Object methods ---------------- */

  /**
   * Compares by content, as {@link java.util.Map#equals} does: equal to a {@code
   * Long2ObjectSkipListMap} or a {@link Long2ObjectHashMap} with the same keys mapped to equal
   * values. Capacity plays no part.
   *
   * @param o the object to compare with
   * @return {@code true} if {@code o} holds equal mappings
   */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    final int[] next = links[0];
    if (o instanceof Long2ObjectSkipListMap<?> that) {
      if (that.size != size) {
        return false;
      }
      final int[] thatNext = that.links[0];
      for (int n = next[HEAD], m = thatNext[HEAD]; n != NIL; n = next[n], m = thatNext[m]) {
        if (keys[n] != that.keys[m] || !values[n].equals(that.values[m])) {
          return false;
        }
      }
      return true;
    }
    return o instanceof Long2ObjectHashMap<?> that && hasMappingsOf(that);
  }

  /** Whether {@code that} holds exactly this map's mappings; {@link #equals} for hash maps. */
  boolean hasMappingsOf(Long2ObjectHashMap<?> that) {
    if (that.size() != size) {
      return false;
    }
    final int[] next = links[0];
    for (int n = next[HEAD]; n != NIL; n = next[n]) {
      if (!values[n].equals(that.get(keys[n]))) {
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
    int h = 0;
    final int[] next = links[0];
    for (int n = next[HEAD]; n != NIL; n = next[n]) {
      h += Long.hashCode(keys[n]) ^ values[n].hashCode();
    }
    return h;
  }

  /**
   * Renders the entries as {@code {k1=v1, k2=v2}} in ascending key order, like {@link
   * java.util.AbstractMap#toString}. Allocates.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(size * 16 + 2).append('{');
    final int[] next = links[0];
    for (int n = next[HEAD]; n != NIL; n = next[n]) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      Object value = values[n];
      sb.append(keys[n]).append('=').append(value == this ? "(this Map)" : value);
    }
    return sb.append('}').toString();
  }

  /* ---------------- Search ---------------- */

  /**
   * Fills {@link #preds} with the last node whose key is below {@code key} on each level up to
   * {@link #top}.
   *
   * @return the first node whose key is at least {@code key}, or NIL
   */
  private int findPredecessors(long key) {
    final long[] keys = this.keys;
    final int[][] links = this.links;
    final int[] preds = this.preds;
    int x = HEAD;
    int stop = NIL;
    for (int k = top; k >= 0; k--) {
      final int[] next = links[k];
      int n;
      while ((n = next[x]) != stop && keys[n] < key) {
        x = n;
      }
      preds[k] = x;
      stop = n;
    }
    return stop;
  }

  /** The last node whose key is below {@code key}, or HEAD. */
  private int lastBelow(long key) {
    findPredecessors(key);
    return preds[0];
  }

  private int floorNode(long key) {
    return key == Long.MAX_VALUE ? prev[HEAD] : lastBelow(key + 1);
  }

  private int ceilingNode(long key) {
    return links[0][lastBelow(key)];
  }

  private int higherNode(long key) {
    return key == Long.MAX_VALUE ? NIL : links[0][lastBelow(key + 1)];
  }

  private int firstInRange(long from, boolean inclusive) {
    return inclusive ? ceilingNode(from) : higherNode(from);
  }

  /* ---------------- Linking ---------------- */

  /** Height of node {@code x}: the number of levels whose dense link array reaches it. */
  private int heightOf(int x) {
    final int[][] links = this.links;
    int h = 1;
    while (h < MAX_HEIGHT && x < links[h].length) {
      h++;
    }
    return h;
  }

  @SuppressWarnings("unchecked")
  private V insert(long key, V value, boolean replace) {
    int n = findPredecessors(key);
    if (n != NIL && keys[n] == key) {
      V previous = (V) values[n];
      if (replace) {
        values[n] = value;
      }
      return previous;
    }
    if (freeHead == NIL) {
      grow();
      findPredecessors(key);
    }
    link(key, value);
    return null;
  }

  /** Takes a free node for {@code (key, value)} and links it after {@link #preds}. */
  private void link(long key, Object value) {
    final int[][] links = this.links;
    final int[] preds = this.preds;
    final int x = freeHead;
    freeHead = links[0][x];
    keys[x] = key;
    values[x] = value;
    final int h = heightOf(x);
    entriesOfHeight[h]++;
    while (top < h - 1) {
      preds[++top] = HEAD;
    }
    for (int k = 0; k < h; k++) {
      final int[] next = links[k];
      final int p = preds[k];
      next[x] = next[p];
      next[p] = x;
    }
    prev[x] = preds[0];
    prev[links[0][x]] = x;
    size++;
    modCount++;
  }

  /** Unlinks node {@code x}, whose predecessors are in {@link #preds}, and frees it. */
  private void unlink(int x) {
    final int[][] links = this.links;
    final int[] preds = this.preds;
    final int h = heightOf(x);
    for (int k = 0; k < h; k++) {
      links[k][preds[k]] = links[k][x];
    }
    final int[] next = links[0];
    prev[next[x]] = preds[0];
    values[x] = null;
    next[x] = freeHead;
    freeHead = x;
    entriesOfHeight[h]--;
    while (top > 0 && links[top][HEAD] == NIL) {
      top--;
    }
    size--;
    modCount++;
  }

  /* ---------------- Layout ---------------- */

  private void grow() {
    final int capacity = capacity();
    if (capacity >= MAX_CAPACITY) {
      throw new IllegalStateException(
          "Long2ObjectSkipListMap is full: it cannot hold more than " + size + " entries");
    }
    growths++;
    layOut((int) Math.min(MAX_CAPACITY, Math.max(DEFAULT_EXPECTED_SIZE, capacity * 2L)));
  }

  /**
   * Lays the map out afresh in arrays of {@code capacity} nodes: draws a height for every node,
   * numbers nodes tallest first, links the current entries in key order and builds a free list of
   * the rest in random order of height.
   */
  private void layOut(int capacity) {
    final SplitMix64 random = this.random;
    // Heights: the first `size` draws go to the entries, the rest to free nodes. Count them all,
    // then replay the entries' draws while linking them.
    final int[] nextId = nextIdOfHeight;
    Arrays.fill(nextId, 0);
    final long entryDraws = random.state();
    for (int i = 0; i < capacity; i++) {
      nextId[height(random.nextLong())]++;
    }
    final long afterDraws = random.state();

    // Node ids by height, tallest first; the head (id 0) is the tallest of all.
    final int[][] fresh = new int[MAX_HEIGHT][];
    int taller = 1; // nodes with height > k, head included
    for (int k = MAX_HEIGHT - 1; k >= 0; k--) {
      taller += nextId[k + 1];
      fresh[k] = new int[taller];
    }
    for (int h = MAX_HEIGHT, firstId = 1; h >= 1; h--) {
      int ofHeight = nextId[h];
      nextId[h] = firstId; // from here on, the next id to hand out for height h
      firstId += ofHeight;
    }

    final long[] freshKeys = new long[capacity + 1];
    final Object[] freshValues = new Object[capacity + 1];
    final int[] freshPrev = new int[capacity + 1];

    // Entries in key order; last[k] is the node most recently linked on level k.
    random.restore(entryDraws);
    final int[] last = preds;
    Arrays.fill(last, HEAD);
    Arrays.fill(entriesOfHeight, 0);
    if (links != null) {
      final int[] oldNext = links[0];
      for (int o = oldNext[HEAD]; o != NIL; o = oldNext[o]) {
        final int h = height(random.nextLong());
        final int x = nextId[h]++;
        freshKeys[x] = keys[o];
        freshValues[x] = values[o];
        entriesOfHeight[h]++;
        for (int k = 0; k < h; k++) {
          fresh[k][last[k]] = x;
          last[k] = x;
        }
      }
    }
    random.restore(afterDraws);

    // Free nodes: shuffle their heights, then give each height its ids in ascending order, and
    // chain the nodes in that order. prev is the scratch; it is filled last.
    final int freeCount = capacity - size;
    final int[] free = freshPrev;
    for (int h = MAX_HEIGHT, i = 0; h >= 1; h--) {
      for (int id = nextId[h], end = fresh[h - 1].length; id < end; id++) {
        free[i++] = h;
      }
    }
    for (int i = freeCount - 1; i > 0; i--) { // Fisher-Yates
      int j = random.nextInt(i + 1);
      int t = free[i];
      free[i] = free[j];
      free[j] = t;
    }
    for (int i = 0; i < freeCount; i++) {
      free[i] = nextId[free[i]]++;
    }
    final int[] freshNext = fresh[0];
    int freeChain = NIL;
    for (int i = freeCount - 1; i >= 0; i--) {
      freshNext[free[i]] = freeChain;
      freeChain = free[i];
    }
    fillBackLinks(freshNext, freshPrev);

    this.keys = freshKeys;
    this.values = freshValues;
    this.links = fresh;
    this.prev = freshPrev;
    this.freeHead = freeChain;
    int t = MAX_HEIGHT - 1;
    while (t > 0 && fresh[t][HEAD] == NIL) {
      t--;
    }
    this.top = t;
    modCount++;
  }

  /** Sets {@code prev} to mirror level 0 of {@code next}, the last node in {@code prev[HEAD]}. */
  private static void fillBackLinks(int[] next, int[] prev) {
    int p = HEAD;
    for (int n = next[HEAD]; n != NIL; n = next[n]) {
      prev[n] = p;
      p = n;
    }
    prev[HEAD] = p;
  }

  /**
   * A node height from 64 random bits: h with probability (3/4)(1/4)^(h-1), capped at {@link
   * #MAX_HEIGHT}. Each pair of trailing zero bits is one coin with p = 1/4.
   */
  static int height(long randomBits) {
    return 1 + Math.min(MAX_HEIGHT - 1, Long.numberOfTrailingZeros(randomBits) >>> 1);
  }

  /** Height of node {@code x}, for tests of the level distribution. */
  int nodeHeight(int x) {
    return heightOf(x);
  }

  /** The node holding {@code key}, or 0 if absent, for tests of the layout. */
  int nodeOf(long key) {
    final int n = links[0][lastBelow(key)];
    return n != NIL && keys[n] == key ? n : NIL;
  }

  /* ---------------- Helpers ---------------- */

  private static void checkRange(long from, long to) {
    if (from > to) {
      throw new IllegalArgumentException("range start " + from + " is above its end " + to);
    }
  }

  private static int nonEmpty(int node) {
    if (node == NIL) {
      throw new NoSuchElementException("the map is empty");
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private V valueOf(int node) {
    return node == NIL ? null : (V) values[node];
  }

  private long keyOr(int node, long defaultKey) {
    return node == NIL ? defaultKey : keys[node];
  }

  /* ---------------- Cursor ---------------- */

  /**
   * A reusable, caller-owned, bidirectional walk over the map in key order; allocates nothing after
   * creation.
   *
   * <p>A cursor stands in a gap between two adjacent entries: {@link #next()} moves over the entry
   * after the gap, {@link #previous()} over the entry before it, and the entry moved over becomes
   * the current entry. {@link #reset()} puts the gap before the first entry, {@link #resetToEnd()}
   * after the last, {@link #seekCeiling(long)} before the first key {@code >= key} and {@link
   * #seekHigher(long)} before the first key {@code > key} (so {@code previous()} then gives the
   * lower or floor entry).
   *
   * <pre>{@code
   * Long2ObjectSkipListMap<Order>.Cursor c = book.newCursor();   // once
   * c.seekCeiling(fromPrice);
   * while (c.next() && c.key() < toPrice) {
   *   if (c.value().isFilled()) c.remove();
   * }
   * }</pre>
   *
   * <p>{@link #remove()} and {@link #setValue} are safe mid-walk in either direction: no entry is
   * skipped or seen twice. Any other structural change of the map (through the map or another
   * cursor, {@code clear}, {@code compact}, growth) makes this cursor throw {@link
   * ConcurrentModificationException} until it is reset or seeks.
   */
  public final class Cursor {
    /** The node before the gap; HEAD when the gap is before the first entry. */
    private int gap;
    /** The current entry's node, or NIL. */
    private int current;
    private int expectedModCount;

    private Cursor() {
      reset();
    }

    /** Positions the cursor before the first entry. O(1). */
    public void reset() {
      moveTo(HEAD);
    }

    /**
     * Positions the cursor after the last entry, for a descending walk. O(1).
     */
    public void resetToEnd() {
      moveTo(prev[HEAD]);
    }

    /**
     * Positions the cursor so that {@link #next()} lands on the first entry with a key {@code >=
     * key} and {@link #previous()} on the last entry with a key {@code < key}. Expected O(log n).
     *
     * @param key any key
     */
    public void seekCeiling(long key) {
      moveTo(lastBelow(key));
    }

    /**
     * Positions the cursor so that {@link #next()} lands on the first entry with a key {@code >
     * key} and {@link #previous()} on the last entry with a key {@code <= key}. Expected O(log n).
     *
     * @param key any key
     */
    public void seekHigher(long key) {
      moveTo(floorNode(key));
    }

    /**
     * Moves over the next entry in ascending order and makes it current. O(1).
     *
     * @return {@code true} if there is a current entry, {@code false} at the end
     * @throws ConcurrentModificationException if the map changed structurally other than through
     *     this cursor since it was positioned
     */
    public boolean next() {
      checkModCount();
      int n = links[0][gap];
      if (n == NIL) {
        current = NIL;
        return false;
      }
      gap = n;
      current = n;
      return true;
    }

    /**
     * Moves over the previous entry, for a descending walk, and makes it current. O(1).
     *
     * @return {@code true} if there is a current entry, {@code false} at the start
     * @throws ConcurrentModificationException if the map changed structurally other than through
     *     this cursor since it was positioned
     */
    public boolean previous() {
      checkModCount();
      if (gap == HEAD) {
        current = NIL;
        return false;
      }
      current = gap;
      gap = prev[gap];
      return true;
    }

    /**
     * Key of the current entry.
     *
     * @return the key
     * @throws IllegalStateException if there is no current entry
     */
    public long key() {
      return keys[current()];
    }

    /**
     * Value of the current entry.
     *
     * @return the value, never null
     * @throws IllegalStateException if there is no current entry
     */
    @SuppressWarnings("unchecked")
    public V value() {
      return (V) values[current()];
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
      values[current()] = value;
    }

    /**
     * Removes the current entry; the walk continues with its neighbour in either direction.
     * Expected O(log n); allocates nothing.
     *
     * @throws IllegalStateException if there is no current entry
     */
    public void remove() {
      final int x = current();
      findPredecessors(keys[x]);
      if (gap == x) {
        gap = preds[0];
      }
      unlink(x);
      current = NIL;
      expectedModCount = modCount;
    }

    /**
     * Whether {@link #next()} would move over an entry; for the java.util views' iterators.
     *
     * @throws ConcurrentModificationException as {@link #next()} does
     */
    boolean hasNext() {
      checkModCount();
      return links[0][gap] != NIL;
    }

    /** Key of the entry {@link #next()} would move over; only after {@link #hasNext()}. */
    long nextKey() {
      return keys[links[0][gap]];
    }

    /**
     * Whether {@link #previous()} would move over an entry; for the java.util views' iterators.
     *
     * @throws ConcurrentModificationException as {@link #previous()} does
     */
    boolean hasPrevious() {
      checkModCount();
      return gap != HEAD;
    }

    /** Key of the entry {@link #previous()} would move over; only after {@link #hasPrevious()}. */
    long previousKey() {
      return keys[gap];
    }

    private void moveTo(int gap) {
      this.gap = gap;
      this.current = NIL;
      this.expectedModCount = modCount;
    }

    private int current() {
      checkModCount();
      if (current == NIL) {
        throw new IllegalStateException(
            "no current entry: call next() or previous() and check it returned true");
      }
      return current;
    }

    private void checkModCount() {
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException("the map changed since this cursor was positioned");
      }
    }
  }
}
