package io.lakeml.jobs;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.ConfigReader;
import io.lakeml.config.Settings;
import io.lakeml.pipeline.RunSummary;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded demo, the whole loop on the bundled data: import the CSV into the lake (once),
 * run AutoML on it (leaderboard, evaluations, report, registry), score the table with the
 * champion (run id &lt;run id&gt;-score) and check that scoring run for drift (&lt;run id&gt;-monitor).
 * Then, with lakeml.demo.feature-pipeline, the feature-store way: import that pipeline's CSVs,
 * materialize its feature tables, AutoML on the point-in-time training set
 * (&lt;run id&gt;-features) and score with the features joined (&lt;run id&gt;-features-score).
 */
public final class DemoJob {
  private static final Logger LOG = LoggerFactory.getLogger(DemoJob.class);

  private DemoJob() {}

  public static void main(String[] args) {
    JobRunner.mainWithCode("demo", args, DemoJob::run);
  }

  /** MonitorJob's exit code: 0, or lakeml.monitor.drift-exit-code when something drifted. */
  public static int run(SparkSession spark, Settings settings) {
    String runId = settings.run().id();
    // Loaded first: a broken second pipeline fails the demo before anything is written.
    Settings features = featurePipeline(settings, runId + "-features");
    ImportCsvJob.run(spark, settings);
    RunSummary run = AutoMLJob.run(spark, settings);
    ScoreJob.run(spark, settings.withRunId(runId + "-score"));
    int drift = MonitorJob.run(spark, settings.withRunId(runId + "-monitor")
        .withScoringRunId(runId + "-score"));
    LOG.info("Demo: report at {}/reports/{}/index.html, model at {}", settings.lakeRoot(),
        runId, run.modelPath());
    if (features != null) {
      ImportCsvJob.run(spark, features);
      MaterializeFeaturesJob.run(spark, features);
      RunSummary fs = AutoMLJob.run(spark, features);
      ScoreJob.run(spark, features.withRunId(features.run().id() + "-score"));
      LOG.info("Demo, feature-store pipeline: feature tables under {}, model at {} (CV {} {})",
          features.featureStore().store().root(), fs.modelPath(), fs.metric(),
          String.format(java.util.Locale.ROOT, "%.4f", fs.cvMean()));
    }
    return drift;
  }

  /** The second pipeline's settings on the first one's lake root, or null when none is set. */
  static Settings featurePipeline(Settings settings, String runId) {
    String conf = new ConfigReader(settings.config(), "lakeml.demo").optString("feature-pipeline");
    if (conf == null) {
      return null;
    }
    return Settings.from(ConfigLoader.load(List.of(conf), List.of(
        "lakeml.lake.root=\"" + settings.lakeRoot().replace("\"", "\\\"") + "\"",
        "lakeml.run.id=" + runId)));
  }
}
