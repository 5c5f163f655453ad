package io.lakeml.jobs;

import io.lakeml.config.Settings;
import io.lakeml.intake.Intake;
import io.lakeml.intake.IntakeResult;
import io.lakeml.intake.ProfileTable;
import io.lakeml.lake.LakePaths;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.RunTableWriter;
import io.lakeml.pipeline.TrainingInput;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * spark-submit entry point: the AutoML run's intake alone, as a scheduler's gate before the
 * search. Reads lakeml.input exactly as AutoMLJob does (a Delta table, or the point-in-time
 * training set from the feature store), validates it and writes its profile to automl/profiles
 * under this job's run id (a rerun replaces its own rows). Bad input: exit code 2, nothing
 * written. No split and no search: the profile covers all labelled rows.
 */
public final class ValidateJob {
  private static final Logger LOG = LoggerFactory.getLogger(ValidateJob.class);

  private ValidateJob() {}

  public static void main(String[] args) {
    JobRunner.main("validate", args, ValidateJob::run);
  }

  public static IntakeResult run(SparkSession spark, Settings settings) {
    Instant started = Instant.now();
    String runId = settings.run().id();
    TrainingInput input = TrainingInput.read(spark, settings);
    try {
      PinnedTable table = input.table();
      Intake intake = new Intake(input.input(), settings.label(), settings.intake(),
          settings.split());
      Intake.Labelled labelled = intake.validate(table);
      IntakeResult profile = intake.profile(labelled, labelled.data());
      new RunTableWriter(spark).replaceRun(new LakePaths(settings.lakeRoot()).profiles(), runId,
          ProfileTable.rows(spark, runId, profile, table.ref().id(), table.version(), started));
      LOG.info("Validate run {}: {} at version {} is valid: {} task on {}, {} rows ({} without "
              + "label), {} features; profile in automl/profiles", runId, table.ref().describe(),
          table.version(), profile.label().task().id(), profile.label().column(),
          profile.rowsRead(), profile.rowsDroppedNullLabel(), profile.allFeatures().size());
      return profile;
    } finally {
      input.release();
    }
  }
}
