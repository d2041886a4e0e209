package org.hotpath.interop;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.SampleElements;
import com.google.common.collect.testing.TestMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
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
    return ConcurrentMapTestSuiteBuilder.using(new Generator())
        .named("ShardedInt2IntMap.asMap")
        .withFeatures(
            CollectionSize.ANY,
            MapFeature.GENERAL_PURPOSE,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE)
        .createTestSuite();
  }

  /**
   * Maps in two shards built with missing value {@code MISSING}, which the samples store as a
   * key and as a value (every int is legal), next to the zero key, {@code -1} and the ends of
   * the int range.
   */
  private static final class Generator implements TestMapGenerator<Integer, Integer> {

    /** The missing value of the maps under test: stored like any other value. */
    private static final int MISSING = -7;

    @Override
    public SampleElements<Map.Entry<Integer, Integer>> samples() {
      return new SampleElements<>(
          entry(0, MISSING), entry(MISSING, 1), entry(-1, 0), entry(Integer.MIN_VALUE, Integer.MAX_VALUE), entry(Integer.MAX_VALUE, Integer.MIN_VALUE));
    }

    @Override
    public Map<Integer, Integer> create(Object... entries) {
      Map<Integer, Integer> map = new ShardedInt2IntMap(4, 2, MISSING).asMap();
      for (Object o : entries) {
        @SuppressWarnings("unchecked") // the builder passes entries of samples()
        Map.Entry<Integer, Integer> e = (Map.Entry<Integer, Integer>) o;
        map.put(e.getKey(), e.getValue());
      }
      return map;
    }

    @Override
    @SuppressWarnings("unchecked") // an array of a generic type: erased to Map.Entry[]
    public Map.Entry<Integer, Integer>[] createArray(int length) {
      return (Map.Entry<Integer, Integer>[]) new Map.Entry<?, ?>[length];
    }

    @Override
    public Iterable<Map.Entry<Integer, Integer>> order(List<Map.Entry<Integer, Integer>> insertionOrder) {
      return insertionOrder;
    }

    @Override
    public Integer[] createKeyArray(int length) {
      return new Integer[length];
    }

    @Override
    public Integer[] createValueArray(int length) {
      return new Integer[length];
    }

    private static Map.Entry<Integer, Integer> entry(int key, int value) {
      return new AbstractMap.SimpleImmutableEntry<>(key, value);
    }
  }
}
