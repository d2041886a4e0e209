package org.hotpath.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs several bodies on their own threads, started together, and fails the test with the first
 * error any of them threw. Shared by the concurrent structures' stress and allocation tests.
 */
public final class Race {

  /** Generous: a body that has not finished by then is stuck (a lost wake-up or a livelock). */
  private static final long TIMEOUT_SECONDS = 300;

  private Race() {}

  /** One thread's work, given its index among the racers. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs on a racer thread.
     *
     * @param thread this racer's index, from 0
     * @throws Exception to fail the test
     */
    void run(int thread) throws Exception;
  }

  /**
   * Starts one thread per body, releases them together, waits for all, and rethrows the first
   * failure (with the others suppressed).
   *
   * @param bodies the work of each thread
   * @throws AssertionError if a body threw or did not finish in time
   */
  public static void run(List<Body> bodies) {
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      Body body = bodies.get(i);
      int index = i;
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  body.run(index);
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "racer-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    start.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for " + t.getName());
      }
      if (t.isAlive()) {
        fail(t.getName() + " did not finish within " + TIMEOUT_SECONDS + " s: stuck");
      }
    }
    Throwable first = failures.poll();
    if (first != null) {
      for (Throwable other : failures) {
        first.addSuppressed(other);
      }
      throw new AssertionError("a racer failed: " + first, first);
    }
  }

  /**
   * Runs {@code writers} copies of {@code writer} to completion, while each watcher runs on a thread
   * of its own, its body called again and again (at least once) until every writer has finished:
   * the shape of a stress test in which readers check invariants while writers hammer.
   *
   * @param writers how many writer threads; they get indexes 0 to {@code writers - 1}
   * @param writer one writer's whole work
   * @param watchers one step of each watcher (a read and its check, say); they get the following
   *     indexes
   */
  public static void whileWriting(int writers, Body writer, Body... watchers) {
    AtomicInteger writing = new AtomicInteger(writers);
    List<Body> bodies = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      bodies.add(
          thread -> {
            try {
              writer.run(thread);
            } finally {
              writing.decrementAndGet();
            }
          });
    }
    for (Body watcher : watchers) {
      bodies.add(
          thread -> {
            do {
              watcher.run(thread);
            } while (writing.get() > 0);
          });
    }
    run(bodies);
  }

  /**
   * Runs {@code threads} copies of {@code body}.
   *
   * @param threads how many
   * @param body the work, given each thread's index
   */
  public static void run(int threads, Body body) {
    List<Body> bodies = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      bodies.add(body);
    }
    run(bodies);
  }
}
