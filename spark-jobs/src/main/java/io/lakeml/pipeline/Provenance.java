package io.lakeml.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeml.intake.IntakeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * provenance.json, saved beside every model: enough to know exactly what produced it and to replay
 * the run (config, seeds, code and library versions, the input table and the Delta version read).
 */
final class Provenance {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Provenance() {}

  static String json(RunSummary run, Map<String, String> versions, IntakeResult intake,
      Candidate winner, Map<String, Long> seeds,
      java.util.Optional<io.lakeml.registry.ModelInfo.TrainingSetInfo> trainingSet) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "lakeml-provenance/1");
    doc.put("run_id", run.runId());
    doc.put("name", run.name());
    doc.put("created_at", run.finishedAt().toString());
    doc.put("git_sha", run.gitSha());
    doc.put("versions", versions);
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("ref", run.inputRef());
    input.put("delta_version", run.inputVersion());
    trainingSet.ifPresent(t -> {
      // Rebuild exactly: the same label version with lakeml.input.feature-versions = these.
      Map<String, Object> fs = new LinkedHashMap<>();
      fs.put("root", t.storeRoot());
      fs.put("event_time", t.eventTime());
      fs.put("entity_keys", t.keyColumns());
      fs.put("features", t.features());
      fs.put("max_age", t.maxAge());
      fs.put("feature_table_versions", t.featureVersions());
      input.put("feature_store", fs);
    });
    doc.put("input", input);
    Map<String, Object> seedDoc = new LinkedHashMap<>();
    seedDoc.put("root", run.seed());
    seedDoc.putAll(seeds);
    doc.put("seeds", seedDoc);
    Map<String, Object> label = new LinkedHashMap<>();
    label.put("column", intake.label().column());
    label.put("task", intake.label().task().id());
    label.put("classes", intake.label().classes());
    label.put("class_counts", intake.label().counts());
    doc.put("label", label);
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("numeric", intake.numericFeatures());
    features.put("categorical", intake.categoricalFeatures());
    features.put("high_cardinality", intake.highCardinalityFeatures());
    features.put("datetime", intake.datetimeFeatures());
    features.put("text", intake.textFeatures());
    features.put("dropped", intake.columns().stream()
        .filter(c -> !c.kept() && c.role().equals("feature"))
        .map(c -> c.column() + ": " + c.reason()).toList());
    features.put("class_weights",
        List.of(intake.data().columns()).contains(io.lakeml.prep.ClassWeights.COLUMN));
    doc.put("features", features);
    Map<String, Object> model = winner.modelDoc();
    model.put("metric", run.metric());
    model.put("cv_mean", run.cvMean());
    model.put("cv_std", run.cvStd());
    model.put("holdout_metrics", run.holdoutMetrics());
    model.put("output_columns", intake.label().task().isClassification()
        ? List.of("prediction", "probability", "rawPrediction", FinalModel.PREDICTED_LABEL)
        : List.of("prediction"));
    doc.put("model", model);
    doc.put("rows", Map.of("read", run.rowsRead(), "dropped_null_label",
        run.rowsDroppedNullLabel(), "train", run.rowsTrain(), "holdout", run.rowsHoldout()));
    try {
      doc.put("config", JSON.readTree(run.configJson()));
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render provenance.json", e);
    }
  }
}
