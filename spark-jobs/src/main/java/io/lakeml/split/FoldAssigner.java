package io.lakeml.split;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.lakeml.config.SplitSettings;
import io.lakeml.intake.IntakeResult;
import io.lakeml.intake.LabelInfo;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Draws the holdout and the K folds once, as columns, from a hash of each row's key and the seed:
 * the same data and seed always give the same assignment, and a row's fold never changes between
 * trials. Exactly stratified: rows are ranked inside each stratum (class; decile of the label for
 * regression) and sub-group (hash bucket, so no window holds more than about a million rows), and
 * the holdout and folds are dealt out by rank.
 */
public final class FoldAssigner {
  public static final String HOLDOUT = "_lakeml_holdout";
  public static final String FOLD = "_lakeml_fold";
  /** A row number, unique within a run's cached data (out-of-fold predictions join on it). */
  public static final String ROW = "_lakeml_row";
  /** A per-row draw in [0, 1): successive halving fits on the rows below its fraction. */
  public static final String SAMPLE = "_lakeml_sample";
  static final long GROUP_ROWS = 1_000_000L;
  private static final String STRATUM = "_lakeml_stratum";

  private final SplitSettings settings;
  private final long seed;
  private final List<String> keyColumns;

  public FoldAssigner(SplitSettings settings, long seed, List<String> keyColumns) {
    this.settings = settings;
    this.seed = seed;
    this.keyColumns = List.copyOf(keyColumns);
  }

  /** Adds {@link #HOLDOUT} (boolean) and {@link #FOLD} (0..K-1; -1 for holdout rows). */
  public Dataset<Row> assign(IntakeResult intake) {
    return assign(intake.data(), intake.label(), intake.rowsUsed());
  }

  /** As above, for labelled rows (with the indexed label column) of the given label. */
  public Dataset<Row> assign(Dataset<Row> data, LabelInfo label, long rows) {
    List<Column> keys = new ArrayList<>();
    keys.add(lit(seed));
    for (String name : keyColumns.isEmpty() ? originalColumns(data) : keyColumns) {
      keys.add(col(name));
    }
    Column hash = xxhash64(keys.toArray(Column[]::new));
    Column tieBreak = xxhash64(originalColumns(data).stream().map(c -> col(c))
        .toArray(Column[]::new));

    int strata = label.task().isClassification() ? label.classes().size() : 10;
    long subGroups = Math.max(1, (rows / strata + GROUP_ROWS - 1) / GROUP_ROWS);
    Dataset<Row> withStratum = data.withColumn(STRATUM, stratum(label, data));

    Column sub = pmod(hash, lit(subGroups));
    Column i = row_number().over(Window.partitionBy(col(STRATUM), sub)
        .orderBy(hash, tieBreak)).minus(1);
    double f = settings.holdoutFraction();
    Column holdoutBefore = floor(i.plus(1).multiply(f));
    Column isHoldout = holdoutBefore.gt(floor(i.multiply(f)));
    Column trainIndex = i.minus(holdoutBefore);
    Column fold = when(isHoldout, lit(-1))
        .otherwise(pmod(trainIndex.plus(sub), lit(settings.folds())).cast("int"));
    return withStratum
        .withColumn(HOLDOUT, isHoldout)
        .withColumn(FOLD, fold)
        .drop(STRATUM);
  }

  /**
   * Adds {@link #ROW} and {@link #SAMPLE} to assigned, repartitioned rows. Call on data that is
   * then cached: the ids follow the partitioning (deterministic for the same input).
   */
  public static Dataset<Row> withRowIds(Dataset<Row> assigned, long seed) {
    Column row = org.apache.spark.sql.functions.monotonically_increasing_id();
    return assigned.withColumn(ROW, row).withColumn(SAMPLE,
        pmod(xxhash64(col(ROW), lit(seed)), lit(1_000_003L)).divide(1_000_003.0));
  }

  private Column stratum(LabelInfo label, Dataset<Row> data) {
    if (label.task().isClassification()) {
      return col(LabelInfo.INDEXED);
    }
    double[] deciles = data.stat().approxQuantile(LabelInfo.INDEXED,
        new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, 0.001);
    Column bin = lit(0);
    for (int d = 0; d < deciles.length; d++) {
      bin = when(col(LabelInfo.INDEXED).gt(lit(deciles[d])), lit(d + 1)).otherwise(bin);
    }
    return bin;
  }

  private static List<String> originalColumns(Dataset<Row> data) {
    List<String> out = new ArrayList<>();
    for (String c : data.columns()) {
      if (!c.startsWith("_lakeml_")) {
        out.add(c);
      }
    }
    return out;
  }
}
