package io.lakeml.stats;

import java.util.Map;

/**
 * The population stability index of a current distribution against a baseline over the same
 * buckets: sum over buckets of (actual - expected) * ln(actual / expected), on shares. A bucket
 * empty on one side would make the log infinite, so {@link #EPSILON} is added to every share
 * (the usual smoothing). Rules of thumb: below 0.1 stable, 0.1 to 0.2 some change, above 0.2 a
 * shift worth acting on.
 */
public final class Psi {
  /** Added to every bucket's share before the log. */
  public static final double EPSILON = 1e-4;

  private Psi() {}

  /** PSI of shares (each array sums to 1, same bucket order) smoothed by epsilon. */
  public static double ofShares(double[] expected, double[] actual, double epsilon) {
    if (expected.length != actual.length) {
      throw new IllegalArgumentException("expected " + expected.length + " buckets, actual "
          + actual.length);
    }
    double psi = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i] + epsilon;
      double a = actual[i] + epsilon;
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  /** PSI of bucket counts (same bucket order), each side turned into shares of its own total. */
  public static double ofCounts(long[] expected, long[] actual) {
    return ofShares(shares(expected), shares(actual), EPSILON);
  }

  /**
   * PSI over the baseline's buckets, in the baseline's order; current buckets the baseline lacks
   * are an error of the caller (bucketing maps every value to a baseline bucket).
   */
  public static double ofCounts(Map<String, Long> expected, Map<String, Long> actual) {
    for (String bucket : actual.keySet()) {
      if (!expected.containsKey(bucket)) {
        throw new IllegalArgumentException("bucket " + bucket + " is not in the baseline "
            + expected.keySet());
      }
    }
    long[] e = new long[expected.size()];
    long[] a = new long[expected.size()];
    int i = 0;
    for (Map.Entry<String, Long> bucket : expected.entrySet()) {
      e[i] = bucket.getValue();
      a[i] = actual.getOrDefault(bucket.getKey(), 0L);
      i++;
    }
    return ofCounts(e, a);
  }

  /** Counts as shares of their total; all zero when the total is zero. */
  static double[] shares(long[] counts) {
    long total = 0;
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("negative count " + c);
      }
      total += c;
    }
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = total == 0 ? 0 : counts[i] / (double) total;
    }
    return out;
  }
}
