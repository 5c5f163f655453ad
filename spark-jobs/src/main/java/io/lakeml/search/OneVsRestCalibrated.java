package io.lakeml.search;

import static org.apache.spark.sql.functions.rand;

import io.lakeml.intake.LabelInfo;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.Classifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.OneVsRestModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Multiclass from a binary classifier (GBT): one-vs-rest on a deterministic 80% of the rows, then
 * a multinomial logistic regression on the per-class margins of the other 20% turns them into
 * calibrated class probabilities (margins of separately trained binary models are not
 * probabilities, nor comparable across classes). The result is a PipelineModel of Spark's own
 * stages: it saves and loads like any model and writes prediction, probability and rawPrediction.
 */
final class OneVsRestCalibrated extends Estimator<PipelineModel> {
  static final double CALIBRATION_SHARE = 0.2;

  private final String uid;
  private final Estimator<?> binary;
  private final ModelContext ctx;
  private final long seed;
  private final Outputs out;

  OneVsRestCalibrated(Estimator<?> binary, ModelContext ctx, long seed, Outputs out) {
    this(Identifiable$.MODULE$.randomUID("lakemlOvrCalibrated"), binary, ctx, seed, out);
  }

  private OneVsRestCalibrated(String uid, Estimator<?> binary, ModelContext ctx, long seed,
      Outputs out) {
    this.uid = uid;
    this.binary = binary;
    this.ctx = ctx;
    this.seed = seed;
    this.out = out;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public PipelineModel fit(Dataset<?> dataset) {
    String raw = out.ovrMargins();
    OneVsRest ovr = new OneVsRest().setClassifier((Classifier) binary)
        .setLabelCol(LabelInfo.INDEXED).setFeaturesCol(featuresCol())
        .setRawPredictionCol(raw).setPredictionCol(out.ovrPrediction())
        .setParallelism(1);
    String weights = weightCol();
    if (weights != null) {
      // OneVsRest hands its classifiers only the label, the features and its own weightCol: a
      // weightCol set on the binary classifier alone names a column it never sees.
      ovr.setWeightCol(weights);
    }
    // Declare the number of classes on the label, so that a class missing from either part
    // still gets its margin and its probability.
    org.apache.spark.sql.types.Metadata classes = org.apache.spark.ml.attribute.NominalAttribute
        .defaultAttr().withName(LabelInfo.INDEXED).withNumValues(ctx.numClasses()).toMetadata();
    Dataset<Row> rows = dataset.toDF()
        .withColumn(LabelInfo.INDEXED, org.apache.spark.sql.functions.col(LabelInfo.INDEXED)
            .as(LabelInfo.INDEXED, classes))
        .withColumn("_lakeml_ovr_draw", draw(dataset));
    Dataset<Row> fitPart = rows.where("_lakeml_ovr_draw >= " + CALIBRATION_SHARE)
        .drop("_lakeml_ovr_draw");
    Dataset<Row> calibrationPart = rows.where("_lakeml_ovr_draw < " + CALIBRATION_SHARE)
        .drop("_lakeml_ovr_draw");
    OneVsRestModel margins = ovr.fit(fitPart);
    LogisticRegression calibrator = new LogisticRegression().setFamily("multinomial")
        .setRegParam(1e-3).setMaxIter(100).setLabelCol(LabelInfo.INDEXED).setFeaturesCol(raw)
        .setPredictionCol(out.prediction()).setProbabilityCol(out.probability())
        .setRawPredictionCol(out.rawPrediction());
    if (weights != null) {
      calibrator.setWeightCol(weights);
    }
    return new Pipeline().setStages(new PipelineStage[] {margins, calibrator})
        .fit(calibrationPart);
  }

  /** A per-row draw in [0, 1): from the row id where there is one (independent of row order),
   * else a seeded random number on a stream of its own. */
  private org.apache.spark.sql.Column draw(Dataset<?> dataset) {
    if (java.util.List.of(dataset.columns()).contains(io.lakeml.split.FoldAssigner.ROW)) {
      return org.apache.spark.sql.functions.pmod(org.apache.spark.sql.functions.xxhash64(
          org.apache.spark.sql.functions.col(io.lakeml.split.FoldAssigner.ROW),
          org.apache.spark.sql.functions.lit(seed)), org.apache.spark.sql.functions.lit(1_000_003L))
          .divide(1_000_003.0);
    }
    return rand(seed ^ 0x5DEECE66DL);
  }

  /** The binary classifier's weight column (class weights), or null when it has none. */
  private String weightCol() {
    if (!binary.hasParam("weightCol") || !binary.isDefined(binary.getParam("weightCol"))) {
      return null;
    }
    String col = (String) binary.getOrDefault(binary.getParam("weightCol"));
    return col == null || col.isEmpty() ? null : col;
  }

  private String featuresCol() {
    return binary.getParam("featuresCol") == null ? null
        : (String) binary.getOrDefault(binary.getParam("featuresCol"));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return new LogisticRegression().setFeaturesCol(out.ovrMargins())
        .setLabelCol(LabelInfo.INDEXED)
        .setPredictionCol(out.prediction()).setProbabilityCol(out.probability())
        .setRawPredictionCol(out.rawPrediction())
        .transformSchema(schema.add(out.ovrMargins(),
            new org.apache.spark.ml.linalg.VectorUDT(), false));
  }

  @Override
  public Estimator<PipelineModel> copy(ParamMap extra) {
    return new OneVsRestCalibrated(uid, (Estimator<?>) binary.copy(extra), ctx, seed, out);
  }

  @Override
  public String uid() {
    return uid;
  }
}
