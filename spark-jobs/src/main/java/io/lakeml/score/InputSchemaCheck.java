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
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a table to score against the columns the model was trained on (model.json): every one
 * must be there; a number of a narrower numeric type is cast to the training type (int to
 * bigint or double, float to double), and anything is cast to string where the model read
 * strings; any other type change fails (a double fed to an int feature would be truncated).
 * Extra columns are passed through untouched; columns whose names clash with ScoreJob's own
 * output columns (ignoring case, as Spark does) fail.
 */
final class InputSchemaCheck {
  static final Set<String> OUTPUT = Set.of(PredictionColumns.RUN_ID,
      PredictionColumns.PREDICTION, PredictionColumns.PREDICTED_LABEL,
      PredictionColumns.PROBABILITY, PredictionColumns.SCORE, PredictionColumns.DECISION,
      PredictionColumns.MODEL_NAME, PredictionColumns.MODEL_VERSION,
      PredictionColumns.MODEL_RUN_ID, PredictionColumns.SCORED_AT, PredictionColumns.INPUT_REF,
      PredictionColumns.INPUT_VERSION, PredictionColumns.FEATURE_VERSIONS, "rawPrediction");

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
    List<String> clashes = present.stream()
        .filter(c -> OUTPUT.stream().anyMatch(o -> o.equalsIgnoreCase(c))).sorted().toList();
    if (!clashes.isEmpty()) {
      throw new LakemlException(table + " has column(s) " + clashes + " named like ScoreJob's "
          + "output columns; rename or drop them before scoring");
    }
    for (String name : schema.fieldNames()) {
      DataType found = schema.apply(name).dataType();
      ModelInfo.Feature f = model.features().stream().filter(x -> x.name().equals(name))
          .findFirst().orElse(null);
      Column c = col("`" + name.replace("`", "``") + "`");
      if (f == null || found.simpleString().equals(f.type())) {
        cols.add(c);
        continue;
      }
      DataType expected = DataType.fromDDL(f.type());
      if (widens(found, expected) || expected instanceof StringType) {
        cols.add(c.cast(expected).as(name));
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

  /** Whether every value of type from fits type to exactly (or as closely as a double can). */
  static boolean widens(DataType from, DataType to) {
    int a = NUMERIC_ORDER.indexOf(from.typeName());
    int b = NUMERIC_ORDER.indexOf(to.typeName());
    boolean toFloat = to.typeName().equals("float");
    return a >= 0 && b >= 0 && a < b
        && !(toFloat && (from.typeName().equals("integer") || from.typeName().equals("long")));
  }

  private static final List<String> NUMERIC_ORDER = List.of("byte", "short", "integer", "long",
      "float", "double");
}
