package org.hotpath.pool;

import static org.hotpath.testing.ModelBased.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.hotpath.pool.PoolKind.Pool;
import org.hotpath.testing.ModelBased;
import org.hotpath.testing.ModelBased.Operation;

/**
 * On one thread, both pools behave like a simple model under any sequence of operations: a stack
 * of idle member numbers (last released first), a flag per member that is out, a count of surplus
 * objects out, and the miss and drop counters. The operations include every misuse: double
 * releases, releases of members never acquired, of surplus objects already dropped, of foreign
 * objects, of null, acquires past empty under both policies, and reset actions that throw. The
 * statistics ({@code readStats}) carry the same figures after every step.
 */
class PoolProperties {

  /** Objects the pool never made, released now and then. */
  private static final int FOREIGN = 2;

  /** The pool under test and its model. */
  static final class Subject {
    final int capacity;
    final WhenEmpty whenEmpty;
    /** Every item the factory made, by id: the members first, then surplus items. */
    final List<Item> made = new ArrayList<>();
    final List<Item> foreign = new ArrayList<>();
    final Pool<Item> pool;
    final PoolKind kind;
    final PoolStats stats = new PoolStats();
    boolean resetFails;

    /* The model. */
    final Deque<Integer> idle = new ArrayDeque<>();
    final boolean[] out;
    /** Surplus items handed out and not released, as far as the test knows; for picking. */
    final List<Item> surplusHeld = new ArrayList<>();
    long surplusOut;
    long misses;
    long drops;
    final List<Integer> resets = new ArrayList<>();

    Subject(PoolKind kind, int capacity, WhenEmpty whenEmpty) {
      this.capacity = capacity;
      this.whenEmpty = whenEmpty;
      this.pool = kind.create(capacity, this::make, this::reset, whenEmpty);
      this.kind = kind;
      this.out = new boolean[capacity];
      for (int id = capacity - 1; id >= 0; id--) {
        idle.push(id);
      }
      for (int i = 0; i < FOREIGN; i++) {
        foreign.add(new Item(-1 - i));
      }
    }

    private Item make() {
      Item item = new Item(made.size());
      made.add(item);
      resets.add(0);
      return item;
    }

    private void reset(Item item) {
      if (resetFails) {
        throw new IllegalArgumentException("reset failed");
      }
      Item.reset(item);
    }

    /** Ids are unique: members 0 to capacity - 1, surplus items above, foreign ones negative. */
    boolean isMember(Item item) {
      return item.id >= 0 && item.id < capacity;
    }

    /** Objects the test holds: members out and surplus items not yet released. */
    List<Item> held() {
      List<Item> held = new ArrayList<>();
      for (int id = 0; id < capacity; id++) {
        if (out[id]) {
          held.add(made.get(id));
        }
      }
      held.addAll(surplusHeld);
      return held;
    }

    /** Every object the test has a reference to. */
    List<Item> known() {
      List<Item> known = new ArrayList<>(made);
      known.addAll(foreign);
      return known;
    }

    /** The same counters, and every member reset exactly once per successful release. */
    void checkInvariants() {
      int membersOut = 0;
      for (boolean o : out) {
        membersOut += o ? 1 : 0;
      }
      assertEquals(capacity, pool.capacity(), "capacity");
      assertEquals(idle.size(), pool.available(), "available");
      assertEquals(membersOut + surplusOut, pool.outstanding(), "outstanding");
      assertEquals(misses, pool.misses(), "misses");
      assertEquals(drops, pool.drops(), "drops");
      PoolStats s = pool.readStats(stats);
      assertEquals(kind.concurrent(), s.concurrent(), "stats concurrent");
      assertEquals(whenEmpty, s.whenEmpty(), "stats whenEmpty");
      assertEquals(capacity, s.capacity(), "stats capacity");
      assertEquals(idle.size(), s.available(), "stats available");
      assertEquals(membersOut + surplusOut, s.outstanding(), "stats outstanding");
      assertEquals(surplusOut, s.surplusOut(), "stats surplus out");
      assertEquals(misses, s.misses(), "stats misses");
      assertEquals(drops, s.drops(), "stats drops");
      for (Item item : made) {
        assertEquals(resets.get(item.id).intValue(), item.resets, "resets of " + item);
      }
    }

    /** Releases {@code item} in the pool and in the model, and asserts both agree. */
    void release(Item item) {
      if (isMember(item)) {
        if (!out[item.id]) {
          String before = pool.toString();
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> pool.release(item));
          assertTrue(e.getMessage().startsWith("released twice: "), e.getMessage());
          assertEquals(before, pool.toString(), "unchanged");
          return;
        }
        if (resetFails) {
          String before = pool.toString();
          assertThrows(IllegalArgumentException.class, () -> pool.release(item));
          assertEquals(before, pool.toString(), "unchanged");
          return;
        }
        pool.release(item);
        out[item.id] = false;
        idle.push(item.id);
        resets.set(item.id, resets.get(item.id) + 1);
        return;
      }
      if (surplusOut == 0) {
        String before = pool.toString();
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> pool.release(item));
        assertTrue(e.getMessage().startsWith("not handed out by this pool: "), e.getMessage());
        assertEquals(before, pool.toString(), "unchanged");
        return;
      }
      pool.release(item); // a surplus object, or taken for one: dropped, never reset
      surplusOut--;
      drops++;
      surplusHeld.removeIf(x -> x.id == item.id); // by id: every Item equals every other
    }
  }

  @Property(tries = 400)
  void behavesLikeTheModel(
      @ForAll PoolKind kind,
      @ForAll @IntRange(min = 1, max = 8) int capacity,
      @ForAll WhenEmpty whenEmpty,
      @ForAll("operations") List<Operation<Subject>> operations) {
    ModelBased.run(new Subject(kind, capacity, whenEmpty), operations, Subject::checkInvariants);
  }

  @Provide
  Arbitrary<List<Operation<Subject>>> operations() {
    Arbitrary<Integer> picks = Arbitraries.integers().between(0, 1_000);
    return Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.just(acquire())),
            Tuple.of(8, picks.map(PoolProperties::releaseHeld)),
            Tuple.of(3, picks.map(PoolProperties::releaseAny)),
            Tuple.of(1, picks.map(PoolProperties::releaseHeldWithFailingReset)),
            Tuple.of(1, Arbitraries.just(releaseNull())))
        .list()
        .ofMaxSize(80);
  }

  /* ---------------- Operations: each asserts the pool answers as the model does ---------------- */

  static Operation<Subject> acquire() {
    return op("acquire()", s -> {
      if (!s.idle.isEmpty()) {
        int id = s.idle.pop();
        s.out[id] = true;
        assertSame(s.made.get(id), s.pool.acquire(), "the last released idle member");
        return;
      }
      s.misses++;
      if (s.whenEmpty == WhenEmpty.THROW) {
        IllegalStateException e = assertThrows(IllegalStateException.class, s.pool::acquire);
        assertTrue(e.getMessage().startsWith("pool of " + s.capacity + " is empty"), e.getMessage());
        return;
      }
      Item surplus = s.pool.acquire();
      assertSame(s.made.get(s.made.size() - 1), surplus, "a new surplus item");
      s.surplusOut++;
      s.surplusHeld.add(surplus);
    });
  }

  /** Releases an object the test holds, if any: the normal use. */
  static Operation<Subject> releaseHeld(int pick) {
    return op("releaseHeld(" + pick + ")", s -> {
      List<Item> held = s.held();
      if (!held.isEmpty()) {
        s.release(held.get(pick % held.size()));
      }
    });
  }

  /**
   * Releases any object the test knows: idle members (double release), surplus items already
   * dropped, foreign items.
   */
  static Operation<Subject> releaseAny(int pick) {
    return op("releaseAny(" + pick + ")", s -> {
      List<Item> known = s.known();
      s.release(known.get(pick % known.size()));
    });
  }

  /** Releases a held object with a reset action that throws: a member stays out. */
  static Operation<Subject> releaseHeldWithFailingReset(int pick) {
    return op("releaseHeldWithFailingReset(" + pick + ")", s -> {
      List<Item> held = s.held();
      if (!held.isEmpty()) {
        s.resetFails = true;
        try {
          s.release(held.get(pick % held.size()));
        } finally {
          s.resetFails = false;
        }
      }
    });
  }

  static Operation<Subject> releaseNull() {
    return op("release(null)", s -> {
      String before = s.pool.toString();
      assertThrows(NullPointerException.class, () -> s.pool.release(null));
      assertEquals(before, s.pool.toString(), "unchanged");
    });
  }
}
