package io.lakeml.intake;

import io.lakeml.config.IntakeSettings;
import io.lakeml.config.LakemlException;
import io.lakeml.config.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the table's statistics into one {@link ColumnProfile} per column: semantic type and
 * decision ({@link TypeInference}), value and bin counts ({@link BucketCounts}, one Spark job),
 * and the leakage check of every kept feature, which drops, warns or fails as configured.
 */
final class ColumnProfiler {
  private static final Logger LOG = LoggerFactory.getLogger(ColumnProfiler.class);

  private final IntakeSettings settings;
  private final String tableDesc;

  ColumnProfiler(IntakeSettings settings, String tableDesc) {
    this.settings = settings;
    this.tableDesc = tableDesc;
  }

  record Profiles(List<ColumnProfile> columns, Map<String, List<String>> keptValues) {}

  Profiles profile(Dataset<Row> labelled, StructType schema, Map<String, ColumnStats> stats,
      String label, Set<String> excluded, Task task, int classes) {
    TypeInference inference = new TypeInference(settings);
    List<ColumnProfile> columns = new ArrayList<>();
    Map<String, ColumnStats> bucketed = new LinkedHashMap<>();
    Map<String, Boolean> numeric = new LinkedHashMap<>();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      ColumnStats s = stats.get(fields[i].name());
      ColumnProfile p;
      if (fields[i].name().equals(label)) {
        p = new ColumnProfile(i, s, SemanticType.LABEL, "label", false,
            "the label (lakeml.label.column), " + task.id(), null, List.of(), List.of(), null,
            null);
      } else if (excluded.contains(fields[i].name())) {
        p = new ColumnProfile(i, s, inference.decide(s, fields[i].dataType(), tableDesc).type(),
            "excluded", false, "listed in lakeml.input.exclude-columns", null, List.of(),
            List.of(), null, null);
      } else {
        TypeInference.Decision d = inference.decide(s, fields[i].dataType(), tableDesc);
        p = new ColumnProfile(i, s, d.type(), "feature", d.kept(), d.reason(), null, List.of(),
            List.of(), null, null);
        if (d.kept() && (d.type() == SemanticType.NUMERIC || d.type().isCategorical())) {
          bucketed.put(s.column(), s);
          numeric.put(s.column(), d.type() == SemanticType.NUMERIC);
        }
      }
      columns.add(p);
    }
    BucketCounts.Counts counted = BucketCounts.compute(labelled, bucketed, numeric,
        LabelInfo.INDEXED, task.isClassification() ? classes : 0);
    Map<String, List<BucketCounts.Bucket>> buckets = counted.buckets();
    Map<String, Double> correlations = task == Task.REGRESSION
        ? correlations(labelled, numeric) : Map.of();
    Map<String, List<String>> keptValues = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnProfile p = columns.get(i);
      if (!bucketed.containsKey(p.column())) {
        continue;
      }
      List<BucketCounts.Bucket> b = buckets.getOrDefault(p.column(), List.of());
      boolean isNumeric = numeric.get(p.column());
      Double score = LeakageCheck.score(b, isNumeric, correlations.get(p.column()), task,
          settings.leakageMinSupport());
      ColumnProfile withCounts = new ColumnProfile(p.position(), p.stats(), p.type(), p.role(),
          p.kept(), p.reason(), score, topValues(b, isNumeric, p.stats()),
          histogram(b, isNumeric, p.stats()), counted.rows().get(p.column()),
          counted.nulls().get(p.column()));
      columns.set(i, leakage(withCounts, score, label));
      if (p.type() == SemanticType.HIGH_CARDINALITY && columns.get(i).kept()) {
        keptValues.put(p.column(), b.stream().map(BucketCounts.Bucket::value)
            .filter(v -> !v.equals(BucketCounts.NULL)).limit(settings.maxCategories()).toList());
      }
    }
    return new Profiles(columns, keptValues);
  }

  /** Pearson correlation of each numeric feature with the label: one Spark job. */
  private static Map<String, Double> correlations(Dataset<Row> labelled,
      Map<String, Boolean> numeric) {
    List<String> names = numeric.entrySet().stream().filter(Map.Entry::getValue)
        .map(Map.Entry::getKey).toList();
    Map<String, Double> out = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    List<org.apache.spark.sql.Column> exprs = names.stream()
        .map(n -> org.apache.spark.sql.functions.corr(
            org.apache.spark.sql.functions.col(n).cast("double"),
            org.apache.spark.sql.functions.col(LabelInfo.INDEXED)))
        .toList();
    Row r = labelled.agg(exprs.get(0), exprs.subList(1, exprs.size())
        .toArray(org.apache.spark.sql.Column[]::new)).head();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), r.isNullAt(i) ? null : r.getDouble(i));
    }
    return out;
  }

  private ColumnProfile leakage(ColumnProfile p, Double score, String label) {
    if (score == null || score < settings.leakageThreshold()) {
      return p;
    }
    String finding = String.format(Locale.ROOT, "leakage score %.4f >= %s "
        + "(lakeml.intake.leakage.threshold): nearly determines the label %s", score,
        settings.leakageThreshold(), label);
    switch (settings.leakageAction()) {
      case FAIL:
        throw new LakemlException("Column " + p.column() + " of the " + tableDesc + " has "
            + finding + "; lakeml.intake.leakage.action = fail. Exclude it with "
            + "lakeml.input.exclude-columns, or set the action to drop or warn");
      case WARN:
        LOG.warn("Column {} has {}; kept (lakeml.intake.leakage.action = warn)", p.column(),
            finding);
        return p.withDecision(true, p.reason() + "; possible leak, " + finding, score);
      default:
        LOG.warn("Column {} has {}; dropped (lakeml.intake.leakage.action = drop)", p.column(),
            finding);
        return p.withDecision(false, "leak: " + finding, score);
    }
  }

  private List<ColumnProfile.ValueCount> topValues(List<BucketCounts.Bucket> buckets,
      boolean numeric, ColumnStats s) {
    if (numeric && BucketCounts.binned(s)) {
      return List.of();
    }
    return buckets.stream().filter(b -> !b.value().equals(BucketCounts.NULL))
        .limit(settings.topValues())
        .map(b -> new ColumnProfile.ValueCount(b.value(), b.count())).toList();
  }

  private static List<Long> histogram(List<BucketCounts.Bucket> buckets, boolean numeric,
      ColumnStats s) {
    if (!numeric || !BucketCounts.binned(s)) {
      return List.of();
    }
    long[] counts = new long[s.binEdges().size() + 1];
    for (BucketCounts.Bucket b : buckets) {
      if (b.ord() != null) {
        counts[b.ord().intValue()] += b.count();
      }
    }
    List<Long> out = new ArrayList<>();
    for (long c : counts) {
      out.add(c);
    }
    return out;
  }
}
