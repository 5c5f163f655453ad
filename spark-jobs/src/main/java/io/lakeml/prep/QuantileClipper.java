package io.lakeml.prep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Clips numbers to their [q, 1 - q] quantiles on the rows it is fitted on (one Spark job for all
 * columns). The fitted stage is a plain SQLTransformer with the bounds written in, so it saves and
 * loads with the model like any Spark stage. Nulls stay null (for the imputer).
 */
public final class QuantileClipper extends Estimator<PipelineModel> {
  private final String uid;
  private final List<String> inputs;
  private final double quantile;

  public QuantileClipper(List<String> inputs, double quantile) {
    this(Identifiable$.MODULE$.randomUID("lakemlClipper"), inputs, quantile);
  }

  private QuantileClipper(String uid, List<String> inputs, double quantile) {
    this.uid = uid;
    this.inputs = List.copyOf(inputs);
    this.quantile = quantile;
  }

  public static String output(String column) {
    return column + "__clipped";
  }

  @Override
  public PipelineModel fit(Dataset<?> dataset) {
    double[][] bounds = dataset.stat().approxQuantile(inputs.toArray(String[]::new),
        new double[] {quantile, 1 - quantile}, 0.0001);
    List<String> exprs = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String c = FeaturePipeline.q(inputs.get(i));
      String value = "CAST(" + c + " AS DOUBLE)";
      if (bounds[i].length == 2 && Double.isFinite(bounds[i][0])
          && Double.isFinite(bounds[i][1])) {
        // GREATEST/LEAST skip nulls and rank NaN highest: keep missing values missing.
        value = String.format(Locale.ROOT, "CASE WHEN %1$s IS NULL OR isnan(%1$s) THEN NULL "
            + "ELSE LEAST(GREATEST(%1$s, CAST(%2$s AS DOUBLE)), CAST(%3$s AS DOUBLE)) END", value,
            Double.toString(bounds[i][0]), Double.toString(bounds[i][1]));
      }
      exprs.add(value + " AS " + FeaturePipeline.q(output(inputs.get(i))));
    }
    SQLTransformer clip = new SQLTransformer().setStatement("SELECT *, "
        + String.join(", ", exprs) + " FROM __THIS__");
    return new Pipeline().setStages(new PipelineStage[] {clip}).fit(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StructType out = schema;
    for (String c : inputs) {
      out = out.add(output(c), DataTypes.DoubleType, true);
    }
    return out;
  }

  @Override
  public Estimator<PipelineModel> copy(ParamMap extra) {
    return new QuantileClipper(uid, inputs, quantile);
  }

  @Override
  public String uid() {
    return uid;
  }
}
