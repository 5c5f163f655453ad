package io.lakeml.intake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.not;

import io.lakeml.config.InputSettings;
import io.lakeml.config.IntakeSettings;
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
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the training table against the config, resolves label and task, and profiles every
 * column (semantic type, decision, leakage). Every failure is a {@link LakemlException} naming the
 * table, column and key, raised before anything is written. {@link #validate} (statistics of all
 * columns, class counts: two Spark jobs) looks at no feature-label relation; {@link #profile}
 * (value/bin counts by label, one job, plus correlations for regression) sees only the rows it
 * is given, so the holdout's labels never decide which features are kept.
 */
public final class Intake {
  private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
  private static final int MAX_CLASSES = 1000;

  private final InputSettings input;
  private final LabelSettings labelSettings;
  private final IntakeSettings intake;
  private final SplitSettings split;

  public Intake(InputSettings input, LabelSettings labelSettings, IntakeSettings intake,
      SplitSettings split) {
    this.input = input;
    this.labelSettings = labelSettings;
    this.intake = intake;
    this.split = split;
  }

  /**
   * A validated table: its description for messages, the rows with a label plus the indexed
   * label column, the label and task, every column's statistics, the excluded columns, and the
   * row counts. Nothing in it has looked at how features relate to the label.
   */
  public record Labelled(String desc, Dataset<Row> data, StructType schema, LabelInfo label,
      Map<String, ColumnStats> stats, Set<String> excluded, long rowsRead, long rowsDropped) {}

  /** Both steps on all labelled rows (for callers that draw no holdout). */
  public IntakeResult run(PinnedTable table) {
    Labelled labelled = validate(table);
    return profile(labelled, labelled.data());
  }

  /** Every check that needs no label-feature relation: fails before anything is written. */
  public Labelled validate(PinnedTable table) {
    String desc = table.ref().describe() + " at version " + table.version();
    Dataset<Row> data = table.data();
    String label = labelSettings.requireColumn();
    checkNames(data, desc);
    checkColumnsExist(data, desc, label);
    Set<String> excluded = new HashSet<>(input.excludeColumns());
    if (excluded.contains(label)) {
      throw new LakemlException("Column " + label + " is the label (lakeml.label.column) and is "
          + "listed in lakeml.input.exclude-columns; remove it from one of them");
    }
    checkTypes(data, desc, label, excluded);
    boolean numericLabel = data.schema().apply(label).dataType() instanceof NumericType;

    Map<String, ColumnStats> stats = ProfileStats.compute(data);
    ColumnStats labelStats = stats.get(label);
    long rows = labelStats.rows();
    if (rows == 0) {
      throw new LakemlException("The " + desc + " is empty: no rows to train on");
    }
    if (labelStats.nonNull() == 0) {
      throw new LakemlException("Label column " + label + " (lakeml.label.column) of the " + desc
          + " is null in all " + rows + " rows");
    }
    Task task = resolveTask(label, desc, numericLabel,
        !numericLabel || Boolean.TRUE.equals(labelStats.integral()), labelStats.distinct());
    Column present = col(label).isNotNull();
    if (ProfileStats.isFractional(data.schema().apply(label).dataType())) {
      present = present.and(not(isnan(col(label).cast("double"))));
    }
    Dataset<Row> labelledRows = data.where(present);
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
    return new Labelled(desc, labelledRows.withColumn(LabelInfo.INDEXED, indexed), data.schema(),
        info, stats, excluded, rows, rows - labelStats.nonNull());
  }

  /**
   * Types, decisions and leakage scores of every column. trainingRows: the rows whose labels may
   * be looked at (the non-holdout rows, with the indexed label column); the result's data are
   * all labelled rows.
   */
  public IntakeResult profile(Labelled labelled, Dataset<Row> trainingRows) {
    ColumnProfiler.Profiles profiles = new ColumnProfiler(intake, labelled.desc()).profile(
        trainingRows, labelled.schema(), labelled.stats(), labelled.label().column(),
        labelled.excluded(), labelled.label().task(), labelled.label().classes().size());
    LOG.info("Columns of the {}:\n  {}", labelled.desc(), profiles.columns().stream()
        .map(ColumnProfile::describe).collect(Collectors.joining("\n  ")));
    IntakeResult result = new IntakeResult(labelled.data(), labelled.label(), profiles.columns(),
        profiles.keptValues(), labelled.rowsRead(), labelled.rowsDropped());
    if (result.allFeatures().isEmpty()) {
      throw new LakemlException("No usable feature in the " + labelled.desc()
          + " besides the label " + labelled.label().column() + ": " + profiles.columns().stream()
              .filter(c -> !c.role().equals("label")).map(ColumnProfile::describe).toList());
    }
    return result;
  }

  /** Spark resolves names case-insensitively: two names equal but for case are ambiguous. */
  private static void checkNames(Dataset<Row> data, String desc) {
    Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : data.columns()) {
      if (name.contains(".") || name.contains("`")) {
        throw new LakemlException("Column " + name + " of the " + desc + " has a '.' or '`' in "
            + "its name, which lakeml does not support; rename it (e.g. in a view or with Delta "
            + "column mapping)");
      }
      String before = seen.put(name, name);
      if (before != null) {
        throw new LakemlException("The " + desc + " has columns " + before + " and " + name
            + (before.equals(name) ? ": the same name twice" : ", which differ only in case")
            + "; rename one (Spark resolves names case-insensitively)");
      }
    }
  }

  private void checkColumnsExist(Dataset<Row> data, String desc, String label) {
    List<String> columns = List.of(data.columns());
    Map<String, List<String>> wanted = new LinkedHashMap<>();
    wanted.put("lakeml.label.column", List.of(label));
    wanted.put("lakeml.input.exclude-columns", input.excludeColumns());
    wanted.put("lakeml.input.key-columns", input.keyColumns());
    wanted.put("lakeml.intake.columns", List.copyOf(intake.columns().keySet()));
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

  /** Features of types lakeml cannot use fail unless excluded or set to drop. */
  private void checkTypes(Dataset<Row> data, String desc, String label, Set<String> excluded) {
    for (StructField f : data.schema().fields()) {
      String override = intake.columns().get(f.name());
      boolean dropped = excluded.contains(f.name()) || "drop".equals(override)
          || "identifier".equals(override);
      if (!dropped && !ProfileStats.isProfiled(f.dataType())) {
        throw new LakemlException("Column " + f.name() + " of the " + desc + " has type "
            + f.dataType().simpleString() + ", which lakeml cannot use"
            + (f.name().equals(label) ? " as a label" : " as a feature")
            + " (expected numeric, string, boolean, date or timestamp); list it in "
            + "lakeml.input.exclude-columns to leave it out");
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
