package io.lakeml.pipeline;

import io.lakeml.ensemble.MemberModel;
import io.lakeml.ensemble.StackedEnsemble;
import io.lakeml.search.FitClock;
import io.lakeml.search.ModelContext;
import io.lakeml.search.Outputs;
import io.lakeml.search.TrialResult;
import io.lakeml.search.TrialSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The top candidates refitted on all training rows, sharing the work: the preprocessing is fitted
 * once, and each trial's model once, whether it is refitted as a candidate of its own, as a
 * member of the stacked ensemble ({@link MemberModel}: the same fitted model writing the member's
 * columns), or both. Refitting each candidate as a pipeline of its own fitted the preprocessing
 * once per candidate and every ensemble member twice. The fits are seeded, so a shared model is
 * the one a separate refit gives (RefitsTest).
 */
final class Refits {
  /** A candidate's final pipeline, and the seconds its fits took (shared ones included). */
  record Refit(PipelineModel model, double fitSeconds) {}

  private record Fitted(Transformer model, double seconds) {}

  private final Dataset<Row> training;
  private final ModelContext ctx;
  private final List<String> classes;
  private final FitClock fits;
  private final Set<String> singles;
  private final PipelineModel prep;
  private final double prepSeconds;
  private final Dataset<Row> prepared;
  private final Map<String, Fitted> standard = new HashMap<>();
  private int modelFits;

  /**
   * Fits the preprocessing on training. singles: the trial ids that are refitted as candidates
   * of their own (their models are fitted once with the standard columns and shared); classes:
   * the label's classes by index (empty for regression).
   */
  Refits(Pipeline prep, Dataset<Row> training, ModelContext ctx, List<String> classes,
      Set<String> singles, FitClock fits) {
    this.training = training;
    this.ctx = ctx;
    this.classes = classes;
    this.singles = singles;
    this.fits = fits;
    long t0 = System.nanoTime();
    this.prep = fits.time(() -> prep.fit(training));
    this.prepSeconds = (System.nanoTime() - t0) / 1e9;
    this.prepared = this.prep.transform(training);
  }

  /** The candidate's final pipeline: preprocessing, its model stages, then the class labels. */
  Refit refit(Candidate c) {
    List<Transformer> stages = new ArrayList<>(List.of(prep.stages()));
    double seconds = prepSeconds;
    if (c.single() != null) {
      Fitted model = standard(c.single().spec());
      stages.add(model.model());
      seconds += model.seconds();
    } else {
      List<Transformer> members = new ArrayList<>();
      List<TrialResult> specs = c.ensemble().members();
      for (int i = 0; i < specs.size(); i++) {
        Fitted member = member(specs.get(i).spec(), Outputs.member(i));
        members.add(member.model());
        seconds += member.seconds();
      }
      stages.addAll(StackedEnsemble.fittedStages(c.ensemble(), ctx, members));
    }
    if (ctx.task().isClassification()) {
      stages.add(new IndexToString().setInputCol("prediction")
          .setOutputCol(FinalModel.PREDICTED_LABEL).setLabels(classes.toArray(String[]::new)));
    }
    // Every stage is fitted already: the pipeline only checks the schema, no Spark job runs.
    PipelineModel model = new Pipeline().setStages(stages.toArray(PipelineStage[]::new))
        .fit(training);
    return new Refit(model, seconds);
  }

  /** How many models (not preprocessing) were fitted so far. */
  int modelFits() {
    return modelFits;
  }

  private Fitted standard(TrialSpec spec) {
    Fitted done = standard.get(spec.id());
    if (done == null) {
      done = fit(spec, Outputs.STANDARD);
      standard.put(spec.id(), done);
    }
    return done;
  }

  /** A member: its candidate's model renamed where there is one, else fitted as the member. */
  private Fitted member(TrialSpec spec, Outputs out) {
    if (singles.contains(spec.id())) {
      Fitted shared = standard(spec);
      Optional<Transformer> renamed = MemberModel.of(shared.model(), out);
      if (renamed.isPresent()) {
        return new Fitted(renamed.get(), shared.seconds());
      }
    }
    return fit(spec, out);
  }

  private Fitted fit(TrialSpec spec, Outputs out) {
    long t0 = System.nanoTime();
    Transformer model = fits.time(() -> (Transformer) spec.family().estimator(ctx, spec.params(),
        spec.seed(), out).fit(prepared));
    modelFits++;
    return new Fitted(model, (System.nanoTime() - t0) / 1e9);
  }
}
