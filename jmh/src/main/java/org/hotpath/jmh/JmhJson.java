package org.hotpath.jmh;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hotpath.jmh.Measurement.Metric;

/**
 * Reads a JMH JSON result file ({@code -rf json}) back into {@link Measurement}s, with the settings
 * the run was made with (JDK, JMH version, forks, iterations, JVM arguments) for the report to state.
 */
final class JmhJson {

  /**
   * A result file.
   *
   * @param measurements its results, in file order
   * @param jvms the distinct JDKs, e.g. {@code OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1}
   * @param settings the distinct run settings, e.g. {@code 1 fork, warm-up 2 x 1 s, measurement 3 x 1 s}
   * @param jvmArgs the distinct JVM argument lists of the forks
   * @param jmhVersions the distinct JMH versions
   */
  record ResultFile(List<Measurement> measurements, Set<String> jvms, Set<String> settings, Set<String> jvmArgs,
      Set<String> jmhVersions) {}

  private JmhJson() {}

  static ResultFile read(Path file) throws IOException {
    JsonArray runs;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      runs = JsonParser.parseReader(in).getAsJsonArray();
    }
    List<Measurement> measurements = new ArrayList<>();
    Set<String> jvms = new LinkedHashSet<>();
    Set<String> settings = new LinkedHashSet<>();
    Set<String> jvmArgs = new LinkedHashSet<>();
    Set<String> jmhVersions = new LinkedHashSet<>();
    for (JsonElement e : runs) {
      JsonObject run = e.getAsJsonObject();
      Map<String, String> params = new TreeMap<>();
      if (run.has("params")) {
        run.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
      }
      Map<String, Metric> secondary = new TreeMap<>();
      if (run.has("secondaryMetrics")) {
        run.getAsJsonObject("secondaryMetrics").entrySet()
            .forEach(m -> secondary.put(m.getKey(), metric(m.getValue().getAsJsonObject())));
      }
      measurements.add(new Measurement(run.get("benchmark").getAsString(), params, run.get("threads").getAsInt(),
          metric(run.getAsJsonObject("primaryMetric")), secondary));

      jvms.add(run.get("vmName").getAsString() + " " + run.get("vmVersion").getAsString());
      int forks = run.get("forks").getAsInt();
      settings.add(forks + (forks == 1 ? " fork" : " forks")
          + ", warm-up " + run.get("warmupIterations").getAsInt() + " x " + run.get("warmupTime").getAsString()
          + ", measurement " + run.get("measurementIterations").getAsInt() + " x "
          + run.get("measurementTime").getAsString() + ", mode " + run.get("mode").getAsString());
      List<String> args = new ArrayList<>();
      run.getAsJsonArray("jvmArgs").forEach(a -> args.add(a.getAsString()));
      jvmArgs.add(String.join(" ", args));
      jmhVersions.add(run.get("jmhVersion").getAsString());
    }
    return new ResultFile(measurements, jvms, settings, jvmArgs, jmhVersions);
  }

  /** A metric: JMH's score and unit, and its raw iteration values of every fork ({@code rawData}). */
  private static Metric metric(JsonObject m) {
    List<Double> values = new ArrayList<>();
    if (m.has("rawData")) {
      for (JsonElement fork : m.getAsJsonArray("rawData")) {
        for (JsonElement v : fork.getAsJsonArray()) {
          values.add(v.getAsDouble());
        }
      }
    }
    return Metric.of(m.get("scoreUnit").getAsString(), score(m.get("score")), values);
  }

  /** JMH writes {@code "NaN"} as a string for an undefined score. */
  private static double score(JsonElement score) {
    return score.getAsJsonPrimitive().isString() ? Double.parseDouble(score.getAsString()) : score.getAsDouble();
  }
}
