package org.hotpath.interop;

import static org.hotpath.interop.ViewMapGenerator.MISSING;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import junit.framework.Test;
import org.hotpath.concurrent.ShardedInt2IntMap;

/**
 * Runs Guava's {@code ConcurrentMapTestSuiteBuilder} against {@link ShardedInt2IntMap#asMap()}, with every
 * feature the view supports: any size, every optional operation and iterator removal. Its
 * iterators are weakly consistent, so fail-fast iteration is not declared. Nulls are not supported, so no null feature is declared; nothing is suppressed.
 * Iteration order is the map's own (not insertion order), so no order is declared either.
 *
 * <p>A JUnit 3 suite, run by the vintage engine. It lives in a package of its own that the module
 * does not export, so the public {@code suite()} does not trip javac's exports lint.
 */
public final class ShardedInt2IntMapViewConformanceTest {

  private ShardedInt2IntMapViewConformanceTest() {}

  /**
   * The generated suite.
   *
   * @return every test the builder generates for the declared features
   */
  public static Test suite() {
    return ConcurrentMapTestSuiteBuilder.using(
            ViewMapGenerator.intToInt(() -> new ShardedInt2IntMap(4, 2, MISSING).asMap()))
        .named("ShardedInt2IntMap.asMap")
        .withFeatures(
            CollectionSize.ANY,
            MapFeature.GENERAL_PURPOSE,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE)
        .createTestSuite();
  }
}
