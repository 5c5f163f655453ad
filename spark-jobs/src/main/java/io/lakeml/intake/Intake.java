package io.lakeml.intake;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.lakeml.config.InputSettings;
import io.lakeml.config.LabelSettings;
import io.lakeml.config.LakemlException;
import io.lakeml.config.SplitSettings;
import io.lakeml.config.Task;
import io.lakeml.lake.PinnedTable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/**
 * Validates the training table against the config and resolves the label and task. Every failure is
 * a {@link LakemlException} naming the table, column and key, raised before anything is written.
 * Two Spark jobs: one aggregate over the table, one count per class for classification.
 */
public final class Intake {
  private static final int MAX_CLASSES = 1000;

  private final InputSettings input;
  private final LabelSettings labelSettings;
  private final SplitSettings split;

  public Intake(InputSettings input, LabelSettings labelSettings, SplitSettings split) {
    this.input = input;
    this.labelSettings = labelSettings;
    this.split = split;
  }

  public IntakeResult run(PinnedTable table) {
    String desc = table.ref().describe() + " at version " + table.version();
    Dataset<Row> data = table.data();
    String label = labelSettings.requireColumn();
    checkColumnsExist(data, desc, label);
    Set<String> excluded = new HashSet<>(input.excludeColumns());
    ColumnKinds kinds = ColumnKinds.of(data.schema(), desc, label, excluded);
    DataType labelType = data.schema().apply(label).dataType();
    boolean numericLabel = labelType instanceof NumericType;

    Row stats = data.agg(count(lit(1)), count(col(label)), approx_count_distinct(col(label)),
        numericLabel ? count(when(col(label).notEqual(col(label).cast("long")), 1)) : lit(0L))
        .head();
    long rows = stats.getLong(0);
    long labelled = stats.getLong(1);
    long distinct = stats.getLong(2);
    boolean integral = stats.getLong(3) == 0;
    if (rows == 0) {
      throw new LakemlException("The " + desc + " is empty: no rows to train on");
    }
    if (labelled == 0) {
      throw new LakemlException("Label column " + label + " (lakeml.label.column) of the " + desc
          + " is null in all " + rows + " rows");
    }
    Task task = resolveTask(label, desc, numericLabel, integral, distinct);
    Dataset<Row> labelledRows = data.where(col(label).isNotNull());
    LabelInfo info;
    Column indexed;
    if (task.isClassification()) {
      ClassIndex classes = ClassIndex.collect(labelledRows, label, labelSettings.positiveClass(),
          task, desc);
      classes.checkEnoughRows(split, desc);
      info = new LabelInfo(label, task, classes.names(), classes.counts());
      indexed = classes.indexColumn();
    } else {
      info = new LabelInfo(label, task, List.of(), Map.of());
      indexed = col(label).cast("double");
    }
    return new IntakeResult(labelledRows.withColumn(LabelInfo.INDEXED, indexed), info,
        kinds.numeric, kinds.categorical, rows, rows - labelled);
  }

  private void checkColumnsExist(Dataset<Row> data, String desc, String label) {
    List<String> columns = List.of(data.columns());
    Map<String, List<String>> wanted = new LinkedHashMap<>();
    wanted.put("lakeml.label.column", List.of(label));
    wanted.put("lakeml.input.exclude-columns", input.excludeColumns());
    wanted.put("lakeml.input.key-columns", input.keyColumns());
    for (Map.Entry<String, List<String>> e : wanted.entrySet()) {
      for (String name : e.getValue()) {
        if (!columns.contains(name)) {
          String hint = columns.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
              .map(c -> "; did you mean " + c + "? (names are case-sensitive)")
              .orElse("; its columns are " + columns);
          throw new LakemlException("Column " + name + " (" + e.getKey() + ") is not in the "
              + desc + hint);
        }
      }
    }
  }

  private Task resolveTask(String label, String desc, boolean numericLabel, boolean integral,
      long distinct) {
    if (labelSettings.task().isPresent()) {
      Task task = labelSettings.task().get();
      if (task == Task.REGRESSION && !numericLabel) {
        throw new LakemlException("lakeml.label.task is regression but label column " + label
            + " of the " + desc + " is not numeric");
      }
      if (task.isClassification() && distinct > MAX_CLASSES) {
        throw new LakemlException("lakeml.label.task is " + task.id() + " but label column "
            + label + " of the " + desc + " has about " + distinct + " distinct values (at most "
            + MAX_CLASSES + " classes)");
      }
      return task;
    }
    boolean classification = !numericLabel
        || integral && distinct <= labelSettings.classificationMaxDistinct();
    if (!classification) {
      return Task.REGRESSION;
    }
    if (distinct > MAX_CLASSES) {
      throw new LakemlException("Label column " + label + " of the " + desc + " has about "
          + distinct + " distinct non-numeric values: too many classes (at most " + MAX_CLASSES
          + "); set lakeml.label.column to the column to predict");
    }
    return distinct <= 2 ? Task.BINARY : Task.MULTICLASS;
  }
}
