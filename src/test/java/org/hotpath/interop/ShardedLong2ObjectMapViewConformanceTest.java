package org.hotpath.interop;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import junit.framework.Test;
import org.hotpath.concurrent.ShardedLong2ObjectMap;

/**
 * Runs Guava's {@code ConcurrentMapTestSuiteBuilder} against {@link ShardedLong2ObjectMap#asMap()}, with every
 * feature the view supports: any size, every optional operation and iterator removal. Its
 * iterators are weakly consistent, so fail-fast iteration is not declared. Nulls are not supported, so no null feature is declared; nothing is suppressed.
 * Iteration order is the map's own (not insertion order), so no order is declared either.
 *
 * <p>A JUnit 3 suite, run by the vintage engine. It lives in a package of its own that the module
 * does not export, so the public {@code suite()} does not trip javac's exports lint.
 */
public final class ShardedLong2ObjectMapViewConformanceTest {

  private ShardedLong2ObjectMapViewConformanceTest() {}

  /**
   * The generated suite.
   *
   * @return every test the builder generates for the declared features
   */
  public static Test suite() {
    return ConcurrentMapTestSuiteBuilder.using(
            ViewMapGenerator.longToString(() -> new ShardedLong2ObjectMap<String>(4, 2).asMap()))
        .named("ShardedLong2ObjectMap.asMap")
        .withFeatures(
            CollectionSize.ANY,
            MapFeature.GENERAL_PURPOSE,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE)
        .createTestSuite();
  }
}
