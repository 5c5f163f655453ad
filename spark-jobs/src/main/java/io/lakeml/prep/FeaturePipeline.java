package io.lakeml.prep;

import io.lakeml.config.PrepSettings;
import io.lakeml.config.Task;
import io.lakeml.intake.IntakeResult;
import io.lakeml.intake.LabelInfo;
import io.lakeml.select.FeatureSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructType;

/**
 * The preprocessing stages, chosen from intake's semantic types, fitted inside each fold (and on
 * all training rows for the final model) and saved with the model, so scoring repeats them
 * exactly. Numbers: median imputation. Dates: year, month, day of week, hour (timestamps) and days
 * since 1970, then imputed. Categories: index + one-hot, nulls and unseen values in their own
 * bucket; high-cardinality ones are target encoded (binary, regression) or keep their most
 * frequent values and put the rest in "other". Numbers with nulls get a 0/1 missing indicator.
 * Text: words, hashed (1024) and IDF-weighted. One assembled {@link #FEATURES} vector.
 */
public final class FeaturePipeline {
  public static final String FEATURES = "_lakeml_features";
  static final String OTHER = "__other__";
  static final int TEXT_FEATURES = 1024;

  private FeaturePipeline() {}

  /** The assembled vector before selection, when a selector follows. */
  public static final String ALL_FEATURES = "_lakeml_features_all";

  /**
   * The stages for this intake; with a selector (output {@link #FEATURES}) the assembler writes
   * {@link #ALL_FEATURES} and the selector keeps the chosen slots.
   */
  public static Pipeline build(IntakeResult intake, PrepSettings prep,
      Optional<FeatureSelector> selector) {
    StructType schema = intake.data().schema();
    List<PipelineStage> stages = new ArrayList<>();
    List<String> derived = new ArrayList<>();
    List<String> numeric = new ArrayList<>(intake.numericFeatures());
    List<String> categorical = new ArrayList<>();
    List<String> targetEncoded = new ArrayList<>();
    List<String> text = new ArrayList<>();
    List<String> indicators = new ArrayList<>();

    if (prep.missingIndicators()) {
      for (String c : intake.numericFeatures()) {
        if (intake.profile(c).stats().nulls() > 0) {
          addDerived(derived, indicators, "IF(" + q(c) + " IS NULL OR isnan(CAST(" + q(c)
              + " AS DOUBLE)), 1.0, 0.0)", c + "__missing");
        }
      }
    }

    for (String c : intake.datetimeFeatures()) {
      boolean date = schema.apply(c).dataType() instanceof DateType;
      addDerived(derived, numeric, "year(" + q(c) + ")", c + "__year");
      addDerived(derived, numeric, "month(" + q(c) + ")", c + "__month");
      addDerived(derived, numeric, "dayofweek(" + q(c) + ")", c + "__dow");
      if (!date) {
        addDerived(derived, numeric, "hour(" + q(c) + ")", c + "__hour");
      }
      addDerived(derived, numeric, "datediff(to_date(" + q(c) + "), DATE'1970-01-01')",
          c + "__days");
    }
    for (String c : intake.categoricalFeatures()) {
      DataType t = schema.apply(c).dataType();
      if (t instanceof BooleanType) {
        addDerived(derived, categorical, "CAST(" + q(c) + " AS STRING)", c + "__str");
      } else {
        categorical.add(c);
      }
    }
    boolean encode = prep.targetEncoding() && intake.label().task() != Task.MULTICLASS;
    for (String c : intake.highCardinalityFeatures()) {
      if (encode) {
        addDerived(derived, targetEncoded, "CAST(" + q(c) + " AS STRING)", c + "__str");
        continue;
      }
      List<String> kept = intake.keptValues().getOrDefault(c, List.of());
      String in = kept.isEmpty() ? "FALSE" : "CAST(" + q(c) + " AS STRING) IN ("
          + String.join(", ", kept.stream().map(FeaturePipeline::literal).toList()) + ")";
      addDerived(derived, categorical, "CASE WHEN " + q(c) + " IS NULL THEN NULL WHEN " + in
          + " THEN CAST(" + q(c) + " AS STRING) ELSE '" + OTHER + "' END", c + "__top");
    }
    for (String c : intake.textFeatures()) {
      addDerived(derived, text, "COALESCE(" + q(c) + ", '')", c + "__text");
    }
    if (!derived.isEmpty()) {
      stages.add(new SQLTransformer().setStatement("SELECT *, " + String.join(", ", derived)
          + " FROM __THIS__"));
    }

    List<String> assembled = new ArrayList<>(indicators);
    if (prep.clipQuantile() > 0 && !intake.numericFeatures().isEmpty()) {
      stages.add(new QuantileClipper(intake.numericFeatures(), prep.clipQuantile()));
      for (String c : intake.numericFeatures()) {
        numeric.set(numeric.indexOf(c), QuantileClipper.output(c));
      }
    }
    if (!numeric.isEmpty()) {
      String[] imputed = numeric.stream().map(c -> c + "__imputed").toArray(String[]::new);
      stages.add(new Imputer().setStrategy("median")
          .setInputCols(numeric.toArray(String[]::new)).setOutputCols(imputed));
      assembled.addAll(List.of(imputed));
    }
    if (!categorical.isEmpty()) {
      String[] indexed = categorical.stream().map(c -> c + "__idx").toArray(String[]::new);
      String[] encoded = categorical.stream().map(c -> c + "__ohe").toArray(String[]::new);
      stages.add(new StringIndexer().setHandleInvalid("keep").setStringOrderType("frequencyDesc")
          .setInputCols(categorical.toArray(String[]::new)).setOutputCols(indexed));
      stages.add(new OneHotEncoder().setHandleInvalid("keep").setDropLast(true)
          .setInputCols(indexed).setOutputCols(encoded));
      assembled.addAll(List.of(encoded));
    }
    if (!targetEncoded.isEmpty()) {
      String[] indexed = targetEncoded.stream().map(c -> c + "__idx").toArray(String[]::new);
      String[] raw = targetEncoded.stream().map(c -> c + "__te_raw").toArray(String[]::new);
      String[] encoded = targetEncoded.stream().map(c -> c + "__te").toArray(String[]::new);
      stages.add(new StringIndexer().setHandleInvalid("keep")
          .setInputCols(targetEncoded.toArray(String[]::new)).setOutputCols(indexed));
      stages.add(new SchemaDeclaringTargetEncoder().setInputCols(indexed).setOutputCols(raw)
          .setLabelCol(LabelInfo.INDEXED).setHandleInvalid("keep")
          .setTargetType(intake.label().task() == Task.REGRESSION ? "continuous" : "binary")
          .setSmoothing(prep.targetEncodingSmoothing()));
      // Spark's encoder copies the indexer's nominal metadata to its numeric output: assembled
      // as is, trees take the slot for a categorical of hundreds of values and fail (maxBins).
      // A computed column carries no metadata.
      List<String> plain = new ArrayList<>();
      for (int i = 0; i < raw.length; i++) {
        plain.add("CAST(" + q(raw[i]) + " AS DOUBLE) AS " + q(encoded[i]));
      }
      stages.add(new SQLTransformer().setStatement("SELECT *, " + String.join(", ", plain)
          + " FROM __THIS__"));
      assembled.addAll(List.of(encoded));
    }
    for (String c : text) {
      stages.add(new RegexTokenizer().setInputCol(c).setOutputCol(c + "__words")
          .setPattern("\\W+").setMinTokenLength(2).setToLowercase(true));
      stages.add(new HashingTF().setInputCol(c + "__words").setOutputCol(c + "__tf")
          .setNumFeatures(TEXT_FEATURES));
      stages.add(new IDF().setInputCol(c + "__tf").setOutputCol(c + "__tfidf").setMinDocFreq(2));
      assembled.add(c + "__tfidf");
    }
    stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new))
        .setOutputCol(selector.isPresent() ? ALL_FEATURES : FEATURES).setHandleInvalid("keep"));
    selector.ifPresent(stages::add);
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  private static void addDerived(List<String> derived, List<String> into, String expr,
      String name) {
    derived.add(expr + " AS " + q(name));
    into.add(name);
  }

  /** A column name quoted for Spark SQL. */
  static String q(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** A string literal for Spark SQL. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
