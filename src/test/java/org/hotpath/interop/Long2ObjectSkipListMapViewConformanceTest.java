package org.hotpath.interop;

import com.google.common.collect.testing.NavigableMapTestSuiteBuilder;
import com.google.common.collect.testing.SampleElements;
import com.google.common.collect.testing.TestSortedMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import junit.framework.Test;
import org.hotpath.collections.Long2ObjectSkipListMap;

/**
 * Runs Guava's {@code NavigableMapTestSuiteBuilder} against {@link
 * Long2ObjectSkipListMap#asNavigableMap()}: the map itself, and the descending, head, tail and
 * sub-map views (and their key sets) the builder derives from it. Nothing is suppressed.
 *
 * <p>A JUnit 3 suite, run by the vintage engine. It lives in a package of its own that the module
 * does not export, so the public {@code suite()} does not trip javac's exports lint.
 */
public final class Long2ObjectSkipListMapViewConformanceTest {

  private Long2ObjectSkipListMapViewConformanceTest() {}

  /**
   * The generated suite.
   *
   * @return every test the builder generates for the declared features
   */
  public static Test suite() {
    return NavigableMapTestSuiteBuilder.using(new Generator())
        .named("Long2ObjectSkipListMap.asNavigableMap")
        .withFeatures(
            CollectionSize.ANY,
            MapFeature.GENERAL_PURPOSE,
            MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
            CollectionFeature.KNOWN_ORDER)
        .createTestSuite();
  }

  /**
   * Maps of {@code Long} keys to strings. The samples span negative and positive keys beyond the
   * int range; the entries the builder uses to bound sub-maps sit at the very ends of the long
   * range ({@code Long.MIN_VALUE}, {@code MIN_VALUE + 1}, {@code MAX_VALUE - 1}, {@code
   * MAX_VALUE}), so the derived sub-map suites check the views at those boundaries.
   */
  private static final class Generator extends ViewMapGenerator<Long, String>
      implements TestSortedMapGenerator<Long, String> {

    Generator() {
      super(
          () -> new Long2ObjectSkipListMap<String>().asNavigableMap(),
          new SampleElements<>(
              entry(-3_000_000_000L, "a"),
              entry(-1L, "b"),
              entry(0L, "c"),
              entry(7L, "d"),
              entry(1L << 40, "e")),
          Long[]::new,
          String[]::new);
    }

    @Override
    public SortedMap<Long, String> create(Object... entries) {
      return (SortedMap<Long, String>) super.create(entries);
    }

    /** Key order: the view is sorted, and declares {@code KNOWN_ORDER}. */
    @Override
    public Iterable<Map.Entry<Long, String>> order(List<Map.Entry<Long, String>> insertionOrder) {
      List<Map.Entry<Long, String>> sorted = new ArrayList<>(insertionOrder);
      sorted.sort(Map.Entry.comparingByKey());
      return sorted;
    }

    @Override
    public Map.Entry<Long, String> belowSamplesLesser() {
      return entry(Long.MIN_VALUE, "below lesser");
    }

    @Override
    public Map.Entry<Long, String> belowSamplesGreater() {
      return entry(Long.MIN_VALUE + 1, "below greater");
    }

    @Override
    public Map.Entry<Long, String> aboveSamplesLesser() {
      return entry(Long.MAX_VALUE - 1, "above lesser");
    }

    @Override
    public Map.Entry<Long, String> aboveSamplesGreater() {
      return entry(Long.MAX_VALUE, "above greater");
    }
  }
}
