package org.hotpath.testing;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Checks that a structure lets go of the values it dropped: the test keeps only weak references
 * to them, and a collection must clear those references once nothing else holds the values.
 */
public final class Reachability {

  /** Rounds of {@code System.gc()} before concluding that a value is still reachable. */
  private static final int GC_ATTEMPTS = 50;

  private Reachability() {}

  /**
   * Runs collections until every dropped value has been collected, or gives up.
   *
   * @param references a weak reference to each value, by key, taken when it was stored
   * @param dropped which keys' values the structure has dropped
   * @return the keys whose dropped value is still reachable; empty when the structure let go
   */
  public static List<Long> droppedButReachableAfterGc(
      Map<Long, ? extends WeakReference<?>> references, LongPredicate dropped) {
    List<Long> reachable = droppedButReachable(references, dropped);
    for (int attempt = 0; attempt < GC_ATTEMPTS && !reachable.isEmpty(); attempt++) {
      System.gc();
      allocateGarbage();
      reachable = droppedButReachable(references, dropped);
    }
    return reachable;
  }

  private static List<Long> droppedButReachable(
      Map<Long, ? extends WeakReference<?>> references, LongPredicate dropped) {
    List<Long> keys = new ArrayList<>();
    references.forEach(
        (key, ref) -> {
          if (dropped.test(key) && ref.get() != null) {
            keys.add(key);
          }
        });
    return keys;
  }

  /** Allocates a little garbage so that a collection has a reason to run. */
  private static void allocateGarbage() {
    byte[][] garbage = new byte[16][];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = new byte[4096];
    }
    if (garbage[garbage.length - 1].length != 4096) {
      throw new AssertionError("unreachable");
    }
  }
}
