package io.lakeml.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * One PSI check's bucketing: the expression that puts a scored row into a bucket (a string key)
 * and the baseline's row count per bucket, in bucket order. Every value the expression can yield
 * is a key of {@code expected} (values the baseline never saw land in its "other" bucket or its
 * last bin), so current and baseline are compared over the same buckets.
 *
 * @param kind   {@link Check#FEATURE} or {@link Check#PREDICTION}
 * @param name   the feature, or "prediction"
 * @param bucket string expression over the predictions table's columns
 */
record Buckets(String kind, String name, Column bucket, Map<String, Long> expected) {
  /** The bucket of null values (also BucketCounts' key for nulls in the profile). */
  static final String NULL = "__null__";
  /** Categories outside the baseline's top values. */
  static final String OTHER = "__other__";

  Buckets {
    expected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
  }
}
