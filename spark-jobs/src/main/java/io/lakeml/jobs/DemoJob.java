package io.lakeml.jobs;

import io.lakeml.config.Settings;
import io.lakeml.pipeline.RunSummary;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded demo, the whole loop on the bundled data: import the CSV into the lake (once),
 * run AutoML on it (leaderboard, evaluations, report, registry), score the table with the
 * champion (run id &lt;run id&gt;-score) and check that scoring run for drift (&lt;run id&gt;-monitor).
 */
public final class DemoJob {
  private static final Logger LOG = LoggerFactory.getLogger(DemoJob.class);

  private DemoJob() {}

  public static void main(String[] args) {
    JobRunner.mainWithCode("demo", args, DemoJob::run);
  }

  /** MonitorJob's exit code: 0, or lakeml.monitor.drift-exit-code when something drifted. */
  public static int run(SparkSession spark, Settings settings) {
    ImportCsvJob.run(spark, settings);
    RunSummary run = AutoMLJob.run(spark, settings);
    String runId = settings.run().id();
    ScoreJob.run(spark, settings.withRunId(runId + "-score"));
    int drift = MonitorJob.run(spark, settings.withRunId(runId + "-monitor")
        .withScoringRunId(runId + "-score"));
    LOG.info("Demo done: report at {}/reports/{}/index.html, model at {}", settings.lakeRoot(),
        runId, run.modelPath());
    return drift;
  }
}
