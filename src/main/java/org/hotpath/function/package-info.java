/**
 * Primitive functional interfaces, shaped like {@code java.util.function}, used by the
 * allocation-free bulk operations of Hotpath's collections. A non-capturing lambda passed to them
 * allocates nothing.
 */
package org.hotpath.function;
