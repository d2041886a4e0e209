package org.hotpath.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One JMH result as the summary table and the report read it, whether it comes from a run that
 * just finished ({@link #of(RunResult)}, {@link BenchMain}) or from a JMH JSON result file
 * ({@link JmhJson}, {@link BenchmarkReport}): the same figures either way, so the table printed
 * after a run and the published report cannot disagree on how a row is computed.
 *
 * @param benchmark the fully qualified benchmark method, {@code org.hotpath.jmh.X.method}
 * @param params the {@code @Param} values by name
 * @param threads the threads of the run (all threads of a group)
 * @param primary the primary metric (time per op, or ops per time unit for groups)
 * @param secondary the secondary metrics by JMH's label ({@code gc.alloc.rate.norm}, {@code received}, ...)
 */
record Measurement(String benchmark, Map<String, String> params, int threads, Metric primary,
    Map<String, Metric> secondary) {

  /**
   * One metric over the measurement iterations of every fork.
   *
   * @param unit JMH's unit, e.g. {@code ns/op}, {@code ops/us}, {@code MB/sec}
   * @param score JMH's score (the mean, or the sum for counters such as {@code gc.count})
   * @param n the number of iterations
   * @param median the median iteration, {@code score} if none were recorded
   * @param min the smallest iteration
   * @param max the largest iteration
   */
  record Metric(String unit, double score, long n, double median, double min, double max) {

    /** A metric of a finished run, reduced from its iteration values as {@link #of(String, double, List)} does. */
    static Metric of(Result<?> result) {
      List<Double> values = new ArrayList<>();
      for (Iterator<Map.Entry<Double, Long>> it = result.getStatistics().getRawData(); it.hasNext(); ) {
        Map.Entry<Double, Long> value = it.next();
        for (long i = 0; i < value.getValue(); i++) {
          values.add(value.getKey());
        }
      }
      return of(result.getScoreUnit(), result.getScore(), values);
    }

    /** A metric from its iteration values, as a JSON result file lists them. */
    static Metric of(String unit, double score, List<Double> iterations) {
      double[] v = new double[iterations.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = iterations.get(i);
      }
      Arrays.sort(v);
      int n = v.length;
      double median = n == 0 ? score : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
      return new Metric(unit, score, n, median, n == 0 ? Double.NaN : v[0], n == 0 ? Double.NaN : v[n - 1]);
    }
  }

  static Measurement of(RunResult r) {
    BenchmarkParams p = r.getParams();
    Map<String, String> params = new TreeMap<>();
    for (String key : p.getParamsKeys()) {
      params.put(key, p.getParam(key));
    }
    Map<String, Metric> secondary = new TreeMap<>();
    r.getSecondaryResults().forEach((label, result) -> secondary.put(label, Metric.of(result)));
    return new Measurement(p.getBenchmark(), params, p.getThreads(), Metric.of(r.getPrimaryResult()), secondary);
  }

  /**
   * The secondary metric labelled {@code name}, or null. Labels of a group's thread carry a prefix
   * ({@code p1c1Consume:received}) and older JMH versions prefix profiler metrics with {@code "·"}.
   */
  Metric secondary(String name) {
    for (Map.Entry<String, Metric> e : secondary.entrySet()) {
      String label = e.getKey();
      if (label.equals(name) || label.endsWith(":" + name) || label.endsWith("·" + name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
