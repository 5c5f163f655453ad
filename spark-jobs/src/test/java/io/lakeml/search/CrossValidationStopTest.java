package io.lakeml.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.Task;
import io.lakeml.evaluate.Metric;
import io.lakeml.intake.LabelInfo;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.split.FoldAssigner;
import io.lakeml.testing.SparkTest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stopping a running trial on real Spark: a gradient-boosted model of 400 rounds (minutes of
 * work) is stopped once its first Spark job has started; it ends as a failed trial with the
 * reason, and a trial after it on the same folds runs as usual.
 */
@ExtendWith(SparkTest.class)
class CrossValidationStopTest {
  @Test
  void aStoppedTrialEndsFailedWithTheReasonAndTheNextTrialRuns() throws Exception {
    Dataset<Row> training = SparkTest.spark().sql("SELECT a, b, IF(a + b + 0.3 * rand(7) > 1.1, "
        + "1.0, 0.0) AS " + LabelInfo.INDEXED + ", CAST(id % 3 AS INT) AS " + FoldAssigner.FOLD
        + ", id AS " + FoldAssigner.ROW + ", rand(9) AS " + FoldAssigner.SAMPLE
        + " FROM (SELECT id, rand(1) a, rand(2) b FROM range(0, 1500))").cache();
    Pipeline prep = new Pipeline().setStages(new PipelineStage[] {new VectorAssembler()
        .setInputCols(new String[] {"a", "b"}).setOutputCol(FeaturePipeline.FEATURES)});
    ModelContext ctx = new ModelContext(Task.BINARY, 2, false);
    Metric auc = Metric.AREA_UNDER_ROC;
    TrialSpec slow = new TrialSpec(1, ModelFamily.GBT, Map.of("maxIter", 400, "maxDepth", 5), 1);
    CountDownLatch slowJobStarted = new CountDownLatch(1);
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        String group = job.properties().getProperty("spark.jobGroup.id");
        if (group != null && group.startsWith(CrossValidation.JOB_GROUP + slow.id())) {
          slowJobStarted.countDown();
        }
      }
    };
    SparkTest.spark().sparkContext().addSparkListener(listener);
    try (PreparedFolds folds = PreparedFolds.prepare(prep, training, 3)) {
      CrossValidation cv = new CrossValidation(SparkTest.spark(), folds, ctx, auc,
          new OutOfFold(auc));
      CompletableFuture<TrialResult> running = CompletableFuture.supplyAsync(() -> cv.apply(slow));
      assertTrue(slowJobStarted.await(120, TimeUnit.SECONDS), "the slow trial ran no Spark job");
      assertTrue(cv.stop(slow, "by the test"), "the running trial was not found");
      TrialResult stopped = running.get(10, TimeUnit.MINUTES);
      assertTrue(stopped.wasStopped(), "400 rounds ran to their end: the trial was not stopped");
      assertFalse(stopped.succeeded());
      assertEquals("stopped: by the test", stopped.error());
      assertTrue(stopped.foldMetrics().isEmpty());

      TrialResult next = cv.apply(new TrialSpec(2, ModelFamily.LOGISTIC_REGRESSION,
          Map.of("regParam", 0.01, "maxIter", 20), 2));
      assertTrue(next.succeeded(), "the next trial: " + next.error());
      assertTrue(next.mean() > 0.8, "AUC " + next.mean());
    } finally {
      SparkTest.spark().sparkContext().removeSparkListener(listener);
      training.unpersist();
    }
  }
}
