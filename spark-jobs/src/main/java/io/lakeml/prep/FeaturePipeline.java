package io.lakeml.prep;

import io.lakeml.intake.IntakeResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.StructType;

/**
 * The preprocessing stages, fitted inside each fold (and on all training rows for the final model)
 * and saved as part of the model, so scoring repeats them exactly: median imputation of numbers;
 * index + one-hot of categories, where nulls and values unseen at fit time get their own bucket;
 * one assembled {@link #FEATURES} vector.
 */
public final class FeaturePipeline {
  public static final String FEATURES = "_lakeml_features";

  private FeaturePipeline() {}

  public static Pipeline build(IntakeResult intake) {
    StructType schema = intake.data().schema();
    List<PipelineStage> stages = new ArrayList<>();
    List<String> assembled = new ArrayList<>();

    List<String> numeric = intake.numericFeatures();
    if (!numeric.isEmpty()) {
      String[] imputed = numeric.stream().map(c -> c + "__imputed").toArray(String[]::new);
      stages.add(new Imputer().setStrategy("median")
          .setInputCols(numeric.toArray(String[]::new)).setOutputCols(imputed));
      assembled.addAll(List.of(imputed));
    }

    List<String> categorical = new ArrayList<>();
    StringBuilder casts = new StringBuilder();
    for (String c : intake.categoricalFeatures()) {
      if (schema.apply(c).dataType() instanceof BooleanType) {
        casts.append(", CAST(`").append(c).append("` AS STRING) AS `").append(c)
            .append("__str`");
        categorical.add(c + "__str");
      } else {
        categorical.add(c);
      }
    }
    if (casts.length() > 0) {
      stages.add(new SQLTransformer().setStatement("SELECT *" + casts + " FROM __THIS__"));
    }
    if (!categorical.isEmpty()) {
      String[] indexed = categorical.stream().map(c -> c + "__idx").toArray(String[]::new);
      String[] encoded = categorical.stream().map(c -> c + "__ohe").toArray(String[]::new);
      stages.add(new StringIndexer().setHandleInvalid("keep").setStringOrderType("frequencyDesc")
          .setInputCols(categorical.toArray(String[]::new)).setOutputCols(indexed));
      stages.add(new OneHotEncoder().setHandleInvalid("keep").setDropLast(true)
          .setInputCols(indexed).setOutputCols(encoded));
      assembled.addAll(List.of(encoded));
    }
    stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new))
        .setOutputCol(FEATURES).setHandleInvalid("keep"));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }
}
