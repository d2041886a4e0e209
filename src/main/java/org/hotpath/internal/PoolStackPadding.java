package org.hotpath.internal;

/** Two cache lines in front of a pool stack's head, so that no other object's fields share them. */
@SuppressWarnings("unused")
abstract class PoolStackPadding {
  private long p00, p01, p02, p03, p04, p05, p06, p07;
  private long p08, p09, p10, p11, p12, p13, p14, p15;
}
