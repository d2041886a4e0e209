package org.hotpath.interop;

import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import junit.framework.Test;
import org.hotpath.collections.Long2ObjectHashMap;

/**
 * Runs Guava's {@code MapTestSuiteBuilder} against {@link Long2ObjectHashMap#asMap()}, with every
 * feature the view supports: any size, every optional operation, iterator removal and fail-fast
 * iteration. Nulls are not supported, so no null feature is declared; nothing is suppressed.
 * Iteration order is the map's own (not insertion order), so no order is declared either.
 *
 * <p>A JUnit 3 suite, run by the vintage engine. It lives in a package of its own that the module
 * does not export, so the public {@code suite()} does not trip javac's exports lint.
 */
public final class Long2ObjectHashMapViewConformanceTest {

  private Long2ObjectHashMapViewConformanceTest() {}

  /**
   * The generated suite.
   *
   * @return every test the builder generates for the declared features
   */
  public static Test suite() {
    return MapTestSuiteBuilder.using(
            ViewMapGenerator.longToString(() -> new Long2ObjectHashMap<String>().asMap()))
        .named("Long2ObjectHashMap.asMap")
        .withFeatures(
            CollectionSize.ANY,
            MapFeature.GENERAL_PURPOSE,
            MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE)
        .createTestSuite();
  }
}
