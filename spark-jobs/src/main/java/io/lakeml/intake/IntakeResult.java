package io.lakeml.intake;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Validated training data: rows with a label, plus the indexed label column; the feature columns by
 * kind; and the row counts seen.
 */
public record IntakeResult(Dataset<Row> data, LabelInfo label, List<String> numericFeatures,
    List<String> categoricalFeatures, long rowsRead, long rowsDroppedNullLabel) {

  public IntakeResult {
    numericFeatures = List.copyOf(numericFeatures);
    categoricalFeatures = List.copyOf(categoricalFeatures);
  }

  public long rowsUsed() {
    return rowsRead - rowsDroppedNullLabel;
  }
}
