package org.hotpath.concurrent;

import java.util.function.Consumer;

/**
 * The two sharded maps behind one small interface, so that the statistics tests hold both to the
 * same specification. Keys are ints; the object map stores them widened to longs, which puts each
 * key in the same shard in both maps.
 */
enum ShardedMapKind {
  INT {
    @Override
    Map create(int expectedSize, int shards) {
      ShardedInt2IntMap m = new ShardedInt2IntMap(expectedSize, shards);
      return new Map() {
        @Override public void put(int key) { m.put(key, key); }
        @Override public void remove(int key) { m.remove(key); }
        @Override public void compact() { m.compact(); }
        @Override public void clear() { m.clear(); }
        @Override public int size() { return m.size(); }
        @Override public ShardedMapStats readStats(ShardedMapStats into) { return m.readStats(into); }
        @Override public void forEachKey(Consumer<Integer> action) { m.forEach((k, v) -> action.accept(k)); }
        @Override public int floodDefences() { return m.floodDefences(); }
        @Override public String toString() { return m.toString(); }
      };
    }
  },

  OBJECT {
    @Override
    Map create(int expectedSize, int shards) {
      ShardedLong2ObjectMap<String> m = new ShardedLong2ObjectMap<>(expectedSize, shards);
      return new Map() {
        @Override public void put(int key) { m.put(key, "v"); }
        @Override public void remove(int key) { m.remove(key); }
        @Override public void compact() { m.compact(); }
        @Override public void clear() { m.clear(); }
        @Override public int size() { return m.size(); }
        @Override public ShardedMapStats readStats(ShardedMapStats into) { return m.readStats(into); }
        @Override public void forEachKey(Consumer<Integer> action) { m.forEach((k, v) -> action.accept((int) k)); }
        @Override public int floodDefences() { return m.floodDefences(); }
        @Override public String toString() { return m.toString(); }
      };
    }
  };

  /** What the statistics tests use of a sharded map. */
  interface Map {
    void put(int key);

    void remove(int key);

    void compact();

    void clear();

    int size();

    ShardedMapStats readStats(ShardedMapStats into);

    /** Runs {@code action} for each key, under the key's shard lock (a callback). */
    void forEachKey(Consumer<Integer> action);

    int floodDefences();
  }

  /** The class name that starts the statistics' log line. */
  String mapName() {
    return this == INT ? "ShardedInt2IntMap" : "ShardedLong2ObjectMap";
  }

  abstract Map create(int expectedSize, int shards);
}
