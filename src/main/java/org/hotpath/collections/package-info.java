/**
 * Single-threaded primitive collections that allocate nothing in steady state: {@link
 * org.hotpath.collections.Int2IntHashMap} and {@link org.hotpath.collections.Long2ObjectHashMap}.
 */
package org.hotpath.collections;
