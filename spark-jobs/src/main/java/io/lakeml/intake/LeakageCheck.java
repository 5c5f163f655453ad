package io.lakeml.intake;

import io.lakeml.config.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How far one feature alone determines the label, 0..1, from its bucket counts:
 * binary: the feature's own AUC, max(AUC, 1 - AUC) (numbers ordered by value, categories by
 * their positive rate); multiclass: the share of the label's errors the feature removes
 * (Goodman-Kruskal lambda); regression: |correlation| for numbers, correlation ratio for
 * categories. Buckets seen fewer than min-support times are left out. null: not enough support.
 */
final class LeakageCheck {
  private LeakageCheck() {}

  /** labelCorrelation: the feature's Pearson correlation with a regression label, or null. */
  static Double score(List<BucketCounts.Bucket> all, boolean numeric, Double labelCorrelation,
      Task task, long minSupport) {
    if (task == Task.REGRESSION && numeric) {
      return labelCorrelation == null || labelCorrelation.isNaN() ? null
          : Math.abs(labelCorrelation);
    }
    List<BucketCounts.Bucket> buckets = new ArrayList<>();
    for (BucketCounts.Bucket b : all) {
      if (b.count() >= minSupport && !b.value().equals(BucketCounts.NULL)) {
        buckets.add(b);
      }
    }
    long n = buckets.stream().mapToLong(BucketCounts.Bucket::count).sum();
    if (buckets.size() < 2 || n == 0) {
      return null;
    }
    return switch (task) {
      case BINARY -> auc(buckets, numeric);
      case MULTICLASS -> lambda(buckets, n);
      case REGRESSION -> correlationRatio(buckets, n);
    };
  }

  private static double auc(List<BucketCounts.Bucket> buckets, boolean numeric) {
    List<BucketCounts.Bucket> ordered = new ArrayList<>(buckets);
    ordered.sort(numeric ? Comparator.comparingDouble(BucketCounts.Bucket::ord)
        : Comparator.comparingDouble(b -> (double) b.classCounts()[1] / b.count()));
    double pos = 0;
    double neg = 0;
    double area = 0;
    for (BucketCounts.Bucket b : ordered) {
      long p = b.classCounts()[1];
      long q = b.classCounts()[0];
      area += p * (neg + 0.5 * q);
      pos += p;
      neg += q;
    }
    if (pos == 0 || neg == 0) {
      return 1.0;
    }
    double auc = area / (pos * neg);
    return Math.max(auc, 1 - auc);
  }

  private static double lambda(List<BucketCounts.Bucket> buckets, long n) {
    int k = buckets.get(0).classCounts().length;
    long[] totals = new long[k];
    long withinMax = 0;
    for (BucketCounts.Bucket b : buckets) {
      long best = 0;
      for (int c = 0; c < k; c++) {
        totals[c] += b.classCounts()[c];
        best = Math.max(best, b.classCounts()[c]);
      }
      withinMax += best;
    }
    long overallMax = 0;
    for (long t : totals) {
      overallMax = Math.max(overallMax, t);
    }
    return n == overallMax ? 1.0 : (double) (withinMax - overallMax) / (n - overallMax);
  }

  private static double correlationRatio(List<BucketCounts.Bucket> buckets, long n) {
    double sum = 0;
    double sum2 = 0;
    double between = 0;
    for (BucketCounts.Bucket b : buckets) {
      sum += b.sumY();
      sum2 += b.sumY2();
      between += b.sumY() * b.sumY() / b.count();
    }
    double total = sum2 - sum * sum / n;
    return total <= 0 ? 1.0 : Math.min(1.0, (between - sum * sum / n) / total);
  }
}
