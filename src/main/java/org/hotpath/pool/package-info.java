/**
 * Object pools that hand out a fixed set of objects created up front, so that a hot path can
 * reuse mutable objects (buffers, builders, message holders) instead of allocating them: {@link
 * org.hotpath.pool.ObjectPool} for one thread and {@link org.hotpath.pool.ConcurrentObjectPool}
 * for any number. Both track their members by identity, catch double and foreign releases, reset
 * each object as it comes back, and count misses; {@link org.hotpath.pool.WhenEmpty} says what
 * happens when every member is out.
 */
package org.hotpath.pool;
