package org.hotpath.pool;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link ConcurrentObjectPool} by Lincheck, in model-checking mode (systematic
 * interleavings) and stress mode (real threads), against a sequential model: a stack of idle member
 * numbers (last released first) and the set of members out. A pool of 2 members that throws when
 * empty, so that every result is predictable: {@code acquire} answers the member's number, or -1.
 *
 * <p>Two configurations, because the pool is linearizable for correct use, and for misuse only in
 * part (see the class comment of {@code ConcurrentObjectPool}):
 *
 * <ul>
 *   <li>{@link HandOuts}: correct use. Two holders, {@code a} and {@code b}, each acquire objects
 *       and release the oldest one they hold; each holder's operations form a Lincheck
 *       non-parallel group, so it runs on one thread, like a real holder. This is where the idle
 *       stack races: pops against pushes, pops against pops, and ABA (a pop that stalls while the
 *       other thread pops both members and pushes the first back).
 *   <li>{@link Releases}: racing releases. Both members are out from the start, and the threads
 *       release them, each other's, twice, and a foreign object: of two racing releases of one
 *       member exactly one must succeed, and the member must become idle once. Acquires run only
 *       after the threads, in the final part of the targeted scenarios: a release of a member
 *       that another thread is still acquiring or releasing is a misuse whose outcome depends on
 *       timing, so no sequential model predicts it.
 * </ul>
 *
 * <p>The counters ({@code available}, {@code outstanding}, {@code misses}) are not operations: they
 * are documented as exact only when no call is in flight, and are checked there, in the final part
 * of every targeted scenario.
 *
 * <p>Each structure builds its pool in its first call, which is always in the initial, sequential
 * part of a scenario (random scenarios have {@code actorsBefore} calls there; the targeted ones
 * start with {@code available()}), not in its constructor. In model-checking mode Lincheck replaces
 * {@code System.identityHashCode} by a deterministic value inside the code it analyzes, and the
 * constructor runs outside it: a pool built there would index its members by their real identity
 * hashes, then look them up by the replacement, and find none. The lazy getter is synchronized
 * only because Lincheck, when it minimizes a failing scenario, may empty the initial part.
 */
@Tag("lincheck") // run in a JVM of their own: see pom.xml
class ConcurrentObjectPoolLincheckTest {

  /*
   * Budget: about 25 s on 2 cores for the four tests, Lincheck's start-up included. Each test runs
   * the targeted scenarios below, then random ones (2 before, 2 threads x 3 in parallel, 2 after):
   * ITERATIONS of them for HandOuts, half as many for Releases, whose random scenarios are only
   * releases and whose every failed release builds an exception. Model checking explores up to
   * MC_INVOCATIONS interleavings of each scenario; stress runs each STRESS_INVOCATIONS times. Seeded bugs (a state change by read-then-write instead of CAS; a
   * stack head without the ABA tag) fail the model-checking test of their configuration through a
   * targeted scenario on every run; see the report with the tests' introduction. For a deeper run,
   * multiply the random iterations: -Dlincheck.scale=10.
   */
  private static final int SCALE = Integer.getInteger("lincheck.scale", 1);
  private static final int ITERATIONS = 4 * SCALE;
  private static final int MC_INVOCATIONS = 150;
  private static final int STRESS_INVOCATIONS = 1_000;

  /** Members of the pools under test. */
  private static final int CAPACITY = 2;

  @Test
  void handOutsAreLinearizableUnderModelChecking() {
    modelCheck(HandOuts.class, HandOutsModel.class, handOutScenarios(), ITERATIONS);
  }

  @Test
  void handOutsAreLinearizableUnderStress() {
    stress(HandOuts.class, HandOutsModel.class, handOutScenarios(), ITERATIONS);
  }

  @Test
  void racingReleasesAreLinearizableUnderModelChecking() {
    modelCheck(Releases.class, ReleasesModel.class, releaseScenarios(), ITERATIONS / 2);
  }

  @Test
  void racingReleasesAreLinearizableUnderStress() {
    stress(Releases.class, ReleasesModel.class, releaseScenarios(), ITERATIONS / 2);
  }

  /* ---------------- Targeted scenarios ---------------- */

  private static List<ExecutionScenario> handOutScenarios() {
    Class<?> c = HandOuts.class;
    String checks = "available() outstanding() misses()";
    return List.of(
        // ABA: a's pop reads head = 0 and next = 1, then b pops 0 and 1 and pushes 0 back; a's
        // CAS must fail, or head becomes 1 while b holds it and the final acquires hand it out.
        scenario(c, "available()", "acquireA()", "acquireB() acquireB() releaseB()",
            "acquireA() acquireA() " + checks),
        // Pushes racing with pops and with each other on an almost empty stack.
        scenario(c, "acquireA() acquireB()", "releaseA() acquireA() releaseA()",
            "releaseB() acquireB() releaseB()", "acquireA() acquireB() acquireA() " + checks),
        // The last member: one thread wins it, the other misses (THROW) while it is out.
        scenario(c, "acquireA()", "acquireA() releaseA()", "acquireB() acquireB()",
            "releaseB() acquireA() " + checks));
  }

  private static List<ExecutionScenario> releaseScenarios() {
    Class<?> c = Releases.class;
    String checks = "acquire() acquire() acquire() available() outstanding() misses()";
    return List.of(
        // The same member released by both threads: one succeeds, the member is pushed once.
        scenario(c, "available()", "release(0)", "release(0)", checks),
        // Both members, both threads, opposite orders: each pushed once, in some order.
        scenario(c, "available()", "release(0) release(1)", "release(1) release(0)", checks),
        // A double release racing with a first release of the other member and a foreign one.
        scenario(c, "release(1)", "release(1) release(0)", "release(2) release(0)", checks));
  }

  /* ---------------- Lincheck plumbing ---------------- */

  private static void modelCheck(
      Class<?> test, Class<?> model, List<ExecutionScenario> scenarios, int iterations) {
    ModelCheckingOptions options =
        new ModelCheckingOptions()
            .iterations(iterations)
            .invocationsPerIteration(MC_INVOCATIONS)
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(2)
            .actorsAfter(2)
            .sequentialSpecification(model);
    scenarios.forEach(options::addCustomScenario);
    options.check(test);
  }

  private static void stress(
      Class<?> test, Class<?> model, List<ExecutionScenario> scenarios, int iterations) {
    StressOptions options =
        new StressOptions()
            .iterations(iterations)
            .invocationsPerIteration(STRESS_INVOCATIONS)
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(2)
            .actorsAfter(2)
            .sequentialSpecification(model);
    scenarios.forEach(options::addCustomScenario);
    options.check(test);
  }

  /**
   * A two-thread scenario of {@code test}'s public methods, each part written as space-separated
   * calls with integer arguments, e.g. {@code "release(0) acquire()"}.
   */
  private static ExecutionScenario scenario(
      Class<?> test, String init, String first, String second, String post) {
    return new ExecutionScenario(
        actors(test, init),
        List.of(actors(test, first), actors(test, second)),
        actors(test, post),
        null);
  }

  private static List<Actor> actors(Class<?> test, String calls) {
    List<Actor> actors = new ArrayList<>();
    for (String call : calls.trim().split("\\s+", -1)) {
      if (call.isEmpty()) {
        continue;
      }
      int open = call.indexOf('(');
      String inside = call.substring(open + 1, call.length() - 1);
      String[] args = inside.isEmpty() ? new String[0] : inside.split(",", -1);
      List<Object> values = new ArrayList<>();
      for (String arg : args) {
        values.add(Integer.parseInt(arg));
      }
      actors.add(new Actor(operation(test, call.substring(0, open), args.length), values));
    }
    return actors;
  }

  private static Method operation(Class<?> test, String name, int arity) {
    for (Method method : test.getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == arity) {
        return method;
      }
    }
    throw new IllegalArgumentException("no method " + name + "/" + arity + " in " + test);
  }

  /* ---------------- The structures under test ---------------- */

  /** A pooled object that knows its member number. */
  public static final class Member {
    final int id;

    Member(int id) {
      this.id = id;
    }
  }

  /** A pool of {@link #CAPACITY} members numbered from 0, member 0 on top, throwing when empty. */
  static ConcurrentObjectPool<Member> newPool() {
    int[] made = {0};
    return new ConcurrentObjectPool<>(
        CAPACITY, () -> new Member(made[0]++), ConcurrentObjectPoolLincheckTest::noReset,
        WhenEmpty.THROW);
  }

  private static void noReset(Member member) {}

  /** Correct use: two holders, each on a thread of its own, release only what they hold. */
  public static class HandOuts {
    private ConcurrentObjectPool<Member> pool; // built by the first call: see the class comment
    private final Deque<Member> heldByA = new ArrayDeque<>();
    private final Deque<Member> heldByB = new ArrayDeque<>();

    @Operation(nonParallelGroup = "a")
    public int acquireA() {
      return acquire(heldByA);
    }

    /** Releases a's oldest object; answers its number, or -1 if a holds none. */
    @Operation(nonParallelGroup = "a")
    public int releaseA() {
      return release(heldByA);
    }

    @Operation(nonParallelGroup = "b")
    public int acquireB() {
      return acquire(heldByB);
    }

    @Operation(nonParallelGroup = "b")
    public int releaseB() {
      return release(heldByB);
    }

    private int acquire(Deque<Member> held) {
      Member m;
      try {
        m = pool().acquire();
      } catch (IllegalStateException empty) {
        return -1;
      }
      held.addLast(m);
      return m.id;
    }

    private int release(Deque<Member> held) {
      Member m = held.pollFirst();
      if (m == null) {
        return -1;
      }
      pool().release(m);
      return m.id;
    }

    private synchronized ConcurrentObjectPool<Member> pool() {
      if (pool == null) {
        pool = newPool();
      }
      return pool;
    }

    /** Not an operation: exact only when no call is in flight (see the class comment). */
    public int available() {
      return pool().available();
    }

    /** Not an operation, as {@link #available}. */
    public int outstanding() {
      return pool().outstanding();
    }

    /** Not an operation, as {@link #available}. */
    public long misses() {
      return pool().misses();
    }
  }

  /**
   * Both members out from the start (acquired here) and a foreign object, released by number:
   * 0 and 1 are the members, 2 the foreign object.
   */
  @Param(name = "handle", gen = IntGen.class, conf = "0:2")
  public static class Releases {
    private ConcurrentObjectPool<Member> pool; // built by the first call: see the class comment
    private Member[] handles;

    private synchronized ConcurrentObjectPool<Member> pool() {
      if (pool == null) {
        pool = newPool();
        handles = new Member[] {pool.acquire(), pool.acquire(), new Member(CAPACITY)};
      }
      return pool;
    }

    /** Answers "ok", "twice" or "foreign". */
    @Operation
    public String release(@Param(name = "handle") int handle) {
      try {
        pool().release(handles[handle]);
        return "ok";
      } catch (IllegalStateException e) {
        return e.getMessage().startsWith("released twice") ? "twice" : "foreign";
      }
    }

    /** Not an operation: see the class comment. Answers the member's number, or -1. */
    public int acquire() {
      try {
        return pool().acquire().id;
      } catch (IllegalStateException empty) {
        return -1;
      }
    }

    /** Not an operation: exact only when no call is in flight. */
    public int available() {
      return pool().available();
    }

    /** Not an operation, as {@link #available}. */
    public int outstanding() {
      return pool().outstanding();
    }

    /** Not an operation, as {@link #available}. */
    public long misses() {
      return pool().misses();
    }
  }

  /* ---------------- Sequential specifications ---------------- */

  /** The reference: a stack of idle member numbers, a flag per member out, a miss count. */
  public static class PoolModel {
    final Deque<Integer> idle = new ArrayDeque<>();
    final boolean[] out = new boolean[CAPACITY];
    long misses;

    PoolModel() {
      for (int id = CAPACITY - 1; id >= 0; id--) {
        idle.push(id);
      }
    }

    int acquireId() {
      if (idle.isEmpty()) {
        misses++;
        return -1;
      }
      int id = idle.pop();
      out[id] = true;
      return id;
    }

    boolean releaseId(int id) {
      if (!out[id]) {
        return false;
      }
      out[id] = false;
      idle.push(id);
      return true;
    }

    public int available() {
      return idle.size();
    }

    public int outstanding() {
      return CAPACITY - idle.size();
    }

    public long misses() {
      return misses;
    }
  }

  /** The model of {@link HandOuts}. */
  public static class HandOutsModel extends PoolModel {
    private final Deque<Integer> heldByA = new ArrayDeque<>();
    private final Deque<Integer> heldByB = new ArrayDeque<>();

    public int acquireA() {
      return acquire(heldByA);
    }

    public int releaseA() {
      return release(heldByA);
    }

    public int acquireB() {
      return acquire(heldByB);
    }

    public int releaseB() {
      return release(heldByB);
    }

    private int acquire(Deque<Integer> held) {
      int id = acquireId();
      if (id >= 0) {
        held.addLast(id);
      }
      return id;
    }

    private int release(Deque<Integer> held) {
      Integer id = held.pollFirst();
      if (id == null) {
        return -1;
      }
      releaseId(id);
      return id;
    }
  }

  /** The model of {@link Releases}. */
  public static class ReleasesModel extends PoolModel {
    public ReleasesModel() {
      acquireId();
      acquireId();
    }

    public String release(int handle) {
      if (handle >= CAPACITY) {
        return "foreign";
      }
      return releaseId(handle) ? "ok" : "twice";
    }

    public int acquire() {
      return acquireId();
    }
  }
}
