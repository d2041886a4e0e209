package org.hotpath.interop;

import com.google.common.collect.testing.SampleElements;
import com.google.common.collect.testing.TestMapGenerator;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The Guava generator every view suite here shares: it asks a factory for a fresh, empty view and
 * fills it through the view's own {@code put}, so the suites exercise the view's write path from
 * the first entry. The two factories below hold the samples; a suite only says which view to
 * build.
 *
 * @param <K> the boxed key type
 * @param <V> the boxed value type
 */
class ViewMapGenerator<K, V> implements TestMapGenerator<K, V> {

  /** The missing value of the int maps under test: stored like any other int by the samples. */
  static final int MISSING = -7;

  private final Supplier<? extends Map<K, V>> emptyView;
  private final SampleElements<Map.Entry<K, V>> samples;
  private final IntFunction<K[]> keyArray;
  private final IntFunction<V[]> valueArray;

  ViewMapGenerator(
      Supplier<? extends Map<K, V>> emptyView,
      SampleElements<Map.Entry<K, V>> samples,
      IntFunction<K[]> keyArray,
      IntFunction<V[]> valueArray) {
    this.emptyView = emptyView;
    this.samples = samples;
    this.keyArray = keyArray;
    this.valueArray = valueArray;
  }

  /**
   * Views of {@code Long} keys to strings; the samples hold the zero key (which the hash maps
   * store outside their table), {@code -1}, the ends of the long range and a key beyond the int
   * range.
   *
   * @param emptyView makes a fresh, empty view
   * @return the generator
   */
  static ViewMapGenerator<Long, String> longToString(Supplier<? extends Map<Long, String>> emptyView) {
    return new ViewMapGenerator<>(
        emptyView,
        new SampleElements<>(
            entry(0L, "a"),
            entry(-1L, "b"),
            entry(Long.MIN_VALUE, "c"),
            entry(Long.MAX_VALUE, "d"),
            entry(1L << 40, "e")),
        Long[]::new,
        String[]::new);
  }

  /**
   * Views of int maps built with missing value {@link #MISSING}; the samples store it as a key
   * and as a value (every int is legal), next to the zero key, {@code -1} and the ends of the int
   * range.
   *
   * @param emptyView makes a fresh, empty view of a map whose missing value is {@link #MISSING}
   * @return the generator
   */
  static ViewMapGenerator<Integer, Integer> intToInt(
      Supplier<? extends Map<Integer, Integer>> emptyView) {
    return new ViewMapGenerator<>(
        emptyView,
        new SampleElements<>(
            entry(0, MISSING),
            entry(MISSING, 1),
            entry(-1, 0),
            entry(Integer.MIN_VALUE, Integer.MAX_VALUE),
            entry(Integer.MAX_VALUE, Integer.MIN_VALUE)),
        Integer[]::new,
        Integer[]::new);
  }

  static <K, V> Map.Entry<K, V> entry(K key, V value) {
    return new AbstractMap.SimpleImmutableEntry<>(key, value);
  }

  @Override
  public SampleElements<Map.Entry<K, V>> samples() {
    return samples;
  }

  @Override
  public Map<K, V> create(Object... entries) {
    Map<K, V> map = emptyView.get();
    for (Object o : entries) {
      @SuppressWarnings("unchecked") // the builder passes entries of samples()
      Map.Entry<K, V> e = (Map.Entry<K, V>) o;
      map.put(e.getKey(), e.getValue());
    }
    return map;
  }

  @Override
  @SuppressWarnings("unchecked") // an array of a generic type: erased to Map.Entry[]
  public Map.Entry<K, V>[] createArray(int length) {
    return (Map.Entry<K, V>[]) new Map.Entry<?, ?>[length];
  }

  /** Insertion order: the hash and sharded views declare no order, so the builder ignores it. */
  @Override
  public Iterable<Map.Entry<K, V>> order(List<Map.Entry<K, V>> insertionOrder) {
    return insertionOrder;
  }

  @Override
  public K[] createKeyArray(int length) {
    return keyArray.apply(length);
  }

  @Override
  public V[] createValueArray(int length) {
    return valueArray.apply(length);
  }
}
