/** Internals shared by Hotpath's structures. Not exported; no compatibility promise. */
package org.hotpath.internal;
