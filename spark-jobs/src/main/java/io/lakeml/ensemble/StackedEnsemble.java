package io.lakeml.ensemble;

import static org.apache.spark.sql.functions.col;

import io.lakeml.evaluate.Metric;
import io.lakeml.intake.LabelInfo;
import io.lakeml.prep.ClassWeights;
import io.lakeml.search.ModelContext;
import io.lakeml.search.OutOfFold;
import io.lakeml.search.Outputs;
import io.lakeml.search.TrialResult;
import io.lakeml.search.TrialSpec;
import io.lakeml.split.FoldAssigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A stacked ensemble: a meta-learner (logistic regression for classes, linear regression for
 * values) on the members' out-of-fold predictions. It is cross-validated on the same stored folds
 * as the single models (the meta-learner of fold k never sees fold k's rows), so its CV score is
 * comparable with theirs. The final model is one Spark pipeline: the members (refitted on all
 * training rows), each writing its own columns, a VectorAssembler of their scores, and the
 * meta-learner writing the usual columns. The meta-learner in it is the one fitted on all
 * out-of-fold predictions: fitted on the refitted members' in-sample predictions it would trust
 * the members that overfit most.
 */
public final class StackedEnsemble {
  public static final String ID = "stacked_ensemble";
  public static final String META_FEATURES = "_lakeml_meta_features";

  /** The ensemble's cross-validation. */
  public record Cv(List<TrialResult> members, List<Double> foldMetrics, double mean, double std,
      double fitSeconds, double predictSeconds, Model<?> metaModel) {

    /** {"members":["t003","t001"],"families":[...]} */
    public String paramsJson() {
      return "{\"members\":" + members.stream().map(m -> "\"" + m.spec().id() + "\"")
          .collect(Collectors.joining(",", "[", "]")) + ",\"families\":" + members.stream()
          .map(m -> "\"" + m.spec().family().id() + "\"").collect(Collectors.joining(",", "[",
              "]")) + "}";
    }

    public String describe() {
      return ID + " of " + members.stream().map(m -> m.spec().id() + " " + m.spec().family().id())
          .collect(Collectors.joining(", "));
    }
  }

  private StackedEnsemble() {}

  /** Cross-validates the meta-learner on the members' out-of-fold predictions. */
  public static Cv crossValidate(List<OutOfFold.Entry> members, ModelContext ctx, Metric metric,
      int folds) {
    Dataset<Row> meta = metaFeatures(members, ctx, folds).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Evaluator evaluator = metric.evaluator(ctx.task().isClassification());
      List<Double> values = new ArrayList<>();
      double fit = 0;
      double predict = 0;
      for (int k = 0; k < folds; k++) {
        long t0 = System.nanoTime();
        Model<?> model = (Model<?>) metaLearner(ctx).fit(meta.where(col(FoldAssigner.FOLD)
            .notEqual(k)));
        long t1 = System.nanoTime();
        values.add(evaluator.evaluate(model.transform(meta.where(col(FoldAssigner.FOLD)
            .equalTo(k)))));
        fit += (t1 - t0) / 1e9;
        predict += (System.nanoTime() - t1) / 1e9;
      }
      Model<?> full = (Model<?>) metaLearner(ctx).fit(meta);
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
          / Math.max(1, values.size() - 1);
      List<TrialResult> results = members.stream().map(OutOfFold.Entry::result).toList();
      return new Cv(results, values, mean, Math.sqrt(var),
          fit + results.stream().mapToDouble(TrialResult::fitSeconds).sum(),
          predict + results.stream().mapToDouble(TrialResult::predictSeconds).sum(), full);
    } finally {
      meta.unpersist();
    }
  }

  /**
   * The members' out-of-fold scores joined by row, assembled into {@link #META_FEATURES}, in as
   * many partitions as one fold's rows have. The join leaves spark.sql.shuffle.partitions (200
   * by default): every iteration of the meta-learner then ran 200 tasks over a few columns, and
   * the ensemble took 97 s of a 244 s run on 10^5 rows (bench/RESULTS.md).
   */
  static Dataset<Row> metaFeatures(List<OutOfFold.Entry> members, ModelContext ctx, int folds) {
    Dataset<Row> joined = null;
    List<String> scores = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      OutOfFold.Entry m = members.get(i);
      String name = scoreColumn(m.result(), ctx, i);
      scores.add(name);
      Dataset<Row> p = m.predictions().withColumnRenamed(OutOfFold.SCORE, name);
      joined = joined == null ? p
          : joined.join(p.select(col(FoldAssigner.ROW), col(name)), FoldAssigner.ROW);
    }
    int partitions = Math.max(1, members.get(0).predictions().rdd().getNumPartitions() / folds);
    return assembler(scores).transform(joined).coalesce(partitions);
  }

  /** The model stages of the final pipeline (after preprocessing): members to fit, then the
   * assembler and the fitted meta-learner. A run refits through {@link #fittedStages} (its
   * members shared with the single candidates); this unfitted form is the separate refit the
   * tests compare it with. */
  public static List<PipelineStage> stages(Cv cv, ModelContext ctx) {
    List<PipelineStage> stages = new ArrayList<>();
    for (int i = 0; i < cv.members().size(); i++) {
      TrialSpec m = cv.members().get(i).spec();
      stages.add(m.family().estimator(ctx, m.params(), m.seed(), Outputs.member(i)));
    }
    stages.addAll(combiner(cv, ctx));
    return stages;
  }

  /** The same stages with the members already fitted (member i writing Outputs.member(i)). */
  public static List<Transformer> fittedStages(Cv cv, ModelContext ctx,
      List<Transformer> members) {
    if (members.size() != cv.members().size()) {
      throw new IllegalArgumentException(cv.members().size() + " members, " + members.size()
          + " fitted");
    }
    List<Transformer> stages = new ArrayList<>(members);
    stages.addAll(combiner(cv, ctx));
    return stages;
  }

  /** The assembler of the members' scores and the meta-learner fitted on all of them. */
  private static List<Transformer> combiner(Cv cv, ModelContext ctx) {
    List<String> scores = new ArrayList<>();
    for (int i = 0; i < cv.members().size(); i++) {
      scores.add(scoreColumn(cv.members().get(i), ctx, i));
    }
    return List.of(assembler(scores), cv.metaModel());
  }

  private static String scoreColumn(TrialResult member, ModelContext ctx, int index) {
    return OutOfFold.scoreColumn(member.spec().family(), ctx.task(), Outputs.member(index));
  }

  private static VectorAssembler assembler(List<String> scores) {
    return new VectorAssembler().setInputCols(scores.toArray(String[]::new))
        .setOutputCol(META_FEATURES);
  }

  private static Estimator<?> metaLearner(ModelContext ctx) {
    if (ctx.task().isClassification()) {
      LogisticRegression lr = new LogisticRegression().setFeaturesCol(META_FEATURES)
          .setLabelCol(LabelInfo.INDEXED).setRegParam(0.01).setElasticNetParam(0.0)
          .setMaxIter(100);
      return ctx.weighted() ? lr.setWeightCol(ClassWeights.COLUMN) : lr;
    }
    return new LinearRegression().setFeaturesCol(META_FEATURES).setLabelCol(LabelInfo.INDEXED)
        .setRegParam(0.001).setElasticNetParam(0.0).setMaxIter(100);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
