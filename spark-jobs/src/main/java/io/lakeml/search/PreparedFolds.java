package io.lakeml.search;

import static org.apache.spark.sql.functions.col;

import io.lakeml.intake.LabelInfo;
import io.lakeml.prep.ClassWeights;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.split.FoldAssigner;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The K cross-validation folds, prepared once: for fold k the preprocessing is fitted on the rows
 * of the other folds only (no statistic of the validation rows leaks into it), both sides are
 * transformed, reduced to label + features and cached. Trials then only fit models.
 * Close it to unpersist.
 */
public final class PreparedFolds implements AutoCloseable {
  /** One fold: train on {@code train}, score {@code valid}. */
  public record Fold(int index, Dataset<Row> train, Dataset<Row> valid, long trainRows,
      long validRows) {}

  private final List<Fold> folds;

  private PreparedFolds(List<Fold> folds) {
    this.folds = List.copyOf(folds);
  }

  /** training: the non-holdout rows, with the stored fold column. */
  public static PreparedFolds prepare(Pipeline prep, Dataset<Row> training, int k) {
    List<Fold> folds = new ArrayList<>();
    try {
      for (int i = 0; i < k; i++) {
        training.sparkSession().sparkContext().setJobDescription("lakeml: prepare fold " + (i + 1)
            + "/" + k);
        Dataset<Row> fit = training.where(col(FoldAssigner.FOLD).notEqual(i));
        Dataset<Row> held = training.where(col(FoldAssigner.FOLD).equalTo(i));
        PipelineModel model = prep.fit(fit);
        Dataset<Row> train = slim(model.transform(fit));
        Dataset<Row> valid = slim(model.transform(held));
        folds.add(new Fold(i, train, valid, train.count(), valid.count()));
      }
    } catch (RuntimeException e) {
      new PreparedFolds(folds).close();
      throw e;
    } finally {
      training.sparkSession().sparkContext().setJobDescription(null);
    }
    return new PreparedFolds(folds);
  }

  private static Dataset<Row> slim(Dataset<Row> transformed) {
    List<String> keep = new ArrayList<>(List.of(LabelInfo.INDEXED, FeaturePipeline.FEATURES));
    for (String c : List.of(FoldAssigner.ROW, FoldAssigner.SAMPLE)) {
      if (List.of(transformed.columns()).contains(c)) {
        keep.add(c);
      }
    }
    if (List.of(transformed.columns()).contains(ClassWeights.COLUMN)) {
      keep.add(ClassWeights.COLUMN);
    }
    return transformed.selectExpr(keep.toArray(String[]::new))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  public List<Fold> folds() {
    return folds;
  }

  @Override
  public void close() {
    for (Fold f : folds) {
      f.train().unpersist();
      f.valid().unpersist();
    }
  }
}
