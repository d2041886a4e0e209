package org.hotpath.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.hotpath.jmh.Measurement.Metric;
import org.hotpath.jmh.ReportCharts.Bars;
import org.hotpath.jmh.SummaryTable.Row;

/**
 * Generates {@code docs/benchmarks.md} and its charts from the published results: the JMH JSON
 * files and JOL footprint tables in {@code docs/results/} that {@code docs/results/manifest.tsv}
 * lists, in its order. Nothing in the report is typed by hand: each section states the command
 * (the first code block of the result's markdown note), the machine (the manifest), the JDK
 * and JMH settings (the JSON), then the summary table ({@link SummaryTable}, the same one
 * {@code jmh/bench} prints after a run) and bar charts of time per operation by size and bytes per
 * operation ({@link ReportCharts}); footprint tables become bytes-per-entry charts.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.hotpath.jmh.BenchmarkReport [DOCS-DIR]} (default
 * {@code docs}); {@code jmh/bench --report} runs it. Reads {@code DOCS-DIR/results/manifest.tsv}
 * (tab-separated: {@code file}, {@code note} (the markdown note whose first code block is the command;
 * for a footprint table, the table itself), {@code title}, {@code machine}, {@code about}; {@code #}
 * starts a comment line), writes {@code DOCS-DIR/benchmarks.md} and {@code DOCS-DIR/benchmarks/*.png}
 * (replacing the PNGs there). Fails, writing nothing, if a listed file or its command is missing.
 */
public final class BenchmarkReport {

  private static final String RESULTS = "results";
  private static final String CHARTS = "benchmarks";

  /** The benchmarks whose rows are a baseline for the others' {@code x base} column, not a chart. */
  private static final Set<String> NOT_CHARTED = Set.of("RandomReadBaseline", "FloodBenchmark");

  /** Hotpath's implementations, by the names the benchmarks give them. */
  private static final Set<String> HOTPATH_IMPLS = Set.of("hotpath", "pool", "cpool");

  /** A line of the manifest. */
  private record Entry(String file, String note, String title, String machine, String about) {}

  /** A row of a JOL footprint table. */
  private record FootprintRow(String map, int entries, String impl, double presized, double grown) {
    /** The implementation as printed: the JDK's classes by name ({@link ImplNames}). */
    String name() {
      return ImplNames.of(map, impl);
    }

    double charted() {
      return Double.isNaN(presized) ? grown : presized;
    }
  }

  private final Path docs;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder glance = new StringBuilder();
  private final Map<Path, Bars> charts = new LinkedHashMap<>();

  private BenchmarkReport(Path docs) {
    this.docs = docs;
  }

  /**
   * Entry point.
   *
   * @param args {@code [DOCS-DIR]}
   * @throws IOException if a listed file cannot be read or the report cannot be written
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path docs = Path.of(args.length > 0 ? args[0] : "docs");
    BenchmarkReport report = new BenchmarkReport(docs);
    String markdown = report.build(readManifest(docs.resolve(RESULTS).resolve("manifest.tsv")));
    report.write(markdown);
  }

  /* ---------------- Manifest ---------------- */

  private static List<Entry> readManifest(Path manifest) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException(manifest + ": expected 5 tab-separated fields, got " + f.length
            + " in: " + line);
      }
      entries.add(new Entry(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(), f[4].trim()));
    }
    return entries;
  }

  /** The first fenced code block of a result's markdown note: the command that produced it. */
  private static String command(Path note) throws IOException {
    if (!Files.exists(note)) {
      throw new IllegalArgumentException("missing " + note + ": every result needs a note starting with its command");
    }
    List<String> lines = Files.readAllLines(note, StandardCharsets.UTF_8);
    int open = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("```")) {
        if (open < 0) {
          open = i;
        } else {
          return String.join("\n", lines.subList(open + 1, i));
        }
      }
    }
    throw new IllegalArgumentException(note + " has no fenced code block with the command");
  }

  /* ---------------- The report ---------------- */

  private String build(List<Entry> entries) throws IOException {
    StringBuilder sections = new StringBuilder();
    StringBuilder contents = new StringBuilder();
    for (Entry e : entries) {
      out.setLength(0);
      contents.append("- [").append(e.title()).append("](#").append(anchor(e.title())).append(")\n");
      out.append("\n## ").append(e.title()).append("\n\n").append(e.about()).append("\n\n");
      if (e.file().endsWith(".json")) {
        jmhSection(e);
      } else {
        footprintSection(e);
      }
      sections.append(out);
    }
    return header() + "## At a glance: Hotpath against the JDK\n\n"
        + "Hotpath's row against the JDK's at the largest size of each result file below (ratio = Hotpath"
        + " time / JDK time: below 1 is faster; B = bytes allocated per operation, or retained per entry)."
        + " Peers, smaller sizes and the spread are in the sections.\n\n"
        + glance + "\n## Contents\n\n" + contents + sections;
  }

  private static String header() {
    return """
        # Benchmarks: Hotpath against the JDK and the peers

        <!-- Generated by `jmh/bench --report` (org.hotpath.jmh.BenchmarkReport) from docs/results/:
             do not edit by hand; change the results or the generator and run it again. -->

        Every figure here comes from a results file in [docs/results](results/) and the command
        quoted beside it; this page is generated from them by `jmh/bench --report`
        (`org.hotpath.jmh.BenchmarkReport`, reading [results/manifest.tsv](results/manifest.tsv)),
        and CI fails if it differs by a byte from what that command makes (`.ci/check`, part `report`).
        To measure on your own machine: `jmh/bench` (the quick profile, a few minutes: every structure
        against its JDK counterpart, a summary table like the ones below) or `jmh/bench --full` (every
        peer and size, about 90 minutes, JSON in `jmh/target/`).

        How to read the tables: ns = median over measurement iterations (the machines are small shared
        VMs: medians and ratios, not single absolute numbers); `spread` = (max - min) / median;
        `B/op` = JMH `-prof gc` `gc.alloc.rate.norm`; `x JDK` = time / the JDK's time at the same size
        and thread count (`HashMap`, `TreeMap`, `ConcurrentHashMap`, `ArrayBlockingQueue`, or `new
        Payload()` for the pools; `-p impl=jdk`, `chm`, `abq` and `new` select them); `x base` = time
        / one random read from a `long[]` as large as the table (the physical limit of a lookup).
        `/entry` rows are per entry visited, `/msg` rows per message received. A few hundredths of a
        byte per op are JMH's own per-iteration allocation, not the structure. The charts have a
        logarithmic time axis; a missing bar is a combination not run.

        """;
  }

  private void jmhSection(Entry e) throws IOException {
    Path json = docs.resolve(RESULTS).resolve(e.file());
    String base = e.file().substring(0, e.file().length() - ".json".length());
    JmhJson.ResultFile results = JmhJson.read(json);
    provenance(e);
    out.append("JDK: ").append(String.join("; ", results.jvms())).append(". JMH ")
        .append(String.join(", ", results.jmhVersions())).append(": ")
        .append(String.join("; ", results.settings())).append(profiledGc(results) ? ", `-prof gc`" : "")
        .append(". Fork JVM arguments: ");
    List<String> args = new ArrayList<>();
    for (String a : results.jvmArgs()) {
      args.add("`" + a + "`");
    }
    out.append(String.join("; ", args)).append(".\n\n");
    out.append(SummaryTable.format(results.measurements())).append('\n');

    List<Row> rows = SummaryTable.rows(results.measurements());
    gcTable(rows);
    glanceRows(e.title(), rows);
    Map<String, List<Row>> byClass = new LinkedHashMap<>();
    for (Row r : rows) {
      if (!NOT_CHARTED.contains(r.cls())) {
        byClass.computeIfAbsent(r.cls(), k -> new ArrayList<>()).add(r);
      }
    }
    for (Map.Entry<String, List<Row>> c : byClass.entrySet()) {
      timeCharts(base, c.getValue());
      bytesChart(base, c.getValue());
    }
  }

  /** Whether the run had JMH's GC profiler: its metrics are the only trace it leaves in the JSON. */
  private static boolean profiledGc(JmhJson.ResultFile results) {
    for (Measurement m : results.measurements()) {
      if (m.secondary("gc.alloc.rate.norm") != null) {
        return true;
      }
    }
    return false;
  }

  /** The lines every section starts with: where the figures come from and how they were made. */
  private void provenance(Entry e) throws IOException {
    Path note = docs.resolve(RESULTS).resolve(e.note());
    out.append("Data: [").append(e.file()).append("](results/").append(e.file()).append(')');
    if (!e.note().equals(e.file())) {
      out.append(", notes and discussion: [").append(e.note()).append("](results/").append(e.note()).append(')');
    }
    out.append(". Machine: ").append(e.machine()).append(". Command:\n\n```\n").append(command(note))
        .append("\n```\n\n");
  }

  /** Allocation rate and collections, for the sections about garbage (the GC storm). */
  private void gcTable(List<Row> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"benchmark", "impl", "", "B/op", "MB/s", "gc.count", "gc.time"});
    for (Row r : rows) {
      if (!r.cls().equals("GcStormBenchmark")) {
        continue;
      }
      Metric rate = r.source().secondary("gc.alloc.rate");
      Metric count = r.source().secondary("gc.count");
      Metric time = r.source().secondary("gc.time");
      cells.add(new String[] {
          r.label(), r.name(), "",
          Double.isNaN(r.bytes()) ? "-" : SummaryTable.bytes(r.bytes()),
          rate == null ? "-" : SummaryTable.number(rate.score()),
          count == null ? "-" : String.format(Locale.ROOT, "%.0f", count.score()),
          time == null ? "0 ms" : String.format(Locale.ROOT, "%.0f ms", time.score()),
      });
    }
    if (cells.size() > 1) {
      out.append("Allocation and collections over the measured iterations (`gc.alloc.rate` in MB/s, mean;"
          + " `gc.count`, `gc.time`: sums; JMH omits `gc.time` when nothing was collected):\n\n")
          .append(SummaryTable.render(cells)).append('\n');
    }
  }

  private void glanceRows(String title, List<Row> rows) {
    Map<String, Row> reference = new LinkedHashMap<>();
    Map<String, Integer> largest = new LinkedHashMap<>();
    for (Row r : rows) {
      largest.merge(r.label(), r.size(), Math::max);
      if (r.impl().equals(SummaryTable.reference(r.cls()))) {
        reference.put(r.label() + " " + r.size(), r);
      }
    }
    for (Row h : rows) {
      Row j = reference.get(h.label() + " " + h.size());
      if (HOTPATH_IMPLS.contains(h.impl()) && h.size() == largest.get(h.label()) && j != null) {
        String what = h.impl().equals("hotpath") ? h.label() : h.label() + " (" + h.impl() + ")";
        glanceLine(title, what, h.size(), h.ns(), j.ns(), h.bytes(), j.bytes(), j.name(), "ns");
      }
    }
  }

  private void glanceLine(String title, String what, int size, double hotpath, double jdk, double hotpathBytes,
      double jdkBytes, String jdkName, String unit) {
    if (glance.length() == 0) {
      glance.append("| section | benchmark | size | Hotpath | JDK | JDK is | ratio | Hotpath B | JDK B |\n")
          .append("|---|---|---:|---:|---:|---|---:|---:|---:|\n");
    }
    glance.append("| ").append(title).append(" | ").append(what).append(" | ").append(size(size)).append(" | ")
        .append(SummaryTable.number(hotpath)).append(' ').append(unit).append(" | ")
        .append(SummaryTable.number(jdk)).append(' ').append(unit).append(" | ").append(jdkName).append(" | ")
        .append(String.format(Locale.ROOT, "%.2f", hotpath / jdk)).append(" | ")
        .append(Double.isNaN(hotpathBytes) ? "-" : SummaryTable.bytes(hotpathBytes)).append(" | ")
        .append(Double.isNaN(jdkBytes) ? "-" : SummaryTable.bytes(jdkBytes)).append(" |\n");
  }

  /* ---------------- Charts of JMH results ---------------- */

  /**
   * Time per operation: by size, one chart per benchmark, when the benchmarks ran at several sizes;
   * else one chart for the class, a category per benchmark.
   */
  private void timeCharts(String base, List<Row> rows) throws IOException {
    Set<Integer> sizes = new TreeSet<>();
    for (Row r : rows) {
      sizes.add(r.size());
    }
    if (sizes.size() > 1) {
      Map<String, List<Row>> byBenchmark = new LinkedHashMap<>();
      for (Row r : rows) {
        byBenchmark.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<String, List<Row>> b : byBenchmark.entrySet()) {
        List<String> categories = new ArrayList<>();
        for (int s : sizes) {
          categories.add(size(s));
        }
        chart(base + "-" + slug(b.getKey()) + "-time", bars(b.getKey() + ": time by size", "entries",
            timeUnit(b.getValue()), true, b.getValue(), categories, r -> size(r.size()), Row::ns));
      }
    } else {
      List<String> categories = new ArrayList<>();
      for (Row r : rows) {
        if (!categories.contains(operation(r))) {
          categories.add(operation(r));
        }
      }
      String cls = rows.get(0).label().substring(0, rows.get(0).label().indexOf('.'));
      String at = sizes.iterator().next() < 0 ? "" : " at " + size(sizes.iterator().next()) + " entries";
      chart(base + "-" + slug(cls) + "-time", bars(cls + ": time" + at, "", timeUnit(rows), true, rows,
          categories, BenchmarkReport::operation, Row::ns));
    }
  }

  /** Bytes allocated per operation, at the largest size, a category per benchmark. */
  private void bytesChart(String base, List<Row> rows) throws IOException {
    int largest = Integer.MIN_VALUE;
    for (Row r : rows) {
      largest = Math.max(largest, r.size());
    }
    List<Row> at = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (Row r : rows) {
      if (r.size() == largest && !Double.isNaN(r.bytes())) {
        at.add(r);
        if (!categories.contains(operation(r))) {
          categories.add(operation(r));
        }
      }
    }
    if (at.isEmpty()) {
      return;
    }
    String cls = at.get(0).label().substring(0, at.get(0).label().indexOf('.'));
    String title = cls + ": bytes allocated per op" + (largest < 0 ? "" : " at " + size(largest) + " entries");
    chart(base + "-" + slug(cls) + "-bytes", bars(title, "", "bytes (gc.alloc.rate.norm)", false, at, categories,
        BenchmarkReport::operation, Row::bytes));
  }

  /** A row's label without its class ({@code IntInt.getHit} is {@code getHit}): the chart title names it. */
  private static String operation(Row r) {
    return r.label().substring(r.label().indexOf('.') + 1);
  }

  private static String timeUnit(List<Row> rows) {
    boolean allEntry = true;
    boolean allMessage = true;
    boolean anyEntry = false;
    for (Row r : rows) {
      allEntry &= r.perEntry();
      allMessage &= r.perMessage();
      anyEntry |= r.perEntry();
    }
    return allMessage ? "ns per message" : allEntry ? "ns per entry" : anyEntry ? "ns per op (/entry: per entry)"
        : "ns per op";
  }

  /** A chart's data; the series are the rows' implementations in the table's order. */
  private static <T> Bars bars(String title, String xTitle, String yTitle, boolean log, List<T> rows,
      List<String> categories, Function<T, String> category,
      Function<T, String> seriesOf, ToDoubleFunction<T> value) {
    Set<String> series = new LinkedHashSet<>();
    for (T r : rows) {
      series.add(seriesOf.apply(r));
    }
    List<String> names = new ArrayList<>(series);
    List<List<Double>> values = new ArrayList<>();
    for (String s : names) {
      List<Double> v = new ArrayList<>();
      for (int i = 0; i < categories.size(); i++) {
        v.add(null);
      }
      values.add(v);
    }
    for (T r : rows) {
      double y = value.applyAsDouble(r);
      if (!Double.isNaN(y) && (!log || y > 0)) {
        values.get(names.indexOf(seriesOf.apply(r))).set(categories.indexOf(category.apply(r)), y);
      }
    }
    return new Bars(title, xTitle, yTitle, log, categories, names, values);
  }

  private static Bars bars(String title, String xTitle, String yTitle, boolean log, List<Row> rows,
      List<String> categories, Function<Row, String> category,
      ToDoubleFunction<Row> value) {
    return bars(title, xTitle, yTitle, log, rows, categories, category, Row::name, value);
  }

  /** Registers a chart (written by {@link #write}) and links it from the section. */
  private void chart(String name, Bars bars) {
    Path file = docs.resolve(CHARTS).resolve(name + ".png");
    if (charts.put(file, bars) != null) {
      throw new IllegalStateException("two charts named " + name);
    }
    out.append("![").append(bars.title()).append("](").append(CHARTS).append('/').append(name).append(".png)\n\n");
  }

  /* ---------------- Footprint (JOL) ---------------- */

  private void footprintSection(Entry e) throws IOException {
    Path table = docs.resolve(RESULTS).resolve(e.file());
    String base = e.file().substring(0, e.file().length() - ".md".length());
    provenance(e);
    List<FootprintRow> rows = readFootprint(table);
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"map", "entries", "impl", "presized B/entry", "grown B/entry"});
    for (FootprintRow r : rows) {
      cells.add(new String[] {r.map(), size(r.entries()), r.name(), footprintCell(r.presized()),
          footprintCell(r.grown())});
    }
    out.append("Retained bytes per entry, JOL `GraphLayout.totalSize()` / entries (presized: built for the"
        + " number of entries; grown: from the default size; `-`: the map takes no size).\n\n")
        .append(SummaryTable.render(cells)).append('\n');

    Map<String, List<FootprintRow>> byMap = new LinkedHashMap<>();
    for (FootprintRow r : rows) {
      byMap.computeIfAbsent(r.map(), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<FootprintRow>> m : byMap.entrySet()) {
      TreeSet<Integer> sizes = new TreeSet<>();
      for (FootprintRow r : m.getValue()) {
        sizes.add(r.entries());
      }
      List<String> categories = new ArrayList<>();
      for (int s : sizes) {
        categories.add(size(s));
      }
      chart(base + "-" + slug(m.getKey()), bars(m.getKey() + ": retained bytes per entry", "entries",
          "bytes per entry (presized, else grown)", false, m.getValue(), categories, r -> size(r.entries()),
          FootprintRow::name, FootprintRow::charted));
      int largest = sizes.last();
      FootprintRow h = null;
      FootprintRow j = null;
      for (FootprintRow r : m.getValue()) {
        if (r.entries() == largest && r.impl().equals("hotpath")) {
          h = r;
        } else if (r.entries() == largest && (r.impl().equals("jdk") || r.impl().equals("chm")) && j == null) {
          j = r;
        }
      }
      if (h != null && j != null) {
        glanceLine(e.title(), m.getKey() + " footprint", largest, h.charted(), j.charted(), Double.NaN,
            Double.NaN, j.name(), "B/entry");
      }
    }
  }

  private static List<FootprintRow> readFootprint(Path table) throws IOException {
    List<FootprintRow> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
      if (!line.startsWith("|")) {
        inTable = false;
        continue;
      }
      String[] f = line.substring(1).split("\\|");
      if (f.length < 5) {
        continue;
      }
      if (f[1].trim().equals("entries")) {
        inTable = true;
        continue;
      }
      if (!inTable || f[0].trim().startsWith("-")) {
        continue;
      }
      rows.add(new FootprintRow(f[0].trim(), Integer.parseInt(f[1].trim().replace(",", "")), f[2].trim(),
          footprintValue(f[3]), footprintValue(f[4])));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(table + " has no footprint table (| map | entries | impl | ... |)");
    }
    return rows;
  }

  private static double footprintValue(String cell) {
    String s = cell.trim();
    return s.equals("-") ? Double.NaN : Double.parseDouble(s);
  }

  private static String footprintCell(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  /* ---------------- Output ---------------- */

  private void write(String markdown) throws IOException {
    Path chartDir = docs.resolve(CHARTS);
    Files.createDirectories(chartDir);
    try (var old = Files.list(chartDir)) {
      for (Path p : (Iterable<Path>) old::iterator) {
        if (p.getFileName().toString().endsWith(".png")) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<Path, Bars> c : charts.entrySet()) {
      ReportCharts.write(c.getValue(), c.getKey());
    }
    Path md = docs.resolve("benchmarks.md");
    Files.writeString(md, markdown, StandardCharsets.UTF_8);
    System.out.println("Wrote " + md + " and " + charts.size() + " charts in " + chartDir);
  }

  /* ---------------- Formatting ---------------- */

  /** 1000 -> 1K, 1300000 -> 1.3M; -1 (no size) -> "-". */
  private static String size(int n) {
    if (n < 0) {
      return "-";
    }
    if (n >= 1_000_000) {
      return trim(n / 1e6) + "M";
    }
    return n >= 1_000 ? trim(n / 1e3) + "K" : Integer.toString(n);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  private static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
  }
}
