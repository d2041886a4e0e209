package org.hotpath.collections;

/**
 * How a map that outgrows its storage grows: in pieces whose cost is bounded, or in one call.
 * Chosen at construction; a map presized for its entries never grows, and then the choice does not
 * matter.
 */
public enum Growth {

  /**
   * Growth in pieces of bounded size, so that no single insertion pays for more than one piece
   * (the default): no latency spike when a map that could not be presized grows. A grown map's
   * lookups pay one more indirection than a presized map's; {@code compact()} lays it out in one
   * piece again.
   */
  BOUNDED,

  /**
   * Growth in one call that rebuilds all the storage, as {@code java.util.HashMap} and every Java
   * peer do: the insertion that triggers it pays for a copy of the whole map, and the new storage
   * is allocated (and zeroed by the JVM) at once. A grown map is laid out as a presized one.
   */
  ONE_SHOT
}
