package org.hotpath.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.hotpath.concurrent.ShardedLong2ObjectMap;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The optimistic readers of {@link ShardedLong2ObjectMap} against one writer, on a one-shard map.
 *
 * <ul>
 *   <li>Publication: a value object whose fields were written plainly before {@code put} is seen
 *       by a reader that finds the key with those fields, never default-initialised (the insert
 *       stores the value, the key, then the header's tag, with release; the reader loads the
 *       header, the key and the value with acquire).
 *   <li>No wrong-key values: a reader never returns another key's value, and never misses a key
 *       that is present throughout, while the writer inserts into the same chunk, grows the table,
 *       moves another key to its second chunk to make room (a cuckoo move), or removes another
 *       key of the chunk (whose slot a later insert may reuse).
 * </ul>
 *
 * <p>Value objects carry {@code x = key's tag, y = x * 11}; the results encode a get as {@code x}
 * (consistent) or -1 (null) or {@code 9999} (fields not as written: torn or default).
 */
public final class ShardedLong2ObjectMapTest {

  static final int NULL = -1;
  static final int TORN = 9999;

  private ShardedLong2ObjectMapTest() {}

  /** A value with plain fields, written by its creator before it is put. */
  static final class Value {
    int x;
    int y;

    static Value of(int tag) {
      Value v = new Value();
      v.x = tag;
      v.y = tag * 11;
      return v;
    }
  }

  static int read(ShardedLong2ObjectMap<Value> map, long key) {
    Value v = map.get(key);
    if (v == null) {
      return NULL;
    }
    int x = v.x;
    return x != 0 && v.y == x * 11 ? x : TORN;
  }

  /** A fresh value object: its fields are written in the writer's actor, then it is put. */
  @JCStressTest
  @Description("put(key, new value written plainly) races get(key): value never default")
  @Outcome(id = "-1", expect = ACCEPTABLE, desc = "Not inserted yet")
  @Outcome(id = "1", expect = ACCEPTABLE, desc = "Inserted, the value's fields as written")
  @Outcome(
      id = "9999",
      expect = FORBIDDEN,
      desc = "Key seen with a value whose fields are default or half-written")
  @Outcome(expect = FORBIDDEN, desc = "Anything else")
  @State
  public static class Publication {
    private final ShardedLong2ObjectMap<Value> map = new ShardedLong2ObjectMap<>(16, 1);

    @Actor
    public void writer() {
      map.put(42L, Value.of(1));
    }

    @Actor
    public void reader(I_Result r) {
      r.r1 = read(map, 42L);
    }
  }

  /**
   * Insert beside a key: {@code b} is present in the first chunk that {@code a} shares, so {@code
   * a} lands in another slot of it. A reader of both keys sees {@code b}'s value always, and {@code
   * a}'s or null, never the other's.
   */
  @JCStressTest
  @Description("put(a) into b's chunk races get(a), get(b): never another key's value")
  @Outcome(id = "-1, 2", expect = ACCEPTABLE, desc = "a not inserted yet; b present")
  @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "a inserted; b present")
  @Outcome(id = {"2, .*", ".*, 1"}, expect = FORBIDDEN, desc = "Another key's value returned")
  @Outcome(id = ".*, -1", expect = FORBIDDEN, desc = "b, present throughout, reported absent")
  @Outcome(expect = FORBIDDEN, desc = "A torn or default value object (9999), or anything else")
  @State
  public static class InsertIntoChunk {
    private final ShardedLong2ObjectMap<Value> map = new ShardedLong2ObjectMap<>(16, 1);
    private final long a;
    private final long b;

    public InsertIntoChunk() {
      long[] keys = Keys.collidingLongs((int) map.capacity(), 1000);
      b = keys[0];
      a = keys[1];
      map.put(b, Value.of(2));
    }

    @Actor
    public void writer() {
      map.put(a, Value.of(1));
    }

    @Actor
    public void reader(II_Result r) {
      r.r1 = read(map, a);
      r.r2 = read(map, b);
    }
  }

  /**
   * Removal beside a key: {@code b} and {@code a} share a chunk; the writer removes {@code b} (a
   * WRITING section of the seqlock, since its slot may be reused). A reader never misses {@code
   * a}, and never gets {@code a}'s value for {@code b}.
   */
  @JCStressTest
  @Description("remove(b) from a's chunk races get(a), get(b)")
  @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "Before the removal")
  @Outcome(id = "1, -1", expect = ACCEPTABLE, desc = "After the removal")
  @Outcome(id = "-1, .*", expect = FORBIDDEN, desc = "a, present throughout, missed")
  @Outcome(id = ".*, 1", expect = FORBIDDEN, desc = "a's value returned for b")
  @Outcome(expect = FORBIDDEN, desc = "A torn or default value object (9999), or anything else")
  @State
  public static class RemoveBeside {
    private final ShardedLong2ObjectMap<Value> map = new ShardedLong2ObjectMap<>(16, 1);
    private final long a;
    private final long b;

    public RemoveBeside() {
      long[] keys = Keys.collidingLongs((int) map.capacity(), 1000);
      b = keys[0];
      a = keys[1];
      map.put(b, Value.of(2));
      map.put(a, Value.of(1));
    }

    @Actor
    public void writer() {
      map.remove(b);
    }

    @Actor
    public void reader(II_Result r) {
      r.r1 = read(map, a);
      r.r2 = read(map, b);
    }
  }

  /**
   * A cuckoo move: {@code a}'s two chunks are full, so {@code put(a)} first moves a resident (key
   * and value) of one of them to that resident's other chunk, while the reader looks up all
   * fourteen residents, each of whose value objects carries 5.
   */
  @JCStressTest
  @Description("put(a) that moves another key and its value to its second chunk races get of every resident")
  @Outcome(id = "-1, 14", expect = ACCEPTABLE, desc = "a not inserted yet; every resident found with its value")
  @Outcome(id = "1, 14", expect = ACCEPTABLE, desc = "a inserted, a resident moved; every resident found")
  @Outcome(id = ".*, ([0-9]|1[0-3])", expect = FORBIDDEN, desc = "A resident missed, or seen with a wrong, torn or default value")
  @Outcome(expect = FORBIDDEN, desc = "Anything else")
  @State
  public static class CuckooMove {
    static final int EXPECTED = 64;

    /** The layout, computed and checked once: see {@link #layout()}. */
    static final long[] KEYS = layout();

    private final ShardedLong2ObjectMap<Value> map = new ShardedLong2ObjectMap<>(EXPECTED, 1);
    private final long[] residents = new long[2 * Keys.PER_CHUNK];
    private final long a;

    public CuckooMove() {
      for (int i = 0; i < residents.length; i++) {
        residents[i] = KEYS[i];
        map.put(residents[i], Value.of(5));
      }
      a = KEYS[residents.length];
    }

    /**
     * {@link Keys#cuckooKeys} for this map; X and Y full means {@code put(a)} must move a resident,
     * unless the table grows instead, which would make this an ordinary growth test: checked here.
     */
    private static long[] layout() {
      ShardedLong2ObjectMap<Value> m = new ShardedLong2ObjectMap<>(EXPECTED, 1);
      long capacity = m.capacity();
      long[] keys = Keys.cuckooKeys((int) capacity, 1000);
      for (long k : keys) {
        m.put(k, Value.of(5));
      }
      if (m.capacity() != capacity || m.size() != keys.length) {
        throw new IllegalStateException("the cuckoo-move layout grew the table or lost a key");
      }
      return keys;
    }

    @Actor
    public void writer() {
      map.put(a, Value.of(1));
    }

    @Actor
    public void reader(II_Result r) {
      r.r1 = read(map, a);
      int found = 0;
      for (long k : residents) {
        if (read(map, k) == 5) {
          found++;
        }
      }
      r.r2 = found;
    }
  }

  /**
   * Growth: the shard is one entry short of its growth threshold, so {@code put(a)} rebuilds the
   * table and swaps it in while the reader reads {@code a} and an older key {@code c}.
   */
  @JCStressTest
  @Description("put(a) that grows the shard races get(a), get(c) of an older key")
  @Outcome(id = "-1, 3", expect = ACCEPTABLE, desc = "a not inserted yet; c present")
  @Outcome(id = "1, 3", expect = ACCEPTABLE, desc = "a inserted (table grown); c present")
  @Outcome(id = ".*, -1", expect = FORBIDDEN, desc = "c, present throughout, missed (torn swap)")
  @Outcome(
      expect = FORBIDDEN,
      desc = "A value of another key, torn or default (9999) value object, or anything else")
  @State
  public static class Growth {
    /** Entries a fresh one-shard map for EXPECTED holds without growing (measured, see below). */
    static final int EXPECTED = 4;

    static final int FILL = fill();

    private final ShardedLong2ObjectMap<Value> map = new ShardedLong2ObjectMap<>(EXPECTED, 1);

    public Growth() {
      map.put(1, Value.of(3)); // c = 1
      for (int k = 2; k <= FILL; k++) {
        map.put(k, Value.of(4));
      }
    }

    @Actor
    public void writer() {
      map.put(1_000_000L, Value.of(1));
    }

    @Actor
    public void reader(II_Result r) {
      r.r1 = read(map, 1_000_000L);
      r.r2 = read(map, 1);
    }

    /** How many keys 1..n fit before the next insert grows the table (growth counts entries). */
    private static int fill() {
      ShardedLong2ObjectMap<Value> m = new ShardedLong2ObjectMap<>(EXPECTED, 1);
      long capacity = m.capacity();
      int n = 0;
      while (true) {
        m.put(n + 1, Value.of(4));
        if (m.capacity() != capacity) {
          return n;
        }
        n++;
      }
    }
  }
}
