package org.hotpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.hotpath.collections.Int2IntHashMap;
import org.hotpath.collections.Long2ObjectHashMap;
import org.hotpath.collections.Long2ObjectSkipListMap;
import org.hotpath.concurrent.RingBuffer;
import org.hotpath.concurrent.ShardedInt2IntMap;
import org.hotpath.concurrent.ShardedLong2ObjectMap;
import org.hotpath.pool.ObjectPool;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/migration.md, run: each test does the "before" with the JDK collection and the
 * "after" with Hotpath on the same input and asserts the same results. When the guide changes,
 * change the test with it.
 */
class MigrationGuideExamplesTest {

  /* ---------------- Domain types of the guide ---------------- */

  /** A session, keyed by its id; the value type of the session maps. */
  static final class Session {
    final long id;
    long lastSeen;
    boolean closed;

    Session(long id) {
      this.id = id;
    }

    boolean isClosed() {
      return closed;
    }

    boolean isExpiredAt(long now) {
      return now - lastSeen > 100;
    }
  }

  /** One price level of an order book: the quantity resting at that price. */
  static final class Level {
    long quantity;

    Level(long quantity) {
      this.quantity = quantity;
    }

    boolean isEmpty() {
      return quantity == 0;
    }
  }

  /** What a producer has in hand before it writes a message. */
  record OrderRequest(long id, long price, int quantity) {}

  /** A mutable message: a ring slot, or a pooled object that outlives a message. */
  static final class Order {
    long id;
    long price;
    int quantity;

    Order() {}

    Order(long id, long price, int quantity) {
      set(id, price, quantity);
    }

    void set(long id, long price, int quantity) {
      this.id = id;
      this.price = price;
      this.quantity = quantity;
    }

    void copyFrom(OrderRequest request) {
      set(request.id(), request.price(), request.quantity());
    }

    void copyFrom(Order other) {
      set(other.id, other.price, other.quantity);
    }

    void clear() {
      set(0, 0, 0);
    }
  }

  /* ---------------- HashMap<Integer, Integer> -> Int2IntHashMap ---------------- */

  private static final int[] STATUSES = {200, 200, 404, 500, 200, 0, 404, 503, 200};

  @Test
  void int2IntHashMapCountsAsHashMapMergeDoes() {
    // Before
    Map<Integer, Integer> before = new HashMap<>();
    for (int status : STATUSES) {
      before.merge(status, 1, Integer::sum);
    }
    int notFoundBefore = before.getOrDefault(404, 0);
    long totalBefore = 0;
    for (int count : before.values()) {
      totalBefore += count;
    }
    before.entrySet().removeIf(e -> e.getValue() < 2);

    // After
    Int2IntHashMap hits = new Int2IntHashMap(64); // expected distinct keys, not operations
    for (int status : STATUSES) {
      hits.addAndGet(status, 1); // merge(status, 1, Integer::sum)
    }
    int notFound = hits.get(404); // 0 when absent: the missing value
    long total = 0;
    var c = hits.newCursor(); // once; c.reset() before each later walk
    while (c.next()) {
      total += c.value();
    }
    hits.removeIf((status, count) -> count < 2); // non-capturing: allocates nothing

    assertEquals(notFoundBefore, notFound);
    assertEquals(totalBefore, total);
    assertEquals(before, boxed(hits));
    assertEquals(before.getOrDefault(302, 0), hits.get(302));
  }

  @Test
  void int2IntHashMapTellsAStoredMissingValueFromAnAbsentKeyWithContainsKey() {
    // Before: a null check. Owner 0 is a real owner.
    Map<Integer, Integer> ownersBefore = new HashMap<>();
    ownersBefore.put(7, 0);
    Integer owner = ownersBefore.get(7);
    boolean ownedBefore = owner != null;
    boolean freeBefore = ownersBefore.get(8) == null;

    // After: get(7) and get(8) both return 0, so ask containsKey ...
    Int2IntHashMap owners = new Int2IntHashMap(1_024);
    owners.put(7, 0);
    boolean owned = owners.containsKey(7);
    boolean free = !owners.containsKey(8);
    // ... or choose a missing value that is never a real value
    Int2IntHashMap ownersOrNone = new Int2IntHashMap(1_024, 0.75f, -1);
    ownersOrNone.put(7, 0);
    boolean freeToo = ownersOrNone.get(8) == -1;

    assertEquals(ownedBefore, owned);
    assertEquals(freeBefore, free);
    assertEquals(freeBefore, freeToo);
    assertEquals(0, owners.get(8), "an absent key reads as the missing value");
    assertEquals(0, owners.get(7));
    assertEquals(0, ownersOrNone.get(7), "the missing value is only what get returns when absent");
  }

  /* ---------------- HashMap<Long, V> -> Long2ObjectHashMap ---------------- */

  @Test
  void long2ObjectHashMapServesSessionsAsHashMapDoes() {
    long[] requests = {1_000_001, 1_000_002, 1_000_001, 0, 1_000_003, 1_000_002, -5};
    long now = 500;

    // Before
    Map<Long, Session> before = new HashMap<>();
    for (long id : requests) {
      Session s = before.computeIfAbsent(id, Session::new);
      s.lastSeen = id == 1_000_002 ? now : 0;
    }
    Session firstBefore = before.get(1_000_001L);
    boolean knowsBefore = before.containsKey(42L);
    before.values().removeIf(s -> s.isExpiredAt(now));

    // After
    Long2ObjectHashMap<Session> sessions = new Long2ObjectHashMap<>(100_000); // peak entries
    for (long id : requests) {
      Session s = sessions.computeIfAbsent(id, Session::new); // Session(long): no boxing
      s.lastSeen = id == 1_000_002 ? now : 0;
    }
    Session first = sessions.get(1_000_001); // null when absent, as before
    boolean knows = sessions.containsKey(42);
    var expired = sessions.newCursor(); // allocate once, reuse for every sweep
    expired.reset();
    while (expired.next()) {
      if (expired.value().isExpiredAt(now)) {
        expired.remove(); // safe mid-walk: nothing skipped or seen twice
      }
    }

    assertEquals(firstBefore.id, first.id);
    assertEquals(knowsBefore, knows);
    assertEquals(before.keySet(), keys(sessions));
    assertEquals(1, sessions.size());
    assertThrows(NullPointerException.class, () -> sessions.put(7, null));
    assertNull(sessions.get(7), "a rejected put leaves the map unchanged");
  }

  @Test
  void long2ObjectHashMapRemoveIfMatchesEntrySetRemoveIf() {
    Map<Long, Session> before = new HashMap<>();
    Long2ObjectHashMap<Session> sessions = new Long2ObjectHashMap<>(16);
    for (long id = -3; id <= 3; id++) {
      Session s = new Session(id);
      s.lastSeen = id * 100;
      before.put(id, s);
      assertNull(sessions.putIfAbsent(id, s));
    }
    long now = 250;

    before.values().removeIf(s -> s.isExpiredAt(now));
    sessions.removeIf((id, s) -> s.isExpiredAt(now)); // captures now: one small object per call

    assertEquals(before.keySet(), keys(sessions));
    assertSame(before.get(2L), sessions.getOrDefault(2, null));
  }

  /* ---------------- TreeMap<Long, V> -> Long2ObjectSkipListMap ---------------- */

  private static final long[] PRICES = {10_050, 10_010, 10_030, 10_070, 10_020, 10_060};

  @Test
  void long2ObjectSkipListMapNavigatesAsTreeMapDoes() {
    long limit = 10_045;

    // Before
    TreeMap<Long, Level> before = new TreeMap<>();
    for (long price : PRICES) {
      before.put(price, new Level(price % 100));
    }
    long bestBefore = before.firstKey();
    Level atOrBelowBefore = before.floorEntry(limit).getValue();
    Long aboveBefore = before.higherKey(10_070L); // null: there is none
    List<Long> rangeBefore = new ArrayList<>();
    for (Map.Entry<Long, Level> e : before.subMap(10_020L, 10_060L).entrySet()) {
      rangeBefore.add(e.getKey());
    }
    List<Long> descendingBefore = new ArrayList<>(before.descendingMap().keySet());

    // After
    Long2ObjectSkipListMap<Level> asks = new Long2ObjectSkipListMap<>(50_000);
    for (long price : PRICES) {
      asks.put(price, new Level(price % 100));
    }
    long best = asks.firstKey(); // NoSuchElementException when empty, as TreeMap
    Level atOrBelow = asks.floorValue(limit); // null when there is none
    long above = asks.higherKeyOrDefault(10_070, Long.MIN_VALUE); // a key no entry has
    List<Long> range = new ArrayList<>();
    var walk = asks.newCursor(); // once
    walk.seekCeiling(10_020); // before the first key >= 10_020
    while (walk.next() && walk.key() < 10_060) {
      range.add(walk.key());
    }
    List<Long> descending = new ArrayList<>();
    walk.resetToEnd();
    while (walk.previous()) {
      descending.add(walk.key());
    }

    assertEquals(bestBefore, best);
    assertEquals(atOrBelowBefore.quantity, atOrBelow.quantity);
    assertNull(aboveBefore);
    assertEquals(Long.MIN_VALUE, above);
    assertEquals(rangeBefore, range);
    assertEquals(descendingBefore, descending);
  }

  @Test
  void long2ObjectSkipListMapFloorEntryIsACursorStep() {
    TreeMap<Long, Level> before = new TreeMap<>();
    Long2ObjectSkipListMap<Level> asks = new Long2ObjectSkipListMap<>(16);
    for (long price : PRICES) {
      Level level = new Level(price);
      before.put(price, level);
      asks.put(price, level);
    }
    var c = asks.newCursor();
    for (long key = 10_000; key <= 10_080; key += 5) {
      Map.Entry<Long, Level> floor = before.floorEntry(key);
      Map.Entry<Long, Level> ceiling = before.ceilingEntry(key);

      c.seekHigher(key); // floorEntry(key): the entry before the gap
      if (c.previous()) {
        assertEquals(floor.getKey(), c.key());
        assertSame(floor.getValue(), c.value());
      } else {
        assertNull(floor);
      }
      c.seekCeiling(key); // ceilingEntry(key): the entry after the gap
      if (c.next()) {
        assertEquals(ceiling.getKey(), c.key());
        assertSame(ceiling.getValue(), c.value());
      } else {
        assertNull(ceiling);
      }
    }
  }

  @Test
  void long2ObjectSkipListMapRangesAndPollsMatchTreeMap() {
    TreeMap<Long, Level> before = new TreeMap<>();
    Long2ObjectSkipListMap<Level> asks = new Long2ObjectSkipListMap<>(16);
    for (long price : PRICES) {
      Level level = new Level(price % 3);
      before.put(price, level);
      asks.put(price, level);
    }
    before.get(10_030L).quantity = 0;

    // Before
    int inRangeBefore = before.subMap(10_020L, true, 10_060L, true).size();
    before.headMap(10_020L).clear();
    Level bestBefore = before.pollFirstEntry().getValue();
    before.values().removeIf(Level::isEmpty);
    before.tailMap(10_070L, true).clear();

    // After
    int inRange = asks.forEachInRange(10_020, true, 10_060, true, (price, level) -> {});
    asks.removeRange(Long.MIN_VALUE, 10_020); // headMap(10_020).clear()
    Level best = asks.pollFirstValue(); // null when empty (TreeMap's entry would be null)
    asks.removeIf((price, level) -> level.isEmpty());
    asks.removeRange(10_070, true, Long.MAX_VALUE, true); // tailMap(10_070, true).clear()

    assertEquals(inRangeBefore, inRange);
    assertSame(bestBefore, best);
    List<Long> keys = new ArrayList<>();
    asks.forEach((price, level) -> keys.add(price));
    assertEquals(new ArrayList<>(before.keySet()), keys);
    asks.clear();
    before.clear();
    assertThrows(NoSuchElementException.class, before::firstKey);
    assertThrows(NoSuchElementException.class, asks::firstKey);
    assertNull(asks.firstValue());
  }

  /* ---------------- ConcurrentHashMap -> sharded maps ---------------- */

  @Test
  // The before-code is the guide's shared map; this test runs both versions on one thread.
  @SuppressWarnings("UnnecessaryAsync")
  void shardedLong2ObjectMapKeepsAnIndexAsConcurrentHashMapDoes() {
    long[] ids = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    long now = 1_000;

    // Before
    ConcurrentHashMap<Long, Session> before = new ConcurrentHashMap<>();
    for (long id : ids) {
      Session s = before.computeIfAbsent(id, Session::new);
      s.lastSeen = id == 2 ? 0 : now;
      s.closed = id == 6;
    }
    Session oldBefore = before.get(4L);
    boolean replacedBefore = before.replace(4L, oldBefore, freshSession(4, now));
    boolean removedBefore = before.remove(9L, oldBefore); // not 9's session: false
    for (long id : ids) {
      before.computeIfPresent(id, (k, s) -> s.isClosed() ? null : s);
    }
    before.values().removeIf(s -> s.isExpiredAt(now));

    // After
    ShardedLong2ObjectMap<Session> sessions = new ShardedLong2ObjectMap<>(100_000);
    for (long id : ids) {
      Session s = sessions.computeIfAbsent(id, Session::new); // atomic; present: read lock-free
      s.lastSeen = id == 2 ? 0 : now;
      s.closed = id == 6;
    }
    Session old = sessions.get(4); // lock-free, writes no shared memory
    Session fresh = freshSession(4, now);
    boolean replaced = sessions.replace(4, old, fresh); // atomic compare-and-replace
    boolean removed = sessions.remove(9, old);
    for (long id : ids) {
      sessions.computeIfPresent(id, (k, s) -> s.isClosed() ? null : s); // null removes, as in CHM
    }
    sessions.removeIf((k, s) -> s.isExpiredAt(now)); // shard by shard

    assertEquals(replacedBefore, replaced);
    assertEquals(removedBefore, removed);
    assertSame(fresh, sessions.get(4));
    Set<Long> keys = new HashSet<>();
    sessions.forEach((id, s) -> keys.add(id));
    assertEquals(before.keySet(), keys);
    assertEquals(Set.of(1L, 3L, 4L, 5L, 9L), keys, "2 expired, 6 closed");
    assertEquals(before.size(), sessions.size());
  }

  private static Session freshSession(long id, long now) {
    Session s = new Session(id);
    s.lastSeen = now;
    return s;
  }

  @Test
  void shardedInt2IntMapCountsFromTwoThreadsAsConcurrentHashMapMergeDoes() throws Exception {
    final int increments = 20_000;
    ConcurrentHashMap<Integer, Integer> before = new ConcurrentHashMap<>();
    ShardedInt2IntMap hits = new ShardedInt2IntMap(10_000);
    Runnable work =
        () -> {
          for (int i = 0; i < increments; i++) {
            int endpoint = i % 37;
            before.merge(endpoint, 1, Integer::sum); // Before: a new Integer per increment
            hits.addAndGet(endpoint, 1); // After: in place, atomic, no allocation
          }
        };
    CompletableFuture<Void> other = CompletableFuture.runAsync(work);
    work.run();
    other.get(60, TimeUnit.SECONDS);

    Map<Integer, Integer> after = new HashMap<>();
    hits.forEach(after::put);
    assertEquals(before, after);
    assertEquals(0, hits.get(99), "an absent counter reads as 0");
  }

  @Test
  void shardedInt2IntMapKeepsAMaximumWithACompareAndSetLoop() throws Exception {
    int[] latencies = {120, 80, 450, 300, 451, 17, 449};
    ConcurrentHashMap<Integer, Integer> before = new ConcurrentHashMap<>();
    ShardedInt2IntMap slowest = new ShardedInt2IntMap(1_000);
    Runnable work =
        () -> {
          for (int round = 0; round < 500; round++) {
            for (int latency : latencies) {
              int endpoint = latency % 3;
              before.merge(endpoint, latency, Math::max);
              recordMax(slowest, endpoint, latency);
            }
          }
        };
    CompletableFuture<Void> other = CompletableFuture.runAsync(work);
    work.run();
    other.get(60, TimeUnit.SECONDS);

    Map<Integer, Integer> after = new HashMap<>();
    slowest.forEach(after::put);
    assertEquals(before, after);
  }

  /** The guide's replacement for {@code merge(key, value, Math::max)}. */
  static void recordMax(ShardedInt2IntMap slowest, int endpoint, int micros) {
    slowest.putIfAbsent(endpoint, Integer.MIN_VALUE); // the identity of max: the key is now there
    int seen = slowest.get(endpoint);
    while (micros > seen && !slowest.replace(endpoint, seen, micros)) {
      seen = slowest.get(endpoint); // another thread won the race: look again
    }
  }

  /* ---------------- ArrayBlockingQueue -> RingBuffer ---------------- */

  private static final int MESSAGES = 10_000;

  @Test
  void ringBufferDeliversWhatArrayBlockingQueueDelivers() throws Exception {
    // Before
    BlockingQueue<Order> queue = new ArrayBlockingQueue<>(1024);
    CompletableFuture<Void> producerBefore =
        CompletableFuture.runAsync(
            () -> {
              try {
                for (int i = 0; i < MESSAGES; i++) {
                  queue.put(new Order(i, 10_000L + i, i % 7)); // a new object per message
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    long quantitiesBefore = 0;
    boolean inOrderBefore = true;
    for (int i = 0; i < MESSAGES; i++) {
      Order o = queue.take();
      inOrderBefore &= o.id == i;
      quantitiesBefore += o.quantity;
    }
    producerBefore.get(60, TimeUnit.SECONDS);

    // After
    RingBuffer<Order> ring = RingBuffer.singleProducer(1024, Order::new); // every slot made now
    CompletableFuture<Void> producer =
        CompletableFuture.runAsync(
            () -> {
              IdleStrategy idle = new BackoffIdleStrategy();
              for (int i = 0; i < MESSAGES; i++) {
                long seq = ring.claim(idle); // waits while the ring is full, like put
                ring.slot(seq).set(i, 10_000L + i, i % 7); // fill the slot in place
                ring.publish(seq);
              }
            });
    OrderConsumer consumer = new OrderConsumer();
    IdleStrategy idle = new BackoffIdleStrategy();
    while (consumer.handled < MESSAGES) {
      idle.idle(ring.drain(consumer::handle)); // take(): every published slot, in order
    }
    producer.get(60, TimeUnit.SECONDS);

    assertEquals(quantitiesBefore, consumer.quantities);
    assertEquals(MESSAGES, consumer.handled);
    assertTrue(inOrderBefore);
    assertTrue(consumer.inOrder, "one producer's messages arrive in the order it claimed them");
    assertTrue(ring.isEmpty());
  }

  /** A consumer that reads each slot in place and keeps nothing of it. */
  static final class OrderConsumer {
    int handled;
    long quantities;
    boolean inOrder = true;

    void handle(Order order) {
      inOrder &= order.id == handled;
      quantities += order.quantity; // read what you need; never keep the slot itself
      handled++;
    }
  }

  @Test
  void ringBufferOfferAndPollMatchTheQueuesNonBlockingCalls() {
    OrderRequest request = new OrderRequest(1, 10_010, 5);

    // Before
    BlockingQueue<Order> queue = new ArrayBlockingQueue<>(2);
    int offeredBefore = 0;
    for (int i = 0; i < 3; i++) {
      if (queue.offer(new Order(request.id(), request.price(), request.quantity()))) {
        offeredBefore++; // false when full
      }
    }
    Order polled = queue.poll();
    List<Order> batch = new ArrayList<>();
    int drainedBefore = queue.drainTo(batch, 64);

    // After
    RingBuffer<Order> ring = RingBuffer.singleProducer(2, Order::new);
    int offered = 0;
    for (int i = 0; i < 3; i++) {
      if (ring.offer(Order::copyFrom, request)) { // claim + copy + publish; false when full
        offered++;
      }
    }
    List<Long> seen = new ArrayList<>();
    int polledCount = ring.drain(order -> seen.add(order.id), 1); // poll(): 0 when empty
    int drained = ring.drain(order -> seen.add(order.id), 64); // drainTo(batch, 64)

    assertEquals(offeredBefore, offered);
    assertEquals(polled != null ? 1 : 0, polledCount);
    assertEquals(drainedBefore, drained);
    assertEquals(List.of(1L, 1L), seen);
    assertEquals(0, ring.drain(order -> seen.add(order.id), 1), "poll on an empty ring");
  }

  @Test
  void ringBufferBatchClaimPublishesLikeAddAll() {
    BlockingQueue<Long> queue = new ArrayBlockingQueue<>(8);
    queue.addAll(List.of(7L, 8L, 9L));

    RingBuffer<Order> ring = RingBuffer.multiProducer(8, Order::new);
    long first = ring.tryClaim(3); // 3 consecutive slots or none (-1)
    for (long seq = first; seq < first + 3; seq++) {
      ring.slot(seq).set(7 + seq - first, 0, 0);
    }
    ring.publish(first, first + 2);

    List<Long> seen = new ArrayList<>();
    ring.drain(order -> seen.add(order.id));
    assertEquals(new ArrayList<>(queue), seen);
  }

  /* ---------------- Objects that outlive a message: ObjectPool ---------------- */

  @Test
  void pooledOrdersOutliveTheirSlotWithoutAllocating() {
    RingBuffer<Order> ring = RingBuffer.singleProducer(64, Order::new);
    OrderBook book = new OrderBook();
    for (int i = 1; i <= 10; i++) {
      assertTrue(ring.offer(Order::copyFrom, new OrderRequest(i, 10_000L + i, i)));
    }
    ring.drain(book::onNewOrder);

    assertEquals(10, book.resting.size());
    assertEquals(10, book.orders.outstanding());
    var c = book.resting.newCursor();
    for (int i = 0; i < ring.capacity(); i++) {
      Order slot = ring.slot(i);
      c.reset();
      while (c.next()) {
        assertNotSame(slot, c.value(), "the book keeps copies, never a ring slot");
      }
    }
    assertEquals(3, book.resting.get(3).quantity);

    book.onCancel(3);
    book.onCancel(3);
    assertNull(book.resting.get(3));
    assertEquals(9, book.orders.outstanding());
    assertEquals(0, book.orders.misses());
  }

  /** The guide's consumer: copies the orders that rest into pooled objects. */
  static final class OrderBook {
    final ObjectPool<Order> orders = new ObjectPool<>(4_096, Order::new, Order::clear);
    final Long2ObjectHashMap<Order> resting = new Long2ObjectHashMap<>(4_096);

    void onNewOrder(Order slot) { // the ring's handler: slot is reused once this returns
      Order order = orders.acquire(); // a pooled Order, not the slot
      order.copyFrom(slot);
      resting.put(order.id, order);
    }

    void onCancel(long id) {
      Order order = resting.remove(id);
      if (order != null) {
        orders.release(order); // reset (Order::clear) and idle again
      }
    }
  }

  /* ---------------- Confirming the win in a test ---------------- */

  @Test
  void threadAllocatedBytesShowAMigratedPathAllocatesNothing() {
    Long2ObjectHashMap<Session> sessions = new Long2ObjectHashMap<>(1_000);
    for (long id = 1_000_000; id < 1_001_000; id++) {
      sessions.put(id, new Session(id));
    }
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 100_000; i++) {
      handleRequest(sessions, i); // warm up: let the JIT compile it
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      handleRequest(sessions, i);
    }
    long bytesPerRequest = (threads.getCurrentThreadAllocatedBytes() - before) / 100_000;

    assertEquals(0, bytesPerRequest);
    assertEquals(1_000, sessions.size());
  }

  private static void handleRequest(Long2ObjectHashMap<Session> sessions, int i) {
    Session s = sessions.get(1_000_000L + i % 1_000);
    s.lastSeen = i;
  }

  /* ---------------- Callers that still need a java.util type: the views ---------------- */

  @Test
  void viewsPassTheMapsWhereTheJdkTypeIsExpected() {
    Int2IntHashMap hits = new Int2IntHashMap(16);
    hits.put(404, 0); // 0 stored: the missing value, as a real count
    Long2ObjectHashMap<Session> sessions = new Long2ObjectHashMap<>();
    sessions.put(7L, new Session(7L));
    Long2ObjectSkipListMap<Level> asks = new Long2ObjectSkipListMap<>();
    asks.put(101L, new Level(5));
    asks.put(103L, new Level(2));
    ShardedLong2ObjectMap<Session> sharedSessions = new ShardedLong2ObjectMap<>(16);
    ShardedInt2IntMap sharedCounts = new ShardedInt2IntMap(16);

    Map<Integer, Integer> legacyHits = hits.asMap(); // Int2IntHashMap
    Map<Long, Session> legacy = sessions.asMap(); // Long2ObjectHashMap
    NavigableMap<Long, Level> legacyBook = asks.asNavigableMap(); // Long2ObjectSkipListMap
    ConcurrentMap<Long, Session> shared = sharedSessions.asMap(); // ShardedLong2ObjectMap
    ConcurrentMap<Integer, Integer> sharedHits = sharedCounts.asMap(); // ShardedInt2IntMap

    // The same instance every time, live and read-write.
    assertSame(legacyHits, hits.asMap());
    assertSame(shared, sharedSessions.asMap());
    legacy.put(8L, new Session(8L));
    assertTrue(sessions.containsKey(8L));
    sharedCounts.addAndGet(200, 3);
    assertEquals(3, sharedHits.get(200));
    shared.putIfAbsent(9L, new Session(9L));
    assertTrue(sharedSessions.containsKey(9L));
    assertEquals(103L, legacyBook.lastKey());
    assertEquals(Set.of(101L), legacyBook.headMap(103L).keySet());

    // Absent reads as null, not as the missing value; a stored missing value reads as itself.
    assertNull(legacyHits.get(500));
    assertEquals(0, legacyHits.get(404));
    assertNull(sharedHits.get(500));

    // Nulls are rejected, the map unchanged.
    assertThrows(NullPointerException.class, () -> legacy.put(10L, null));
    assertThrows(NullPointerException.class, () -> shared.get(null));
    assertEquals(2, sessions.size());

    // Compare with a JDK map through the view.
    Map<Integer, Integer> jdkMap = new HashMap<>(Map.of(404, 0));
    assertTrue(legacyHits.equals(jdkMap));
    assertEquals(jdkMap, legacyHits);
  }

  /* ---------------- Helpers ---------------- */

  private static Map<Integer, Integer> boxed(Int2IntHashMap map) {
    Map<Integer, Integer> copy = new HashMap<>();
    map.forEach(copy::put);
    return copy;
  }

  private static Set<Long> keys(Long2ObjectHashMap<?> map) {
    Set<Long> keys = new HashSet<>();
    map.forEach((key, value) -> keys.add(key));
    return keys;
  }

  @Test
  void helpersCopyEveryEntry() {
    Int2IntHashMap map = new Int2IntHashMap();
    map.put(0, 5);
    map.put(-1, 0);
    assertEquals(Map.of(0, 5, -1, 0), boxed(map));
    Long2ObjectHashMap<String> objects = new Long2ObjectHashMap<>();
    objects.put(0, "zero");
    objects.put(Long.MIN_VALUE, "min");
    assertEquals(Set.of(0L, Long.MIN_VALUE), keys(objects));
    assertTrue(keys(new Long2ObjectHashMap<>()).isEmpty());
  }
}
