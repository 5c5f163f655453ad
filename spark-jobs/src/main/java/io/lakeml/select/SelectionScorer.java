package io.lakeml.select;

import static org.apache.spark.sql.functions.col;

import io.lakeml.config.SelectSettings;
import io.lakeml.config.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.VectorSlicer;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.ml.stat.ANOVATest;
import org.apache.spark.ml.stat.Correlation;
import org.apache.spark.ml.stat.FValueTest;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scores every slot of a feature vector and decides which to keep, in order: variance threshold,
 * univariate test (ANOVA F for classification, F for regression), correlated duplicates, and the
 * embedded importance of an L1-regularised linear model and a random forest. No step leaves fewer
 * than min-features slots. A handful of Spark jobs plus two model fits, whatever the width.
 */
final class SelectionScorer {
  private static final String SLICED = "_lakeml_select_slice";

  private final SelectSettings settings;
  private final Task task;
  private final long seed;

  SelectionScorer(SelectSettings settings, Task task, long seed) {
    this.settings = settings;
    this.task = task;
    this.seed = seed;
  }

  Selection select(Dataset<Row> data, String features, String label) {
    String[] names = names(data, features);
    int d = names.length;
    List<FeatureScore> scores = new ArrayList<>();
    if (settings.mode() == SelectSettings.Mode.AUTO && d < settings.autoMinFeatures()) {
      for (int i = 0; i < d; i++) {
        scores.add(new FeatureScore(i, names[i], null, null, null, null, null, null, null, null,
            true, "kept: selection skipped for " + d + " slots (fewer than "
                + "lakeml.select.auto-min-features = " + settings.autoMinFeatures() + ")"));
      }
      return new Selection(keptIndices(scores), scores);
    }
    Row summary = data.select(Summarizer.metrics("variance").summary(col(features)))
        .head().getStruct(0);
    Vector variance = summary.getAs(0);
    Row test = (task.isClassification() ? ANOVATest.test(data, features, label)
        : FValueTest.test(data, features, label)).head();
    Vector p = test.getAs("pValues");
    Vector f = test.getAs("fValues");
    for (int i = 0; i < d; i++) {
      scores.add(new FeatureScore(i, names[i], variance.apply(i), finite(f.apply(i)),
          finite(p.apply(i)), null, null, null, null, null, true, "kept"));
    }
    filter(scores, s -> s.variance() <= settings.varianceThreshold(),
        s -> String.format(Locale.ROOT, "variance %.3g <= lakeml.select.variance-threshold %s",
            s.variance(), settings.varianceThreshold()));
    filter(scores, s -> s.pValue() == null || s.pValue() > settings.univariateMaxP(),
        s -> String.format(Locale.ROOT, "univariate p-value %s > lakeml.select.univariate-max-p "
            + "%s", s.pValue() == null ? "undefined" : String.format(Locale.ROOT, "%.3g",
                s.pValue()), settings.univariateMaxP()));
    dropCorrelated(data, features, scores);
    embedded(data, features, label, scores, variance);
    return new Selection(keptIndices(scores), scores);
  }

  /** Drops the kept slots matching the test, unless that would leave fewer than min-features
   * (then the best of them by F stay). */
  private void filter(List<FeatureScore> scores, java.util.function.Predicate<FeatureScore> drop,
      java.util.function.Function<FeatureScore, String> why) {
    List<FeatureScore> kept = scores.stream().filter(FeatureScore::kept).toList();
    List<FeatureScore> victims = new ArrayList<>(kept.stream().filter(drop).toList());
    int spare = kept.size() - settings.minFeatures();
    if (victims.size() > spare) {
      victims.sort(byF().reversed());
      victims = victims.subList(Math.max(0, victims.size() - Math.max(0, spare)), victims.size());
    }
    for (FeatureScore v : victims) {
      scores.set(v.index(), v.drop(why.apply(v)));
    }
  }

  private void dropCorrelated(Dataset<Row> data, String features, List<FeatureScore> scores) {
    int[] alive = keptIndices(scores);
    if (alive.length < 2 || alive.length > settings.correlationMaxFeatures()) {
      return;
    }
    Matrix corr = Correlation.corr(slice(data, features, alive), SLICED).head().getAs(0);
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < alive.length; k++) {
      order.add(k);
    }
    order.sort(Comparator.comparing((Integer k) -> scores.get(alive[k]), byF()).reversed());
    List<Integer> keep = new ArrayList<>();
    for (int k : order) {
      double worst = 0;
      int with = -1;
      for (int j : keep) {
        double r = Math.abs(corr.apply(k, j));
        if (!Double.isNaN(r) && r > worst) {
          worst = r;
          with = j;
        }
      }
      FeatureScore s = scores.get(alive[k]);
      String other = with < 0 ? null : scores.get(alive[with]).name();
      scores.set(alive[k], s.withCorrelation(worst, other));
      if (worst >= settings.maxCorrelation() && keepCount(scores) > settings.minFeatures()) {
        scores.set(alive[k], scores.get(alive[k]).drop(String.format(Locale.ROOT,
            "correlated %.4f with %s (lakeml.select.max-correlation %s)", worst, other,
            settings.maxCorrelation())));
      } else {
        keep.add(k);
      }
    }
  }

  private void embedded(Dataset<Row> data, String features, String label,
      List<FeatureScore> scores, Vector variance) {
    int[] alive = keptIndices(scores);
    if (alive.length <= settings.minFeatures()) {
      return;
    }
    Dataset<Row> sliced = slice(data, features, alive);
    double[] l1 = new double[alive.length];
    if (task.isClassification()) {
      LogisticRegressionModel m = new LogisticRegression().setFeaturesCol(SLICED)
          .setLabelCol(label).setElasticNetParam(1.0).setRegParam(0.01).setMaxIter(100)
          .fit(sliced);
      Matrix w = m.coefficientMatrix();
      for (int k = 0; k < alive.length; k++) {
        for (int c = 0; c < w.numRows(); c++) {
          l1[k] = Math.max(l1[k], Math.abs(w.apply(c, k)));
        }
      }
    } else {
      Vector w = new LinearRegression().setFeaturesCol(SLICED).setLabelCol(label)
          .setElasticNetParam(1.0).setRegParam(0.01).setMaxIter(100).fit(sliced).coefficients();
      for (int k = 0; k < alive.length; k++) {
        l1[k] = Math.abs(w.apply(k));
      }
    }
    for (int k = 0; k < alive.length; k++) {
      l1[k] *= Math.sqrt(variance.apply(alive[k]));
    }
    Vector tree = task.isClassification()
        ? new RandomForestClassifier().setFeaturesCol(SLICED).setLabelCol(label).setNumTrees(30)
            .setMaxDepth(6).setSeed(seed).fit(sliced).featureImportances()
        : new RandomForestRegressor().setFeaturesCol(SLICED).setLabelCol(label).setNumTrees(30)
            .setMaxDepth(6).setSeed(seed).fit(sliced).featureImportances();
    double[] treeValues = tree.toArray();
    double[] l1n = normalised(l1);
    double[] treen = normalised(treeValues);
    int parts = (sum(l1) > 0 ? 1 : 0) + (sum(treeValues) > 0 ? 1 : 0);
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < alive.length; k++) {
      double combined = parts == 0 ? 1.0 / alive.length : (l1n[k] + treen[k]) / parts;
      scores.set(alive[k], scores.get(alive[k]).withImportance(l1[k], treeValues[k], combined));
      order.add(k);
    }
    order.sort(Comparator.comparingDouble((Integer k) -> scores.get(alive[k]).importance())
        .reversed());
    double cumulative = 0;
    for (int rank = 0; rank < order.size(); rank++) {
      FeatureScore s = scores.get(alive[order.get(rank)]);
      if (cumulative >= settings.importanceShare() && rank >= settings.minFeatures()) {
        scores.set(s.index(), s.drop(String.format(Locale.ROOT, "embedded importance %.4f "
            + "outside the top %s share (lakeml.select.importance-share)", s.importance(),
            settings.importanceShare())));
      }
      cumulative += s.importance();
    }
  }

  private static Dataset<Row> slice(Dataset<Row> data, String features, int[] indices) {
    return new VectorSlicer().setInputCol(features).setOutputCol(SLICED).setIndices(indices)
        .transform(data);
  }

  private static String[] names(Dataset<Row> data, String features) {
    AttributeGroup group = AttributeGroup.fromStructField(data.schema().apply(features));
    int d = group.size() >= 0 ? group.size()
        : ((Vector) data.select(features).head().getAs(0)).size();
    String[] names = new String[d];
    Attribute[] attrs = group.attributes().isDefined() ? group.attributes().get() : null;
    for (int i = 0; i < d; i++) {
      names[i] = attrs != null && attrs[i].name().isDefined() ? attrs[i].name().get() : "f" + i;
    }
    return names;
  }

  private static Comparator<FeatureScore> byF() {
    return Comparator.comparingDouble(s -> s.fValue() == null ? -1 : s.fValue());
  }

  private static int keepCount(List<FeatureScore> scores) {
    return (int) scores.stream().filter(FeatureScore::kept).count();
  }

  private static int[] keptIndices(List<FeatureScore> scores) {
    return scores.stream().filter(FeatureScore::kept).mapToInt(FeatureScore::index).toArray();
  }

  private static double[] normalised(double[] values) {
    double total = sum(values);
    double[] out = new double[values.length];
    for (int i = 0; i < values.length && total > 0; i++) {
      out[i] = values[i] / total;
    }
    return out;
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += Double.isNaN(v) ? 0 : v;
    }
    return total;
  }

  private static Double finite(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
