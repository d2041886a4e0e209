package org.hotpath.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH exactly as {@code org.openjdk.jmh.Main} would (same command line, same console output,
 * same result file), then prints a compact summary of the results ({@link SummaryTable}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.hotpath.jmh.BenchMain [--table FILE] JMH-ARGS...
 * [--and JMH-ARGS...]...}; {@code --table} also writes the summary to FILE. Each {@code --and}
 * starts another, independent JMH run (its own selection, parameters and options, e.g. its own
 * {@code -rff}: a later run writing the same result file overwrites it), run in order; the summary
 * covers all of them. This is how jmh/bench gives the quick profile's sorted-map subset sizes of its
 * own ({@code -p} applies to every benchmark of one run). Listing options ({@code -l}, {@code -lp},
 * {@code -h}, ...) are handed to JMH's own main, with the first run's arguments.
 */
public final class BenchMain {

  /** JMH options that list or explain instead of running. */
  private static final Set<String> NON_RUN_OPTIONS = Set.of("-h", "-l", "-lp", "-lprof", "-lrf");

  private BenchMain() {}

  /**
   * Entry point.
   *
   * @param args {@code [--table FILE]} then JMH's command line
   * @throws Exception if JMH's own main fails for listing options
   */
  public static void main(String[] args) throws Exception {
    Path tableFile = null;
    List<List<String>> runs = new ArrayList<>();
    runs.add(new ArrayList<>());
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--table") && i + 1 < args.length) {
        tableFile = Path.of(args[++i]);
      } else if (args[i].equals("--and")) {
        runs.add(new ArrayList<>());
      } else {
        runs.get(runs.size() - 1).add(args[i]);
      }
    }
    for (List<String> run : runs) {
      for (String a : run) {
        if (NON_RUN_OPTIONS.contains(a)) {
          org.openjdk.jmh.Main.main(runs.get(0).toArray(new String[0]));
          return;
        }
      }
    }

    // Parse every run before starting any, so a typo in the last one does not waste the first.
    List<CommandLineOptions> optionsPerRun = new ArrayList<>();
    for (List<String> run : runs) {
      try {
        optionsPerRun.add(new CommandLineOptions(run.toArray(new String[0])));
      } catch (CommandLineOptionException e) {
        System.err.println("Error parsing command line " + run + ": " + e.getMessage());
        System.exit(1);
        return;
      }
    }
    Collection<RunResult> results = new ArrayList<>();
    for (CommandLineOptions options : optionsPerRun) {
      try {
        results.addAll(new Runner(options).run());
      } catch (RunnerException e) {
        System.err.println("JMH run failed:");
        e.printStackTrace();
        System.exit(1);
        return;
      }
    }
    if (results.isEmpty()) {
      System.err.println("No results: no benchmark matched, or every benchmark failed.");
      System.exit(1);
    }
    List<Measurement> measurements = new ArrayList<>();
    for (RunResult r : results) {
      measurements.add(Measurement.of(r));
    }
    String table = SummaryTable.format(measurements);
    System.out.println();
    System.out.print(table);
    if (tableFile != null) {
      try {
        Files.writeString(tableFile, table, StandardCharsets.UTF_8);
      } catch (IOException e) {
        System.err.println("Could not write " + tableFile + ": " + e);
        System.exit(1);
      }
    }
  }
}
