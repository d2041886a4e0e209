/** Hotpath: zero-allocation primitive collections. */
module org.hotpath {
  exports org.hotpath.collections;
  exports org.hotpath.concurrent;
  exports org.hotpath.function;
}
