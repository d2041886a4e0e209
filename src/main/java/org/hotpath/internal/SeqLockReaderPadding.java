package org.hotpath.internal;

/** Two cache lines between the writers' fields and the readers', so that neither disturbs the other. */
@SuppressWarnings("unused")
abstract class SeqLockReaderPadding extends SeqLockWriter {
  private long r00, r01, r02, r03, r04, r05, r06, r07;
  private long r08, r09, r10, r11, r12, r13, r14, r15;
}
