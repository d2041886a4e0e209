/** Hotpath: zero-allocation primitive collections. */
// Agrona publishes only an Automatic-Module-Name, which javac warns about; that is the module name
// Agrona documents, so depending on it is deliberate.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.hotpath {
  // RingBuffer.claim takes an org.agrona.concurrent.IdleStrategy, so users see Agrona too.
  requires transitive org.agrona;

  exports org.hotpath.collections;
  exports org.hotpath.concurrent;
  exports org.hotpath.function;
  exports org.hotpath.pool;
}
