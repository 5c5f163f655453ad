package io.lakeml.jobs;

import io.lakeml.config.Settings;
import io.lakeml.monitor.DriftMonitor;
import java.time.Clock;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * spark-submit entry point: drift of one scoring run (lakeml.monitor) against the training
 * profile and holdout of the model that scored it, written to monitoring/drift. Exit codes: 0 no
 * drift, lakeml.monitor.drift-exit-code (3) drift (a scheduler's cue to retrain), 2 bad config
 * or input (nothing written), 1 anything else.
 */
public final class MonitorJob {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorJob.class);

  private MonitorJob() {}

  public static void main(String[] args) {
    JobRunner.mainWithCode("monitor", args, MonitorJob::run);
  }

  /** Returns 0 when nothing drifted, else lakeml.monitor.drift-exit-code. */
  public static int run(SparkSession spark, Settings settings) {
    DriftMonitor.Result result = new DriftMonitor(spark, settings, Clock.systemUTC()).run();
    int code = result.drifted() ? settings.monitor().driftExitCode() : 0;
    LOG.info("Monitor run {} of scoring run {}: {} (exit code {})", settings.run().id(),
        result.scoringRunId(), result.drifted() ? "drift" : "no drift", code);
    return code;
  }
}
