package org.hotpath.jmh;

/**
 * What each {@code -p impl=} name stands for, as the summary table, {@code docs/benchmarks.md} and
 * its charts print it: the JDK's classes by their own names, since {@code jdk} means {@code
 * HashMap} in one benchmark and {@code TreeMap} in another. The libraries' names (hotpath,
 * fastutil, HPPC, ...) are printed as they are spelled in {@code -p impl=}.
 */
final class ImplNames {

  private ImplNames() {}

  /**
   * The printed name of an implementation.
   *
   * @param context the benchmark class's simple name (e.g. {@code SortedMapBenchmark}) or a
   *     footprint table's map (e.g. {@code long->Object sorted}, {@code int->int concurrent})
   * @param impl the {@code -p impl=} spelling
   * @return the class it measured, or {@code impl} for a library's own implementation
   */
  static String of(String context, String impl) {
    boolean sorted = context.startsWith("Sorted") || context.endsWith("sorted");
    boolean intKeys = context.startsWith("ConcurrentIntInt") || context.startsWith("int->int");
    return switch (impl) {
      case "jdk" -> sorted ? "TreeMap" : "HashMap";
      case "chm" -> "ConcurrentHashMap";
      case "sync" -> "synchronizedMap(HashMap)";
      case "csl" -> "ConcurrentSkipListMap";
      case "abq" -> "ArrayBlockingQueue";
      case "lbq" -> "LinkedBlockingQueue";
      case "clq" -> "ConcurrentLinkedQueue";
      case "new" -> "new Payload()";
      case "nbhm" -> intKeys ? "NonBlockingHashMap" : "NonBlockingHashMapLong";
      default -> impl;
    };
  }
}
