package io.lakeml.evaluate;

import io.lakeml.evaluate.EvaluationTable.Point;
import io.lakeml.prep.FeaturePipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.classification.ClassificationModel;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.FMClassificationModel;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.OneVsRestModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.FMRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * Per-slot importance of the model's feature vector, named after the slots' attributes (input
 * column, or column and category): trees' own impurity importances (one-vs-rest: averaged over
 * the classes), linear models' |coefficient| x the slot's standard deviation on the scored rows
 * (the coefficients are in the features' own units), factorization machines' |linear weight| (on
 * standardised features). Normalised to sum to 1; the top {@value #TOP} kept. Perceptrons, naive
 * Bayes and stacked ensembles report none.
 */
final class FeatureImportance {
  static final int TOP = 100;

  private FeatureImportance() {}

  static List<Point> points(PipelineModel model, Dataset<Row> scored) {
    Optional<double[]> raw = Optional.empty();
    for (Transformer stage : flatten(model)) {
      raw = raw.or(() -> raw(stage, scored));
    }
    if (raw.isEmpty()) {
      return List.of();
    }
    double[] imp = raw.get();
    String[] names = slotNames(scored, imp.length);
    double total = 0;
    for (double v : imp) {
      total += Math.abs(v);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < imp.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -Math.abs(imp[i])));
    List<Point> out = new ArrayList<>();
    for (int rank = 0; rank < Math.min(TOP, order.size()); rank++) {
      int i = order.get(rank);
      out.add(Point.value("importance", rank, names[i],
          total == 0 ? 0 : Math.abs(imp[i]) / total));
    }
    return out;
  }

  private static List<Transformer> flatten(PipelineModel model) {
    List<Transformer> out = new ArrayList<>();
    for (Transformer t : model.stages()) {
      if (t instanceof PipelineModel inner) {
        out.addAll(flatten(inner));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  private static Optional<double[]> raw(Transformer stage, Dataset<Row> scored) {
    Vector trees = trees(stage);
    if (trees != null) {
      return Optional.of(trees.toArray());
    }
    if (stage instanceof OneVsRestModel ovr) {
      double[] sum = null;
      for (ClassificationModel<?, ?> m : ovr.models()) {
        Vector v = trees(m);
        if (v == null) {
          return Optional.empty();
        }
        double[] a = v.toArray();
        sum = sum == null ? a.clone() : add(sum, a);
      }
      return Optional.ofNullable(sum);
    }
    if (stage instanceof FMClassificationModel fm) {
      return Optional.of(fm.linear().toArray());
    }
    if (stage instanceof FMRegressionModel fm) {
      return Optional.of(fm.linear().toArray());
    }
    double[] coef = linear(stage);
    return coef == null ? Optional.empty() : Optional.of(scaleByStd(coef, scored));
  }

  private static Vector trees(Object stage) {
    if (stage instanceof DecisionTreeClassificationModel m) {
      return m.featureImportances();
    } else if (stage instanceof DecisionTreeRegressionModel m) {
      return m.featureImportances();
    } else if (stage instanceof RandomForestClassificationModel m) {
      return m.featureImportances();
    } else if (stage instanceof RandomForestRegressionModel m) {
      return m.featureImportances();
    } else if (stage instanceof GBTClassificationModel m) {
      return m.featureImportances();
    } else if (stage instanceof GBTRegressionModel m) {
      return m.featureImportances();
    }
    return null;
  }

  private static double[] linear(Transformer stage) {
    if (stage instanceof LogisticRegressionModel m
        && FeaturePipeline.FEATURES.equals(m.getFeaturesCol())) {
      Matrix w = m.coefficientMatrix();
      double[] sum = new double[w.numCols()];
      for (int k = 0; k < w.numRows(); k++) {
        for (int j = 0; j < w.numCols(); j++) {
          sum[j] += Math.abs(w.apply(k, j));
        }
      }
      return sum;
    } else if (stage instanceof LinearSVCModel m) {
      return m.coefficients().toArray();
    } else if (stage instanceof LinearRegressionModel m
        && FeaturePipeline.FEATURES.equals(m.getFeaturesCol())) {
      return m.coefficients().toArray();
    } else if (stage instanceof GeneralizedLinearRegressionModel m) {
      return m.coefficients().toArray();
    }
    return null;
  }

  private static double[] scaleByStd(double[] coef, Dataset<Row> scored) {
    Row r = scored.select(Summarizer.metrics("std").summary(
        scored.col(FeaturePipeline.FEATURES)).as("s")).first();
    double[] std = ((Vector) r.getStruct(0).get(0)).toArray();
    double[] out = new double[coef.length];
    for (int i = 0; i < coef.length; i++) {
      out[i] = Math.abs(coef[i]) * (i < std.length ? std[i] : 1.0);
    }
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    for (int i = 0; i < a.length && i < b.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /** The slots' attribute names, "slot i" where the vector carries none. */
  static String[] slotNames(Dataset<Row> scored, int size) {
    String[] names = new String[size];
    for (int i = 0; i < size; i++) {
      names[i] = "slot " + i;
    }
    StructField field = scored.schema().apply(FeaturePipeline.FEATURES);
    AttributeGroup group = AttributeGroup.fromStructField(field);
    if (group.attributes().isDefined()) {
      Attribute[] attrs = group.attributes().get();
      for (int i = 0; i < Math.min(size, attrs.length); i++) {
        if (attrs[i].name().isDefined()) {
          names[i] = attrs[i].name().get();
        }
      }
    }
    return names;
  }
}
