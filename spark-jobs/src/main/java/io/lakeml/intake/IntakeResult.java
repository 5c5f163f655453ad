package io.lakeml.intake;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Validated training data: rows with a label, plus the indexed label column; every column's
 * profile and decision; for high-cardinality features the values kept (the rest share a bucket);
 * and the row counts seen.
 */
public record IntakeResult(Dataset<Row> data, LabelInfo label, List<ColumnProfile> columns,
    Map<String, List<String>> keptValues, long rowsRead, long rowsDroppedNullLabel) {

  public IntakeResult {
    columns = List.copyOf(columns);
    keptValues = Map.copyOf(keptValues);
  }

  public IntakeResult withData(Dataset<Row> replaced) {
    return new IntakeResult(replaced, label, columns, keptValues, rowsRead, rowsDroppedNullLabel);
  }

  public long rowsUsed() {
    return rowsRead - rowsDroppedNullLabel;
  }

  /** Kept features of the given types, in table order. */
  public List<String> features(SemanticType... types) {
    Set<SemanticType> wanted = Set.of(types);
    return columns.stream().filter(c -> c.kept() && wanted.contains(c.type()))
        .map(ColumnProfile::column).toList();
  }

  public List<String> numericFeatures() {
    return features(SemanticType.NUMERIC);
  }

  /** Low-cardinality categories: strings, booleans and numbers set to categorical. */
  public List<String> categoricalFeatures() {
    return features(SemanticType.CATEGORICAL, SemanticType.BOOLEAN);
  }

  public List<String> highCardinalityFeatures() {
    return features(SemanticType.HIGH_CARDINALITY);
  }

  public List<String> datetimeFeatures() {
    return features(SemanticType.DATETIME);
  }

  public List<String> textFeatures() {
    return features(SemanticType.TEXT);
  }

  public ColumnProfile profile(String column) {
    return columns.stream().filter(c -> c.column().equals(column)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no column " + column));
  }

  public List<String> allFeatures() {
    return columns.stream().filter(ColumnProfile::kept).map(ColumnProfile::column).toList();
  }
}
