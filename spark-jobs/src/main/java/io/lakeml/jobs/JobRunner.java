package io.lakeml.jobs;

import io.lakeml.config.CliArgs;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.LakemlException;
import io.lakeml.config.Settings;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every job's main does: parse the arguments, load and validate the config, run, and turn
 * the outcome into an exit code: 0 done, {@value LakemlException#EXIT_CODE} bad input or config
 * (nothing written), 1 anything else. With --check-config it stops after validating the config.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  /** A job body: all of a job but argument parsing and the session. */
  @FunctionalInterface
  public interface Job {
    void run(SparkSession spark, Settings settings);
  }

  /**
   * A job whose outcome is more than done or failed: its exit code (0 done; a job documents its
   * own codes from 3 up, e.g. MonitorJob's drift code for a scheduler's branch).
   */
  @FunctionalInterface
  public interface CodedJob {
    int run(SparkSession spark, Settings settings);
  }

  private JobRunner() {}

  /** For mains: a session of their own, stopped at the end, then System.exit. */
  public static void main(String name, String[] args, Job job) {
    mainWithCode(name, args, coded(job));
  }

  /** For mains of jobs with their own exit codes. */
  public static void mainWithCode(String name, String[] args, CodedJob job) {
    int code = executeWithCode(name, args, job,
        settings -> SparkSessions.getOrCreate(settings, name), true);
    System.exit(code);
  }

  public static int execute(String name, String[] args, Job job,
      Function<Settings, SparkSession> sessions, boolean stopSession) {
    return executeWithCode(name, args, coded(job), sessions, stopSession);
  }

  private static CodedJob coded(Job job) {
    return (spark, settings) -> {
      job.run(spark, settings);
      return 0;
    };
  }

  public static int executeWithCode(String name, String[] args, CodedJob job,
      Function<Settings, SparkSession> sessions, boolean stopSession) {
    SparkSession spark = null;
    try {
      CliArgs cli = CliArgs.parse(args);
      if (cli.help()) {
        System.out.println("lakeml " + name + "\n" + CliArgs.USAGE);
        return 0;
      }
      Settings settings = Settings.from(ConfigLoader.load(cli));
      if (cli.checkConfig()) {
        System.out.println("lakeml " + name + ": config valid (" + cli.configFiles().size()
            + " files, " + cli.overrides().size() + " overrides); run " + settings.run().id()
            + ", lake root " + settings.lakeRoot());
        return 0;
      }
      spark = sessions.apply(settings);
      return job.run(spark, settings);
    } catch (LakemlException e) {
      LOG.error("lakeml {} failed: {}", name, e.getMessage());
      System.err.println("lakeml " + name + " failed: " + e.getMessage());
      return LakemlException.EXIT_CODE;
    } catch (RuntimeException | Error e) {
      LOG.error("lakeml " + name + " failed", e);
      System.err.println("lakeml " + name + " failed: " + e);
      return 1;
    } finally {
      if (spark != null && stopSession) {
        spark.stop();
      }
    }
  }
}
