package io.lakeml.features;

import io.lakeml.stats.Psi;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statistics of one feature in one feature table version. Numbers and times: moments, bin
 * edges and a histogram (edges.length + 1 bins: up to the first edge, ..., above the last).
 * Strings and booleans: the most frequent values and the count of all others. psiPrevious: the
 * PSI against the previous version's stats of the feature (null for the first, or when the
 * buckets differ).
 */
public record FeatureStat(String feature, String dataType, long rows, long nulls, long distinct,
    Double mean, Double stddev, Double min, Double max, double[] edges, long[] histogram,
    Map<String, Long> topValues, long otherCount, Double psiPrevious) {

  static FeatureStat of(FeatureDef f, long rows, long nonNull, long distinct, Double mean,
      Double stddev, Double min, Double max, double[] edges, Map<String, Long> buckets) {
    long nulls = rows - nonNull;
    if (edges != null) {
      long[] histogram = new long[edges.length + 1];
      buckets.forEach((b, n) -> {
        if (!b.equals(FeatureStats.NULL)) {
          histogram[Integer.parseInt(b)] += n;
        }
      });
      return new FeatureStat(f.name(), f.type().simpleString(), rows, nulls, distinct, mean,
          stddev, min, max, edges, histogram, Map.of(), 0, null);
    }
    Map<String, Long> top = new LinkedHashMap<>();
    long counted = 0;
    for (Map.Entry<String, Long> b : buckets.entrySet()) {
      if (!b.getKey().equals(FeatureStats.NULL) && top.size() < FeatureStats.TOP_VALUES) {
        top.put(b.getKey(), b.getValue());
        counted += b.getValue();
      }
    }
    return new FeatureStat(f.name(), f.type().simpleString(), rows, nulls, distinct, null, null,
        null, null, null, null, top, nonNull - counted, null);
  }

  public FeatureStat withPsiPrevious(Double psi) {
    return new FeatureStat(feature, dataType, rows, nulls, distinct, mean, stddev, min, max, edges,
        histogram, topValues, otherCount, psi);
  }

  /**
   * PSI of this version against an earlier one over the same buckets (bins with the same edges,
   * or the union of both sides' top values plus "other"; nulls are a bucket): null when the two
   * are not comparable (other type or other edges).
   */
  public Double psiAgainst(FeatureStat before) {
    if (!dataType.equals(before.dataType) || (edges == null) != (before.edges == null)) {
      return null;
    }
    if (edges != null) {
      if (!java.util.Arrays.equals(edges, before.edges)) {
        return null;
      }
      return Psi.ofCounts(withNulls(before.histogram, before.nulls), withNulls(histogram, nulls));
    }
    java.util.Set<String> values = new java.util.TreeSet<>(topValues.keySet());
    values.addAll(before.topValues.keySet());
    long[] e = new long[values.size() + 2];
    long[] a = new long[values.size() + 2];
    int i = 0;
    for (String v : values) {
      e[i] = before.topValues.getOrDefault(v, 0L);
      a[i] = topValues.getOrDefault(v, 0L);
      i++;
    }
    // A value in one side's top list only is counted in the other side's "other" bucket (its
    // own count there is not known): an approximation only for values outside a top list.
    e[i] = before.otherCount;
    a[i] = otherCount;
    e[i + 1] = before.nulls;
    a[i + 1] = nulls;
    return Psi.ofCounts(e, a);
  }

  private static long[] withNulls(long[] histogram, long nulls) {
    long[] out = java.util.Arrays.copyOf(histogram, histogram.length + 1);
    out[histogram.length] = nulls;
    return out;
  }
}
