package io.lakeml.pipeline;

import io.lakeml.evaluate.EvaluationTable.Point;
import io.lakeml.intake.ColumnProfile;
import io.lakeml.intake.IntakeResult;
import io.lakeml.registry.ModelInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The documents saved in a model folder beside the Spark model and provenance.json: model.json
 * (for scoring and monitoring: input columns and types, classes, threshold, holdout figures) and
 * model_card.md (for people: what it predicts, from what data, how well, and its limits).
 */
final class ModelDocs {
  static final String CARD = "model_card.md";

  private ModelDocs() {}

  static ModelInfo info(RunSummary run, IntakeResult intake, Candidate winner,
      List<Point> evaluation, String thresholdObjective, ModelInfo.TrainingSetInfo trainingSet) {
    List<ModelInfo.Feature> features = intake.allFeatures().stream()
        .map(c -> new ModelInfo.Feature(c,
            intake.data().schema().apply(c).dataType().simpleString(),
            intake.profile(c).type().id()))
        .toList();
    return new ModelInfo(ModelInfo.FORMAT, run.name(), run.runId(), run.task(), run.label(),
        run.classes(), run.metric(), run.holdoutMetrics(), threshold(evaluation).orElse(null),
        threshold(evaluation).isPresent() ? thresholdObjective : null, features, winner.id(),
        winner.family(), trainingSet);
  }

  static java.util.Optional<Double> threshold(List<Point> evaluation) {
    return evaluation.stream().filter(p -> p.section().equals("threshold")
        && "threshold".equals(p.item())).map(Point::value).findFirst();
  }

  static String card(RunSummary run, ModelInfo info, IntakeResult intake, Candidate winner,
      List<Point> evaluation) {
    StringBuilder md = new StringBuilder();
    md.append("# Model card: ").append(run.name()).append(" (run ").append(run.runId())
        .append(")\n\n");
    md.append("## What it predicts\n");
    md.append("- Task: ").append(run.task()).append(" on label `").append(run.label())
        .append("`");
    if (!run.classes().isEmpty()) {
      md.append(", classes ").append(run.classes());
      if (run.task().equals("binary")) {
        md.append(" (positive: `").append(run.classes().get(1)).append("`)");
      }
    }
    md.append("\n- Model: ").append(winner.family()).append(" ").append(winner.paramsJson())
        .append(" (leaderboard entry ").append(winner.id()).append(")\n");
    if (info.threshold() != null) {
      md.append(String.format(Locale.ROOT, "- Decision threshold on P(positive): %.3f "
          + "(maximises %s on the holdout)%n", info.threshold(), info.thresholdObjective()));
    }
    md.append("\n## Training data\n");
    md.append("- Table `").append(run.inputRef()).append("` at Delta version ")
        .append(run.inputVersion()).append(info.trainingSet() == null ? "\n"
            : " (label events)\n");
    if (info.trainingSet() != null) {
      ModelInfo.TrainingSetInfo t = info.trainingSet();
      md.append("- Point-in-time features from the feature store at `").append(t.storeRoot())
          .append("`: ").append(t.features()).append(", each the latest value at or before `")
          .append(t.eventTime()).append("`")
          .append(t.maxAge() == null ? "" : " and at most " + t.maxAge() + " old")
          .append("; feature table versions ").append(t.featureVersions()).append("\n");
    }
    md.append(String.format(Locale.ROOT, "- Rows: %d read, %d without label dropped, %d for "
            + "training (%d-fold CV), %d held out%n", run.rowsRead(),
        run.rowsDroppedNullLabel(), run.rowsTrain(), run.folds(), run.rowsHoldout()));
    md.append("- Input columns used: ").append(info.features().stream()
        .map(f -> "`" + f.name() + "` (" + f.semanticType() + ")")
        .collect(Collectors.joining(", "))).append("\n");
    List<ColumnProfile> dropped = intake.columns().stream()
        .filter(c -> !c.kept() && c.role().equals("feature")).toList();
    if (!dropped.isEmpty()) {
      md.append("- Not used: ").append(dropped.stream()
          .map(c -> "`" + c.column() + "` (" + c.reason() + ")")
          .collect(Collectors.joining(", "))).append("\n");
    }
    md.append("\n## How well it does\n");
    md.append(String.format(Locale.ROOT, "- Cross-validation %s: %.4f ± %.4f%n", run.metric(),
        run.cvMean(), run.cvStd()));
    for (Map.Entry<String, Double> m : run.holdoutMetrics().entrySet()) {
      md.append(String.format(Locale.ROOT, "- Holdout %s: %.4f%n", m.getKey(), m.getValue()));
    }
    List<Point> top = evaluation.stream().filter(p -> p.section().equals("importance"))
        .limit(10).toList();
    if (!top.isEmpty()) {
      md.append("\n## Most important inputs\n");
      top.forEach(p -> md.append(String.format(Locale.ROOT, "- `%s`: %.3f%n", p.item(),
          p.value())));
    }
    md.append("\n## Limits\n");
    md.append("- Trained on the rows above only: scoring data unlike them (see MonitorJob's drift"
        + " checks) gets less reliable predictions.\n");
    md.append("- Categories unseen in training go to an \"unknown\" bucket; missing inputs are "
        + "imputed with training medians.\n");
    if (info.threshold() != null) {
      md.append("- The threshold was chosen on the holdout, so its holdout precision and recall"
          + " are optimistic.\n");
    }
    md.append("\n## Provenance\n");
    md.append("- git ").append(run.gitSha()).append(", lakeml ").append(run.lakemlVersion())
        .append(", Spark ").append(run.sparkVersion()).append(", seed ").append(run.seed())
        .append("; full record in provenance.json\n");
    return md.toString();
  }
}
