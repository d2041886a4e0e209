package org.hotpath.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Question: how many bytes does each implementation retain per entry? Not a JMH benchmark: builds
 * each map with the benchmarks' keys and measures its object graph with JOL
 * ({@code GraphLayout.parseInstance(map).totalSize()}), for the five map kinds ({@code int->int}
 * and {@code long->Object} hash maps, sorted {@code long->Object} maps, and the thread-safe {@code
 * int->int} and {@code long->Object} maps of the concurrent benchmarks), presized ({@code
 * expectedSize = n}) and grown from a default-constructed map (Hotpath's sharded maps have no
 * default constructor: grown from {@code expectedSize} 0). Prints a markdown table. Only Hotpath's
 * sorted map takes a size; the other sorted maps (trees, {@code ConcurrentSkipListMap}) allocate
 * per entry and show {@code -} as presized.
 *
 * <p>Object-valued maps share a small value pool ({@link Value}); the pool is subtracted, so the
 * figure is the map's own structure (for {@code HashMap}, {@code ConcurrentHashMap} and {@code
 * TreeMap} that includes the boxed keys and nodes; for {@code ConcurrentSkipListMap} also its index
 * nodes; for the boxed {@code int->int} maps also the boxed values).
 *
 * <p>Usage: {@code java -Djdk.attach.allowAttachSelf=true -cp benchmarks.jar org.hotpath.jmh.Footprint
 * [--impls hotpath,jdk,...] [--sizes 1000,100000,1000000]}. {@code --impls} takes names of {@link
 * Impl} (hash maps), {@link SortedImpl} (sorted maps) and {@link ConcurrentImpl} (thread-safe maps:
 * {@code hotpath}, {@code chm}, {@code nbhm}, {@code sync}); each table section shows the listed
 * names it knows ({@code hotpath} is in all three). Without {@code --impls} every implementation is
 * shown, except JCTools' boxed {@code NonBlockingHashMap<Integer, Integer>} ({@code nbhm} in the
 * concurrent {@code int->int} section), which is shown only when {@code nbhm} is listed, as in
 * {@link ConcurrentIntIntMapBenchmark}. jmh/bench passes the flag: without it
 * JOL cannot attach its agent on JDK 17 and warns (the sizes are the same, it is only noise).
 */
public final class Footprint {

  private Footprint() {}

  /**
   * Entry point.
   *
   * @param args {@code --impls a,b,...} and {@code --sizes n,m,...}; defaults: all, 1K/100K/1M
   */
  public static void main(String[] args) {
    List<Impl> impls = List.of(Impl.values());
    List<SortedImpl> sortedImpls = List.of(SortedImpl.values());
    List<ConcurrentImpl> concurrentImpls = List.of(ConcurrentImpl.values());
    List<ConcurrentImpl> concurrentIntImpls =
        List.of(ConcurrentImpl.HOTPATH, ConcurrentImpl.CHM, ConcurrentImpl.SYNC);
    int[] sizes = {1_000, 100_000, 1_000_000};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--impls" -> {
          List<Impl> list = new ArrayList<>();
          List<SortedImpl> sortedList = new ArrayList<>();
          List<ConcurrentImpl> concurrentList = new ArrayList<>();
          for (String s : args[++i].split(",")) {
            String name = s.trim();
            Impl hash = findImpl(name);
            SortedImpl sorted = SortedImpl.find(name);
            ConcurrentImpl concurrent = ConcurrentImpl.find(name);
            if (hash == null && sorted == null && concurrent == null) {
              throw new IllegalArgumentException("unknown implementation: " + name);
            }
            if (hash != null) {
              list.add(hash);
            }
            if (sorted != null) {
              sortedList.add(sorted);
            }
            if (concurrent != null) {
              concurrentList.add(concurrent);
            }
          }
          impls = list;
          sortedImpls = sortedList;
          concurrentImpls = concurrentList;
          concurrentIntImpls = concurrentList;
        }
        case "--sizes" -> {
          String[] parts = args[++i].split(",");
          sizes = new int[parts.length];
          for (int j = 0; j < parts.length; j++) {
            sizes[j] = Integer.parseInt(parts[j].trim().replace("_", ""));
          }
        }
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]
            + " (usage: Footprint [--impls hotpath,jdk,...] [--sizes 1000,100000,...])");
      }
    }

    StringBuilder out = new StringBuilder();
    out.append("| map | entries | impl | presized B/entry | grown B/entry |\n");
    out.append("|---|---:|---|---:|---:|\n");
    for (int n : sizes) {
      int[] intKeys = Keys.intKeys(n);
      for (Impl impl : impls) {
        row(out, "int->int", n, impl, intIntBytes(impl, intKeys, true), intIntBytes(impl, intKeys, false));
      }
    }
    for (int n : sizes) {
      long[] longKeys = Keys.longKeys(n);
      for (Impl impl : impls) {
        row(out, "long->Object", n, impl,
            longObjBytes(impl, longKeys, true), longObjBytes(impl, longKeys, false));
      }
    }
    for (int n : sizes) {
      long[] longKeys = Keys.longKeys(n);
      for (SortedImpl impl : sortedImpls) {
        boolean sizable = impl == SortedImpl.HOTPATH;
        long grown = sortedBytes(impl, longKeys, false);
        long presized = sizable ? sortedBytes(impl, longKeys, true) : -1;
        row(out, "long->Object sorted", n, impl.id, presized, grown);
      }
    }
    for (int n : sizes) {
      int[] intKeys = Keys.intKeys(n);
      for (ConcurrentImpl impl : concurrentIntImpls) {
        row(out, "int->int concurrent", n, impl.id,
            concurrentIntIntBytes(impl, intKeys, true), concurrentIntIntBytes(impl, intKeys, false));
      }
    }
    for (int n : sizes) {
      long[] longKeys = Keys.longKeys(n);
      for (ConcurrentImpl impl : concurrentImpls) {
        row(out, "long->Object concurrent", n, impl.id,
            concurrentLongObjBytes(impl, longKeys, true), concurrentLongObjBytes(impl, longKeys, false));
      }
    }
    System.out.print(out);
  }

  private static Impl findImpl(String name) {
    try {
      return Impl.of(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void row(StringBuilder out, String kind, int n, Impl impl, long presized, long grown) {
    row(out, kind, n, impl.name().toLowerCase(Locale.ROOT), presized, grown);
  }

  /** A row; {@code presized < 0} prints {@code -} (the map takes no size). */
  private static void row(StringBuilder out, String kind, int n, String impl, long presized, long grown) {
    out.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %.1f |%n", kind, n, impl,
        presized < 0 ? "-" : String.format(Locale.ROOT, "%.1f", presized / (double) n), grown / (double) n));
  }

  private static long intIntBytes(Impl impl, int[] keys, boolean presized) {
    IntIntMapBenchmark.Maps m = new IntIntMapBenchmark.Maps() {};
    m.create(impl, presized ? keys.length : -1);
    for (int k : keys) {
      m.putOne(k);
    }
    Checks.require(m.size() == keys.length, impl + ": size " + m.size());
    return GraphLayout.parseInstance(m.map()).totalSize();
  }

  private static long longObjBytes(Impl impl, long[] keys, boolean presized) {
    LongObjectMapBenchmark.Maps m = new LongObjectMapBenchmark.Maps() {};
    m.create(impl, presized ? keys.length : -1);
    for (long k : keys) {
      m.putOne(k);
    }
    Checks.require(m.size() == keys.length, impl + ": size " + m.size());
    GraphLayout layout = GraphLayout.parseInstance(m.map());
    // Subtract the shared values by class rather than by address: a GC may move them in between.
    return layout.totalSize() - layout.getClassSizes().count(Value.class);
  }

  private static long concurrentIntIntBytes(ConcurrentImpl impl, int[] keys, boolean presized) {
    ConcurrentIntIntMapBenchmark.Maps m = new ConcurrentIntIntMapBenchmark.Maps() {};
    m.create(impl, presized ? keys.length : -1);
    for (int k : keys) {
      m.putOne(k, k);
    }
    Checks.require(m.size() == keys.length, impl.id + ": size " + m.size());
    return GraphLayout.parseInstance(m.map()).totalSize();
  }

  private static long concurrentLongObjBytes(ConcurrentImpl impl, long[] keys, boolean presized) {
    ConcurrentLongObjectMapBenchmark.Maps m = new ConcurrentLongObjectMapBenchmark.Maps() {};
    m.create(impl, presized ? keys.length : -1);
    for (long k : keys) {
      m.putOne(k, k);
    }
    Checks.require(m.size() == keys.length, impl.id + ": size " + m.size());
    GraphLayout layout = GraphLayout.parseInstance(m.map());
    // Subtract the shared values by class rather than by address: a GC may move them in between.
    return layout.totalSize() - layout.getClassSizes().count(Value.class);
  }

  private static long sortedBytes(SortedImpl impl, long[] keys, boolean presized) {
    SortedMapBenchmark.Maps m = new SortedMapBenchmark.Maps() {};
    m.create(impl, presized ? keys.length : -1);
    for (long k : keys) {
      m.putOne(k);
    }
    Checks.require(m.size() == keys.length, impl.id + ": size " + m.size());
    GraphLayout layout = GraphLayout.parseInstance(m.map());
    // Subtract the shared values by class rather than by address: a GC may move them in between.
    return layout.totalSize() - layout.getClassSizes().count(Value.class);
  }
}
