package org.hotpath.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hotpath.jmh.Measurement.Metric;

/**
 * A compact markdown summary of a JMH run: one row per benchmark, size and implementation.
 *
 * <p>Columns: the <b>median</b> over measurement iterations in ns per operation (the machine is
 * shared: medians, not means), the spread {@code (max - min) / median} of those iterations,
 * {@code gc.alloc.rate.norm} in bytes per operation (when run with {@code -prof gc}), the ratio to
 * the JDK's way at the same size ({@code HashMap} for the hash maps, {@code TreeMap} for {@link
 * SortedMapBenchmark}, {@code ConcurrentHashMap} ({@code chm}) for the concurrent maps, at the same
 * thread count, {@code ArrayBlockingQueue} ({@code abq}) for {@link RingBufferBenchmark}, {@code new}
 * for the pools), and for hash lookups the ratio to {@link RandomReadBaseline} at the same
 * size (8-byte slots for int maps, 12-byte slots for long-object maps): the distance from the
 * physical limit. Benchmarks whose operation is a whole-map pass ({@code iterate}, the copy
 * problem) are divided by {@code size}, and a sorted-map {@code rangeWalk} by {@link
 * SortedMapBenchmark#RANGE}, and shown per entry. Rows of the concurrent benchmarks, and of any
 * benchmark run with more than one thread, show the thread count ({@code t=2}).
 *
 * <p>Message-passing benchmarks ({@link RingBufferBenchmark}, {@link PoolHandoffBenchmark}: JMH
 * groups whose consumer counts a {@code received} {@code @AuxCounters} rate) are shown per message:
 * {@code 1000 / received (msgs/us)} in ns, and bytes per message ({@code gc.alloc.rate.norm}, which
 * JMH divides by the invocations of every thread of the group, times invocations per message).
 */
final class SummaryTable {

  private static final String ALLOC_NORM = "gc.alloc.rate.norm";

  private static final List<String> CLASS_ORDER = List.of(
      "IntIntMapBenchmark", "LongObjectMapBenchmark", "RandomReadBaseline", "SortedMapBenchmark",
      "CopyProblemBenchmark", "ConcurrentLongObjectMapBenchmark", "ConcurrentIntIntMapBenchmark",
      "RingBufferBenchmark", "PoolBenchmark", "PoolHandoffBenchmark", "GcStormBenchmark",
      "FloodBenchmark");

  private static final List<String> IMPL_ORDER = List.of(
      "hotpath", "hotpath-defrag", "jdk", "chm", "nbhm", "sync", "csl", "fastutil", "fastutil-rb", "fastutil-avl",
      "agrona", "hppc", "eclipse", "jctools", "disruptor", "abq", "lbq", "clq", "pool", "cpool", "new");

  /** The consumer's message counter of the message-passing benchmarks ({@code @AuxCounters}). */
  private static final String RECEIVED = "received";

  private SummaryTable() {}

  /**
   * One summarized result: {@code ns} and {@code bytes} per operation, or per entry ({@code
   * perEntry}) or per message ({@code perMessage}); {@code size} -1 and {@code impl} "-" when the
   * benchmark has no such parameter; {@code source} the measurement it was computed from.
   */
  record Row(String cls, String method, String extra, int threads, String impl, int size,
      double ns, double spread, double bytes, boolean perEntry, boolean perMessage, Measurement source) {

    /** The implementation as printed: the JDK's classes by name ({@link ImplNames}). */
    String name() {
      return ImplNames.of(cls, impl);
    }

    String label() {
      String shortCls = switch (cls) {
        case "IntIntMapBenchmark" -> "IntInt";
        case "LongObjectMapBenchmark" -> "LongObj";
        case "RandomReadBaseline" -> "Baseline";
        case "SortedMapBenchmark" -> "Sorted";
        case "CopyProblemBenchmark" -> "Copy";
        case "ConcurrentLongObjectMapBenchmark" -> "ConcLongObj";
        case "ConcurrentIntIntMapBenchmark" -> "ConcIntInt";
        case "RingBufferBenchmark" -> "Ring";
        case "PoolBenchmark" -> "Pool";
        case "PoolHandoffBenchmark" -> "PoolHandoff";
        case "GcStormBenchmark" -> "GcStorm";
        case "FloodBenchmark" -> "Flood";
        default -> cls;
      };
      return shortCls + "." + method + (perEntry ? "/entry" : "") + (perMessage ? "/msg" : "") + (extra.isEmpty() ? "" : " " + extra)
          + (threads > 1 || isConcurrent(cls) ? " t=" + threads : "");
    }

    String group() {
      return cls + "." + method + " " + extra + " " + threads + " " + size;
    }
  }

  /** The results as rows, in the table's order: class, method, other parameters, threads, size, implementation. */
  static List<Row> rows(Collection<Measurement> results) {
    List<Row> rows = new ArrayList<>();
    for (Measurement m : results) {
      rows.add(toRow(m));
    }
    rows.sort(Comparator.<Row>comparingInt(r -> rank(CLASS_ORDER, r.cls))
        .thenComparing(r -> r.method)
        .thenComparing(r -> r.extra)
        .thenComparingInt(r -> r.threads)
        .thenComparingInt(r -> r.size)
        .thenComparingInt(r -> implRank(r.impl)));
    return rows;
  }

  /** Formats the results; never throws on unexpected shapes (they are shown as they are). */
  static String format(Collection<Measurement> results) {
    List<Row> rows = rows(results);

    Map<String, Row> jdk = new HashMap<>();
    Map<String, Row> baseline = new HashMap<>();
    for (Row r : rows) {
      if (r.impl.equals(reference(r.cls))) {
        jdk.put(r.group(), r);
      }
      if (r.cls.equals("RandomReadBaseline")) {
        baseline.put(r.extra + " " + r.size, r);
      }
    }

    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"benchmark", "size", "impl", "ns/op (median)", "spread", "B/op", "x JDK", "x base"});
    for (Row r : rows) {
      Row j = jdk.get(r.group());
      Row b = null;
      if (r.method.startsWith("get") && !r.cls.equals("SortedMapBenchmark")) {
        String slot = r.cls.equals("IntIntMapBenchmark") ? "layout=intInt" : "layout=longObject";
        b = baseline.get(slot + " " + r.size);
      }
      cells.add(new String[] {
          r.label(),
          r.size < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.size),
          r.name(),
          number(r.ns),
          Double.isNaN(r.spread) ? "-" : String.format(Locale.ROOT, "%.0f%%", r.spread * 100),
          Double.isNaN(r.bytes) ? "-" : bytes(r.bytes),
          j == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ns / j.ns),
          b == null ? "-" : String.format(Locale.ROOT, "%.1f", r.ns / b.ns),
      });
    }
    StringBuilder out = new StringBuilder(render(cells));

    // The copy problem's answer is a ratio between two rows: state it.
    Map<String, Double> iterationOrder = new TreeMap<>();
    Map<String, Double> randomOrder = new HashMap<>();
    for (Row r : rows) {
      if (r.cls.equals("CopyProblemBenchmark")) {
        String key = r.impl + " size=" + r.size;
        (r.method.equals("copyIterationOrder") ? iterationOrder : randomOrder).put(key, r.ns);
      }
    }
    if (!iterationOrder.isEmpty()) {
      out.append("\nCopy problem: time(copy in source iteration order) / time(copy in random order)\n");
      for (Map.Entry<String, Double> e : iterationOrder.entrySet()) {
        Double random = randomOrder.get(e.getKey());
        out.append(String.format(Locale.ROOT, "  %-22s %s%n", e.getKey(),
            random == null ? "-" : String.format(Locale.ROOT, "%.2fx", e.getValue() / random)));
      }
    }
    return out.toString();
  }

  private static Row toRow(Measurement m) {
    String name = m.benchmark();
    int dot = name.lastIndexOf('.');
    String method = name.substring(dot + 1);
    String cls = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);

    String impl = "-";
    int size = -1;
    StringBuilder extra = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(m.params()).entrySet()) {
      switch (e.getKey()) {
        case "impl" -> impl = e.getValue();
        case "size" -> size = Integer.parseInt(e.getValue());
        default -> extra.append(extra.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
      }
    }

    boolean rangeWalk = cls.equals("SortedMapBenchmark") && method.equals("rangeWalk");
    boolean perEntry = size > 0 && (method.equals("iterate") || rangeWalk || cls.equals("CopyProblemBenchmark"));
    double divisor = !perEntry ? 1 : rangeWalk ? SortedMapBenchmark.RANGE : size;

    Metric primary = m.primary();
    Metric alloc = m.secondary(ALLOC_NORM);
    Metric received = m.secondary(RECEIVED);
    if (received != null) {
      // Per message: time = 1 / rate (a monotone map, so the median carries over).
      double perNs = ratePerNs(received.unit());
      double median = received.median() * perNs;
      double spread = received.n() > 1 ? (1 / (received.min() * perNs) - 1 / (received.max() * perNs)) * median
          : Double.NaN;
      double bytes = alloc == null || received.score() <= 0 ? Double.NaN
          : alloc.score() * primary.score() / received.score();
      return new Row(cls, method, extra.toString(), m.threads(), impl, size, 1 / median, spread, bytes, false,
          true, m);
    }
    double toNs = nanosPer(primary.unit());
    double spread = primary.n() > 1 ? (primary.max() - primary.min()) / primary.median() : Double.NaN;
    double bytes = alloc == null ? Double.NaN : alloc.score() / divisor;
    return new Row(cls, method, extra.toString(), m.threads(), impl, size, primary.median() * toNs / divisor, spread,
        bytes, perEntry, false, m);
  }

  /** The concurrent maps: compared with {@code ConcurrentHashMap}, labelled with their thread count. */
  private static boolean isConcurrent(String cls) {
    return cls.startsWith("Concurrent");
  }

  /** The implementation the {@code x JDK} column divides by: the JDK's way of doing the same. */
  static String reference(String cls) {
    if (isConcurrent(cls)) {
      return "chm";
    }
    return switch (cls) {
      case "RingBufferBenchmark" -> "abq";
      case "PoolBenchmark", "PoolHandoffBenchmark" -> "new";
      default -> "jdk";
    };
  }

  /** Events per nanosecond in one event per unit of a JMH rate such as {@code "ops/us"}. */
  private static double ratePerNs(String unit) {
    String u = unit.contains("/") ? unit.substring(unit.indexOf('/') + 1) : unit;
    return switch (u) {
      case "ns" -> 1;
      case "us" -> 1e-3;
      case "ms" -> 1e-6;
      case "s" -> 1e-9;
      case "min" -> 1e-9 / 60;
      default -> Double.NaN;
    };
  }

  /** Nanoseconds per unit of a JMH time-per-op unit such as {@code "us/op"}. */
  private static double nanosPer(String unit) {
    String u = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
    return switch (u) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "min" -> 60e9;
      default -> Double.NaN; // throughput modes: not a time per op
    };
  }

  /** The order implementations are listed in: Hotpath, the JDK, then the peers. */
  static int implRank(String impl) {
    return rank(IMPL_ORDER, impl);
  }

  private static int rank(List<String> order, String s) {
    int i = order.indexOf(s);
    return i < 0 ? order.size() : i;
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v < 10) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    if (v < 1000) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  static String bytes(double v) {
    if (v < 0.005) {
      return "0";
    }
    return v < 100 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%,.0f", v);
  }

  /** Renders a markdown table with aligned columns (first three left-aligned, the rest right). */
  static String render(List<String[]> cells) {
    int cols = cells.get(0).length;
    int[] width = new int[cols];
    for (String[] row : cells) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String[] row = cells.get(i);
      out.append('|');
      for (int c = 0; c < cols; c++) {
        String pad = " ".repeat(width[c] - row[c].length());
        out.append(' ').append(c < 3 ? row[c] + pad : pad + row[c]).append(" |");
      }
      out.append('\n');
      if (i == 0) {
        out.append('|');
        for (int c = 0; c < cols; c++) {
          out.append(c < 3 ? "-" : "").append("-".repeat(width[c] + 1)).append(c < 3 ? "|" : ":|");
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}
