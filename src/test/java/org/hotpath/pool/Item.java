package org.hotpath.pool;

import java.util.function.Supplier;

/**
 * A pooled object for tests: numbered in creation order, mutable, and equal to every other item
 * (with one hash code), so that a pool that told objects apart by {@code equals} instead of
 * identity would fail every test.
 */
final class Item {

  final int id;
  /** Set by holders, cleared by {@link #reset}. */
  boolean dirty;
  /** How many times the pool's reset action ran on this item. */
  int resets;

  Item(int id) {
    this.id = id;
  }

  /** The reset action of the tests' pools. */
  static void reset(Item item) {
    item.dirty = false;
    item.resets++;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Item;
  }

  @Override
  public int hashCode() {
    return 1;
  }

  @Override
  public String toString() {
    return "Item" + id;
  }

  /** A factory that numbers its items 0, 1, 2, ... and counts them. */
  static final class Factory implements Supplier<Item> {
    int made;

    @Override
    public Item get() {
      return new Item(made++);
    }
  }
}
