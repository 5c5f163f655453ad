package io.lakeml.monitor;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.lakeml.config.LakemlException;
import io.lakeml.config.MonitorSettings;
import io.lakeml.evaluate.Metric;
import io.lakeml.intake.LabelInfo;
import io.lakeml.registry.ModelInfo;
import io.lakeml.score.PredictionColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performance drift, when labels are known: the model's metric (model.json) on the scoring run's
 * labelled rows against its holdout value. Labels come from a Delta table joined on key columns
 * (lakeml.monitor.labels; it wins over a label column in the scored table), else from the label
 * column when the scored table had one. Drifted when worse than the holdout by more than
 * lakeml.monitor.performance-drop. The metric is computed by the same Spark evaluator as the
 * holdout value, on the same columns: the class index, P(class) vector, the value.
 */
final class PerformanceCheck {
  private static final Logger LOG = LoggerFactory.getLogger(PerformanceCheck.class);

  private final SparkSession spark;
  private final MonitorSettings settings;

  PerformanceCheck(SparkSession spark, MonitorSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /**
   * The scoring run's rows with the label column attached (from the labels table when set), or
   * empty when no label is known. Validates the labels table before anything is computed.
   */
  Optional<Dataset<Row>> labelled(Dataset<Row> run, ModelInfo model) {
    String label = model.label();
    if (settings.labelsPath() == null) {
      if (!List.of(run.columns()).contains(label)) {
        LOG.info("No label column {} in the scored rows and no lakeml.monitor.labels.path:"
            + " performance not checked", label);
        return Optional.empty();
      }
      return Optional.of(run);
    }
    String path = settings.labelsPath();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw new LakemlException("No Delta table at " + path + " (lakeml.monitor.labels.path):"
          + " expected the labels table, with " + settings.labelKeys() + " and " + label);
    }
    Dataset<Row> labels = spark.read().format("delta").load(path);
    List<String> needed = new ArrayList<>(settings.labelKeys());
    needed.add(label);
    for (String c : needed) {
      if (!List.of(labels.columns()).contains(c)) {
        throw new LakemlException("The labels table at " + path + " (lakeml.monitor.labels.path)"
            + " has no column " + c + ": expected the key columns "
            + settings.labelKeys() + " (lakeml.monitor.labels.key-columns) and the label " + label);
      }
    }
    for (String c : settings.labelKeys()) {
      if (!List.of(run.columns()).contains(c)) {
        throw new LakemlException("Invalid lakeml.monitor.labels.key-columns: " + c
            + " is not a column of the scored rows (expected a key of the scored table)");
      }
    }
    Dataset<Row> own = List.of(run.columns()).contains(label) ? run.drop(label) : run;
    Dataset<Row> keyed = labels.select(needed.stream().map(c -> col(Baseline.quote(c)))
        .toArray(Column[]::new)).dropDuplicates(settings.labelKeys().toArray(String[]::new));
    return Optional.of(own.join(keyed,
        scala.jdk.javaapi.CollectionConverters.asScala(settings.labelKeys()).toSeq(), "inner"));
  }

  /** The performance check on the labelled rows, or empty when none of them has a label. */
  Optional<Check> check(Dataset<Row> labelled, ModelInfo model) {
    Metric metric = Arrays.stream(Metric.values()).filter(m -> m.id().equals(model.metric()))
        .findFirst().orElseThrow(() -> new LakemlException("model.json of " + model.name()
            + " run " + model.runId() + " has metric " + model.metric() + ": expected one of "
            + Arrays.stream(Metric.values()).map(Metric::id).toList()));
    Double holdout = model.holdoutMetrics() == null ? null
        : model.holdoutMetrics().get(metric.id());
    if (holdout == null) {
      LOG.warn("model.json of {} run {} has no holdout {}; performance not checked",
          model.name(), model.runId(), metric.id());
      return Optional.empty();
    }
    // One pass over the labelled rows (maybe a join with a labels table): cached with the
    // columns the metric needs, unmapped labels as nulls; both counts then come from the cache.
    Dataset<Row> mapped = evaluable(labelled, model, metric).cache();
    try {
      long total = mapped.count();
      Dataset<Row> rows = mapped.na().drop();
      long n = rows.count();
      long unknown = total - n;
      if (unknown > 0) {
        LOG.warn("{} labelled rows have a label the model does not know (classes {}) or no "
            + "prediction; left out of the performance check", unknown, model.classes());
      }
      if (n == 0) {
        LOG.warn("No labelled row of the scoring run maps to the model's classes {}; "
            + "performance not checked", model.classes());
        return Optional.empty();
      }
      double value = metric.evaluator(true).evaluate(rows);
      double drop = metric.largerIsBetter() ? holdout - value : value - holdout;
      return Optional.of(new Check(Check.PERFORMANCE, metric.id(), metric.id(), value, holdout,
          settings.performanceDrop(), drop > settings.performanceDrop(), n));
    } finally {
      mapped.unpersist();
    }
  }

  /**
   * Whether a label value is the class: numerically when both are numbers (a labels table may
   * hold 1.0 for the class "1"), else as strings.
   */
  private static Column sameClass(Column label, DataType type, String cls) {
    if (type instanceof NumericType) {
      try {
        return label.cast("double").equalTo(Double.parseDouble(cls));
      } catch (NumberFormatException e) {
        return label.cast("string").equalTo(cls);
      }
    }
    return label.cast("string").equalTo(cls);
  }

  /**
   * The evaluator's columns: the label as the class index (null where the label is not one of
   * the model's classes; the caller drops such rows) or the value; prediction; for
   * classification, probability as a vector (binary: [1 - score, score], so models without
   * probabilities still rank rows; multiclass: only for logLoss, the one metric that reads it).
   */
  private static Dataset<Row> evaluable(Dataset<Row> labelled, ModelInfo model, Metric metric) {
    Column label = col(Baseline.quote(model.label()));
    Column prediction = col(PredictionColumns.PREDICTION).cast("double");
    if (!model.classification()) {
      return labelled.select(label.cast("double").as(LabelInfo.INDEXED),
          prediction.as("prediction"));
    }
    Column index = lit(null).cast("double");
    for (int k = model.classes().size() - 1; k >= 0; k--) {
      index = when(sameClass(label, labelled.schema().apply(model.label()).dataType(),
          model.classes().get(k)), lit((double) k)).otherwise(index);
    }
    List<Column> columns = new ArrayList<>(List.of(index.as(LabelInfo.INDEXED),
        prediction.as("prediction")));
    if ("binary".equals(model.task())) {
      columns.add(functions.array_to_vector(array(lit(1.0).minus(col(PredictionColumns.SCORE)),
          col(PredictionColumns.SCORE))).as("probability"));
    } else if (metric == Metric.LOG_LOSS) {
      columns.add(functions.array_to_vector(col(PredictionColumns.PROBABILITY))
          .as("probability"));
    }
    return labelled.select(columns.toArray(Column[]::new));
  }
}
