package io.lakeml.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The baseline's preprocessing, as a user writes it by hand: numbers through an Imputer (median),
 * strings through a StringIndexer (handleInvalid = keep: nulls and unseen values get their own
 * index) and a OneHotEncoder, then a VectorAssembler into {@link #FEATURES}. Every column but the
 * label is a feature.
 */
public final class BaselineFeatures {
  public static final String FEATURES = "features";

  private BaselineFeatures() {}

  /** The unfitted preprocessing pipeline for a table of this schema. */
  public static Pipeline pipeline(StructType schema, String label) {
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (f.name().equals(label)) {
        continue;
      }
      if (f.dataType() instanceof NumericType) {
        numeric.add(f.name());
      } else if (f.dataType() instanceof StringType) {
        categorical.add(f.name());
      } else {
        throw new IllegalArgumentException("Baseline: column " + f.name() + " is "
            + f.dataType().simpleString() + "; only numbers and strings are handled");
      }
    }
    if (numeric.isEmpty() && categorical.isEmpty()) {
      throw new IllegalArgumentException("Baseline: no feature columns besides the label "
          + label);
    }
    List<PipelineStage> stages = new ArrayList<>();
    List<String> assembled = new ArrayList<>();
    if (!numeric.isEmpty()) {
      String[] imputed = numeric.stream().map(c -> c + "_imputed").toArray(String[]::new);
      stages.add(new Imputer().setStrategy("median")
          .setInputCols(numeric.toArray(String[]::new)).setOutputCols(imputed));
      assembled.addAll(List.of(imputed));
    }
    if (!categorical.isEmpty()) {
      String[] indexed = categorical.stream().map(c -> c + "_index").toArray(String[]::new);
      String[] encoded = categorical.stream().map(c -> c + "_onehot").toArray(String[]::new);
      stages.add(new StringIndexer().setHandleInvalid("keep")
          .setInputCols(categorical.toArray(String[]::new)).setOutputCols(indexed));
      stages.add(new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded));
      assembled.addAll(List.of(encoded));
    }
    stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new))
        .setOutputCol(FEATURES));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }
}
