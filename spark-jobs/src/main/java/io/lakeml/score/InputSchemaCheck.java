package io.lakeml.score;

import static org.apache.spark.sql.functions.col;

import io.lakeml.config.LakemlException;
import io.lakeml.registry.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a table to score against the columns the model was trained on (model.json): every one
 * must be there; a number of another numeric type is cast to the training type, and anything
 * but a string is cast to string where the model read strings; any other type change fails.
 * Extra columns are passed through untouched; columns that would clash with ScoreJob's own
 * output columns fail.
 */
final class InputSchemaCheck {
  static final Set<String> OUTPUT = Set.of(PredictionColumns.RUN_ID,
      PredictionColumns.PREDICTION, PredictionColumns.PREDICTED_LABEL,
      PredictionColumns.PROBABILITY, PredictionColumns.SCORE, PredictionColumns.DECISION,
      PredictionColumns.MODEL_NAME, PredictionColumns.MODEL_VERSION,
      PredictionColumns.MODEL_RUN_ID, PredictionColumns.SCORED_AT, PredictionColumns.INPUT_REF,
      PredictionColumns.INPUT_VERSION, "rawPrediction");

  private InputSchemaCheck() {}

  /** The table with the training columns cast where needed; or a LakemlException. */
  static Dataset<Row> conform(Dataset<Row> data, ModelInfo model, int version, String table) {
    StructType schema = data.schema();
    Set<String> present = Set.of(schema.fieldNames());
    String what = "model " + model.name() + " v" + version + " (run " + model.runId() + ")";
    List<String> missing = new ArrayList<>();
    List<String> incompatible = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (ModelInfo.Feature f : model.features()) {
      if (!present.contains(f.name())) {
        missing.add(f.name() + " " + f.type());
      }
    }
    if (!missing.isEmpty()) {
      throw new LakemlException(table + " lacks the column(s) " + missing + " that " + what
          + " was trained on (expected name and type; extra columns are fine)");
    }
    List<String> clashes = present.stream().filter(OUTPUT::contains).sorted().toList();
    if (!clashes.isEmpty()) {
      throw new LakemlException(table + " has column(s) " + clashes + " named like ScoreJob's "
          + "output columns; rename or drop them before scoring");
    }
    for (String name : schema.fieldNames()) {
      DataType found = schema.apply(name).dataType();
      ModelInfo.Feature f = model.features().stream().filter(x -> x.name().equals(name))
          .findFirst().orElse(null);
      if (f == null || found.simpleString().equals(f.type())) {
        cols.add(col(name));
        continue;
      }
      DataType expected = DataType.fromDDL(f.type());
      boolean numeric = found instanceof NumericType && expected instanceof NumericType;
      if (numeric || expected instanceof StringType) {
        cols.add(col(name).cast(expected).as(name));
      } else {
        incompatible.add(name + " is " + found.simpleString() + ", expected " + f.type());
      }
    }
    if (!incompatible.isEmpty()) {
      throw new LakemlException(table + " has column(s) of another type than " + what
          + " was trained on: " + incompatible);
    }
    return data.select(cols.toArray(Column[]::new));
  }
}
