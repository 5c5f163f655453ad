package io.lakeml.prep;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.lakeml.config.PrepSettings;
import io.lakeml.intake.LabelInfo;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * Class weights for imbalanced classification: each row weighs rows / (classes x rows of its
 * class), so every class carries the same total weight. Used by the families that take a weight
 * column; metrics stay unweighted.
 */
public final class ClassWeights {
  public static final String COLUMN = "_lakeml_weight";

  private ClassWeights() {}

  /** The weight column's expression, or empty when weights are off or not needed. */
  public static Optional<Column> column(LabelInfo label, PrepSettings prep) {
    if (!label.task().isClassification() || prep.classWeights() == PrepSettings.ClassWeights.OFF) {
      return Optional.empty();
    }
    List<Long> counts = label.classes().stream().map(c -> label.counts().get(c)).toList();
    long total = counts.stream().mapToLong(Long::longValue).sum();
    double minority = (double) Collections.min(counts) / total;
    if (prep.classWeights() == PrepSettings.ClassWeights.AUTO
        && minority >= prep.classWeightBelowShare()) {
      return Optional.empty();
    }
    Column weight = lit(1.0);
    for (int k = counts.size() - 1; k >= 0; k--) {
      double w = (double) total / (counts.size() * counts.get(k));
      weight = when(col(LabelInfo.INDEXED).equalTo((double) k), w).otherwise(weight);
    }
    return Optional.of(weight);
  }
}
