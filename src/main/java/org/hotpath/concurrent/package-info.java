/**
 * Thread-safe primitive maps that allocate nothing in steady state and read without locking:
 * {@link org.hotpath.concurrent.ShardedInt2IntMap} and {@link
 * org.hotpath.concurrent.ShardedLong2ObjectMap}.
 */
package org.hotpath.concurrent;
