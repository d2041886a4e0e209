package org.hotpath.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.hotpath.concurrent.ShardedInt2IntMap;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The optimistic readers of {@link ShardedInt2IntMap} against one writer, on a one-shard map with
 * missing value -1, so that 0 (a default-initialised value) is distinguishable from absence. A
 * slot packs key and value into one {@code long}, so a reader that finds a key must see its value;
 * a reader never returns another key's value, never misses a key present throughout. Keys {@code
 * a, b, c} map to 10, 20, 30. Results are {@code get} results.
 */
public final class ShardedInt2IntMapTest {

  static final int MISSING = -1;

  private ShardedInt2IntMapTest() {}

  /** Insert beside a key: {@code a} shares {@code b}'s first chunk and lands in it. */
  @JCStressTest
  @Description("put(a, 10) into b's chunk races get(a), get(b)")
  @Outcome(id = "-1, 20", expect = ACCEPTABLE, desc = "a not inserted yet; b present")
  @Outcome(id = "10, 20", expect = ACCEPTABLE, desc = "a inserted; b present")
  @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "a seen with a default (0) value")
  @Outcome(id = {"20, .*", ".*, 10"}, expect = FORBIDDEN, desc = "Another key's value returned")
  @Outcome(expect = FORBIDDEN, desc = "b, present throughout, missed; or anything else")
  @State
  public static class InsertIntoChunk {
    private final ShardedInt2IntMap map = new ShardedInt2IntMap(16, 1, MISSING);
    private final int a;
    private final int b;

    public InsertIntoChunk() {
      int[] keys = Keys.collidingInts((int) map.capacity(), 1000);
      b = keys[0];
      a = keys[1];
      map.put(b, 20);
    }

    @Actor
    public void writer() {
      map.put(a, 10);
    }

    @Actor
    public void reader(II_Result r) {
      r.r1 = map.get(a);
      r.r2 = map.get(b);
    }
  }

  /** Removal of {@code b} from the chunk it shares with {@code a}. */
  @JCStressTest
  @Description("remove(b) from a's chunk races get(a), get(b)")
  @Outcome(id = "10, 20", expect = ACCEPTABLE, desc = "Before the removal")
  @Outcome(id = "10, -1", expect = ACCEPTABLE, desc = "After the removal")
  @Outcome(id = "-1, .*", expect = FORBIDDEN, desc = "a, present throughout, missed")
  @Outcome(id = ".*, 10", expect = FORBIDDEN, desc = "a's value returned for b")
  @Outcome(expect = FORBIDDEN, desc = "Anything else")
  @State
  public static class RemoveBeside {
    private final ShardedInt2IntMap map = new ShardedInt2IntMap(16, 1, MISSING);
    private final int a;
    private final int b;

    public RemoveBeside() {
      int[] keys = Keys.collidingInts((int) map.capacity(), 1000);
      b = keys[0];
      a = keys[1];
      map.put(b, 20);
      map.put(a, 10);
    }

    @Actor
    public void writer() {
      map.remove(b);
    }

    @Actor
    public void reader(II_Result r) {
      r.r1 = map.get(a);
      r.r2 = map.get(b);
    }
  }

  /**
   * A cuckoo move: {@code a}'s two chunks are full, so {@code put(a)} first moves a resident of
   * one of them to that resident's other chunk, while the reader looks up all fourteen residents.
   */
  @JCStressTest
  @Description("put(a, 10) that moves another key to its second chunk races get(a) and get of every resident")
  @Outcome(id = "-1, 14", expect = ACCEPTABLE, desc = "a not inserted yet; every resident found")
  @Outcome(id = "10, 14", expect = ACCEPTABLE, desc = "a inserted, a resident moved; every resident found")
  @Outcome(id = ".*, ([0-9]|1[0-3])", expect = FORBIDDEN, desc = "A resident, present throughout, missed (mid-move)")
  @Outcome(expect = FORBIDDEN, desc = "A default or another key's value, or anything else")
  @State
  public static class CuckooMove {
    static final int EXPECTED = 64;

    /** The layout, computed and checked once: see {@link #layout()}. */
    static final long[] KEYS = layout();

    private final ShardedInt2IntMap map = new ShardedInt2IntMap(EXPECTED, 1, MISSING);
    private final int[] residents = new int[2 * Keys.PER_CHUNK];
    private final int a;

    public CuckooMove() {
      for (int i = 0; i < residents.length; i++) {
        residents[i] = (int) KEYS[i];
        map.put(residents[i], 40);
      }
      a = (int) KEYS[residents.length];
    }

    /**
     * {@link Keys#cuckooKeys} for this map; X and Y full means {@code put(a)} must move a resident,
     * unless the table grows instead, which would make this an ordinary growth test: checked here.
     */
    private static long[] layout() {
      ShardedInt2IntMap m = new ShardedInt2IntMap(EXPECTED, 1, MISSING);
      long capacity = m.capacity();
      long[] keys = Keys.cuckooKeys((int) capacity, 1000);
      for (long k : keys) {
        m.put((int) k, 40);
      }
      if (m.capacity() != capacity || m.size() != keys.length) {
        throw new IllegalStateException("the cuckoo-move layout grew the table or lost a key");
      }
      return keys;
    }

    @Actor
    public void writer() {
      map.put(a, 10);
    }

    @Actor
    public void reader(II_Result r) {
      r.r1 = map.get(a);
      int found = 0;
      for (int k : residents) {
        if (map.get(k) == 40) {
          found++;
        }
      }
      r.r2 = found;
    }
  }

  /** Growth: {@code put(a)} rebuilds and swaps the table while {@code c} is read. */
  @JCStressTest
  @Description("put(a, 10) that grows the shard races get(a), get(c) of an older key")
  @Outcome(id = "-1, 30", expect = ACCEPTABLE, desc = "a not inserted yet; c present")
  @Outcome(id = "10, 30", expect = ACCEPTABLE, desc = "a inserted (table grown); c present")
  @Outcome(id = ".*, -1", expect = FORBIDDEN, desc = "c, present throughout, missed (torn swap)")
  @Outcome(expect = FORBIDDEN, desc = "A default or another key's value, or anything else")
  @State
  public static class Growth {
    static final int EXPECTED = 4;

    /** Keys 1..FILL fit in a fresh one-shard map for EXPECTED; one more key grows it. */
    static final int FILL = fill();

    private final ShardedInt2IntMap map = new ShardedInt2IntMap(EXPECTED, 1, MISSING);

    public Growth() {
      map.put(1, 30); // c = 1
      for (int k = 2; k <= FILL; k++) {
        map.put(k, 40);
      }
    }

    @Actor
    public void writer() {
      map.put(1_000_000, 10);
    }

    @Actor
    public void reader(II_Result r) {
      r.r1 = map.get(1_000_000);
      r.r2 = map.get(1);
    }

    private static int fill() {
      ShardedInt2IntMap m = new ShardedInt2IntMap(EXPECTED, 1, MISSING);
      long capacity = m.capacity();
      int n = 0;
      while (true) {
        m.put(n + 1, 40);
        if (m.capacity() != capacity) {
          return n;
        }
        n++;
      }
    }
  }
}
