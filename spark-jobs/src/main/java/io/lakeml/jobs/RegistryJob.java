package io.lakeml.jobs;

import io.lakeml.config.RegistrySettings;
import io.lakeml.config.Settings;
import io.lakeml.lake.LakePaths;
import io.lakeml.pipeline.RunRegistration;
import io.lakeml.registry.ModelRegistry;
import io.lakeml.registry.RegistryEntry;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * spark-submit entry point for the model registry (lakeml.registry.action): list the versions of
 * lakeml.registry.model, promote lakeml.registry.version to champion (by hand: no margin rule),
 * roll back to the previous champion, or register the model of the finished AutoML run
 * lakeml.registry.run-id (made with lakeml.registry.register = false) with the auto-promote rule.
 * Prints the versions after the change.
 */
public final class RegistryJob {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryJob.class);

  private RegistryJob() {}

  public static void main(String[] args) {
    JobRunner.main("registry", args, RegistryJob::run);
  }

  public static List<RegistryEntry> run(SparkSession spark, Settings settings) {
    RegistrySettings r = settings.registry();
    String model = r.modelOr(settings.run().name());
    ModelRegistry registry = new ModelRegistry(spark, new LakePaths(settings.lakeRoot())
        .registry());
    String note = "by hand (RegistryJob run " + settings.run().id() + ")";
    switch (r.action()) {
      case PROMOTE -> LOG.info("Promoted {}", registry.promote(model, r.version(), note)
          .describe());
      case ROLLBACK -> LOG.info("Rolled back to {}", registry.rollback(model, note).describe());
      case REGISTER -> {
        RegistryEntry entry = RunRegistration.register(spark, settings.lakeRoot(), r,
            r.runIdOr(settings.run().id()));
        LOG.info("Registered {}", entry.describe());
        model = entry.modelName();
      }
      case LIST -> { }
    }
    List<RegistryEntry> versions = registry.versions(model);
    if (versions.isEmpty()) {
      throw new io.lakeml.config.LakemlException("No versions of model " + model
          + " in the registry at " + registry.path() + " (lakeml.registry.model)");
    }
    versions.forEach(v -> System.out.println(v.describe()));
    return versions;
  }
}
