package org.hotpath.jmh;

/**
 * The pooled object of {@link PoolBenchmark} and {@link PoolHandoffBenchmark}: 64 bytes of fields
 * (80 bytes with the object header), about a small request or event. {@link #fill} stands for a
 * user writing it, {@link #sum} for a user reading it, {@link #clear} is the pools' reset.
 */
final class Payload {
  long f0;
  long f1;
  long f2;
  long f3;
  long f4;
  long f5;
  long f6;
  long f7;

  /** Writes every field from {@code n}. */
  void fill(long n) {
    f0 = n;
    f1 = n + 1;
    f2 = n + 2;
    f3 = n + 3;
    f4 = n + 4;
    f5 = n + 5;
    f6 = n + 6;
    f7 = n + 7;
  }

  /** Reads every field: {@code 8n + 28} after {@code fill(n)}, 0 after {@code clear()}. */
  long sum() {
    return f0 + f1 + f2 + f3 + f4 + f5 + f6 + f7;
  }

  /** The pools' reset: back to a new object's state. */
  void clear() {
    f0 = 0;
    f1 = 0;
    f2 = 0;
    f3 = 0;
    f4 = 0;
    f5 = 0;
    f6 = 0;
    f7 = 0;
  }
}
