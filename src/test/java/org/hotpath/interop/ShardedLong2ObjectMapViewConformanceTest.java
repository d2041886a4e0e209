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
    return ConcurrentMapTestSuiteBuilder.using(new Generator())
        .named("ShardedLong2ObjectMap.asMap")
        .withFeatures(
            CollectionSize.ANY,
            MapFeature.GENERAL_PURPOSE,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE)
        .createTestSuite();
  }

  /**
   * Maps of {@code Long} keys to strings in two shards; the samples hold the zero key (stored
   * outside the table), {@code -1} and the ends of the long range.
   */
  private static final class Generator implements TestMapGenerator<Long, String> {

    @Override
    public SampleElements<Map.Entry<Long, String>> samples() {
      return new SampleElements<>(
          entry(0L, "a"), entry(-1L, "b"), entry(Long.MIN_VALUE, "c"), entry(Long.MAX_VALUE, "d"), entry(1L << 40, "e"));
    }

    @Override
    public Map<Long, String> create(Object... entries) {
      Map<Long, String> map = new ShardedLong2ObjectMap<String>(4, 2).asMap();
      for (Object o : entries) {
        @SuppressWarnings("unchecked") // the builder passes entries of samples()
        Map.Entry<Long, String> e = (Map.Entry<Long, String>) o;
        map.put(e.getKey(), e.getValue());
      }
      return map;
    }

    @Override
    @SuppressWarnings("unchecked") // an array of a generic type: erased to Map.Entry[]
    public Map.Entry<Long, String>[] createArray(int length) {
      return (Map.Entry<Long, String>[]) new Map.Entry<?, ?>[length];
    }

    @Override
    public Iterable<Map.Entry<Long, String>> order(List<Map.Entry<Long, String>> insertionOrder) {
      return insertionOrder;
    }

    @Override
    public Long[] createKeyArray(int length) {
      return new Long[length];
    }

    @Override
    public String[] createValueArray(int length) {
      return new String[length];
    }

    private static Map.Entry<Long, String> entry(long key, String value) {
      return new AbstractMap.SimpleImmutableEntry<>(key, value);
    }
  }
}
