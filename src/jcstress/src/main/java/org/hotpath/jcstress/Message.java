package org.hotpath.jcstress;

/**
 * A ring-buffer slot for the tests: plain (non-volatile) fields that a producer fills in place
 * before publishing and the consumer reads in its handler. A slot is consistent when {@code b ==
 * a * 11} and {@code a != 0}; producers write {@code a} first and {@code b} last, so a slot seen
 * before its writes completed shows the factory's zeros or {@code b != a * 11}.
 */
final class Message {
  /** Which producer (or lap) wrote the slot: 1, 2, ...; 0 as created. */
  int a;

  /** {@code a * 11} once the slot is fully written; 0 as created. */
  int b;

  /** Writes a consistent slot: {@code offer}'s writer, as {@code Message::write}. */
  static void write(Message m, Integer value) {
    m.fill(value.intValue());
  }

  /** Writes a consistent slot, {@code a} first. */
  void fill(int value) {
    a = value;
    b = value * 11;
  }

  boolean consistent() {
    return a != 0 && b == a * 11;
  }
}
