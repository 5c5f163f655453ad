package io.lakeml.search;

import java.util.Arrays;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A multilayer perceptron whose input layer is sized from the data when it is fitted (the width
 * of the feature vector depends on the fold's encodings), so a search space only names the hidden
 * layers. Its layers param holds 1 as the input size until then (always replaced at fit). Fitting gives Spark's own model,
 * which saves and loads as usual.
 */
public class SizedPerceptron extends MultilayerPerceptronClassifier {

  public SizedPerceptron(String uid) {
    super(uid);
  }

  /** hidden: layer widths separated by commas, e.g. "64,32". */
  static SizedPerceptron create(String hidden, int numClasses) {
    String[] parts = hidden.trim().split("\\s*,\\s*");
    int[] layers = new int[parts.length + 2];
    layers[0] = 1;
    for (int i = 0; i < parts.length; i++) {
      try {
        layers[i + 1] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(ModelFamily.HIDDEN_LAYERS + " must be layer widths "
            + "separated by commas, e.g. \"64,32\"; got \"" + hidden + "\"");
      }
      if (layers[i + 1] < 1) {
        throw new IllegalArgumentException(ModelFamily.HIDDEN_LAYERS + " widths must be >= 1; got "
            + "\"" + hidden + "\"");
      }
    }
    layers[layers.length - 1] = numClasses;
    SizedPerceptron mlp = new SizedPerceptron(Identifiable$.MODULE$.randomUID("lakemlMlp"));
    mlp.setLayers(layers);
    return mlp;
  }

  @Override
  public MultilayerPerceptronClassificationModel fit(Dataset<?> dataset) {
    int[] layers = getLayers().clone();
    layers[0] = inputSize(dataset);
    MultilayerPerceptronClassifier plain = copyValues(new MultilayerPerceptronClassifier(uid()),
        ParamMap.empty());
    plain.setLayers(layers);
    return plain.fit(dataset);
  }

  private int inputSize(Dataset<?> dataset) {
    int size = AttributeGroup.fromStructField(dataset.schema().apply(getFeaturesCol())).size();
    if (size > 0) {
      return size;
    }
    Row first = dataset.select(getFeaturesCol()).head();
    return ((Vector) first.get(0)).size();
  }

  @Override
  public String toString() {
    return "SizedPerceptron(layers=" + Arrays.toString(getLayers()) + ")";
  }
}
