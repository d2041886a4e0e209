package org.hotpath.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Question: how many bytes does each implementation retain per entry? Not a JMH benchmark: builds
 * each map with the benchmarks' keys and measures its object graph with JOL
 * ({@code GraphLayout.parseInstance(map).totalSize()}), for both map kinds, presized
 * ({@code expectedSize = n}) and grown from a default-constructed map. Prints a markdown table.
 *
 * <p>Object-valued maps share a small value pool ({@link Value}); the pool is subtracted, so the
 * figure is the map's own structure (for {@code HashMap} that includes the boxed keys and nodes).
 *
 * <p>Usage: {@code java -Djdk.attach.allowAttachSelf=true -cp benchmarks.jar org.hotpath.jmh.Footprint
 * [--impls hotpath,jdk,...] [--sizes 1000,100000,1000000]}. jmh/bench passes the flag: without it JOL
 * cannot attach its agent on JDK 17 and warns (the sizes are the same, it is only noise).
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
    int[] sizes = {1_000, 100_000, 1_000_000};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--impls" -> {
          List<Impl> list = new ArrayList<>();
          for (String s : args[++i].split(",")) {
            list.add(Impl.of(s.trim()));
          }
          impls = list;
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
    System.out.print(out);
  }

  private static void row(StringBuilder out, String kind, int n, Impl impl, long presized, long grown) {
    out.append(String.format(Locale.ROOT, "| %s | %,d | %s | %.1f | %.1f |%n", kind, n,
        impl.name().toLowerCase(Locale.ROOT), presized / (double) n, grown / (double) n));
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
}
