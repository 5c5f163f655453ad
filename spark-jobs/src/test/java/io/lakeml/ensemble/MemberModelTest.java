package io.lakeml.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.Task;
import io.lakeml.intake.LabelInfo;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.search.ModelContext;
import io.lakeml.search.ModelFamily;
import io.lakeml.search.Outputs;
import io.lakeml.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fitted model renamed as an ensemble member writes only the member's columns, so it sits
 * beside the standard model in one pipeline, and scores exactly as the standard model: a plain
 * model, a pipeline with a scaler (factorization machine) and the calibrated one-vs-rest GBT
 * (its margins and inner prediction are scratch columns too).
 */
@ExtendWith(SparkTest.class)
class MemberModelTest {
  @Test
  void aRenamedModelWritesOnlyTheMembersColumnsAndScoresTheSame() {
    Dataset<Row> binary = data("IF(u + v + 0.2 * rand(3) > 1.1, 1.0, 0.0)");
    Dataset<Row> three = data("CAST(FLOOR(u * 2 + v) AS DOUBLE)");
    ModelContext two = new ModelContext(Task.BINARY, 2, false);
    check(binary, two, ModelFamily.LOGISTIC_REGRESSION, Map.of("regParam", 0.01, "maxIter", 20));
    check(binary, two, ModelFamily.FM, Map.of("factorSize", 2, "maxIter", 10));
    check(three, new ModelContext(Task.MULTICLASS, 3, false), ModelFamily.GBT,
        Map.of("maxIter", 5, "maxDepth", 2));
  }

  private static void check(Dataset<Row> rows, ModelContext ctx, ModelFamily family,
      Map<String, Object> params) {
    Transformer standard = (Transformer) family.estimator(ctx, params, 3, Outputs.STANDARD)
        .fit(rows);
    Outputs member = Outputs.member(1);
    Transformer renamed = MemberModel.of(standard, member).orElseThrow();
    Dataset<Row> alone = standard.transform(rows);
    Dataset<Row> both = renamed.transform(alone);
    List<String> added = new ArrayList<>(List.of(both.columns()));
    added.removeAll(List.of(alone.columns()));
    assertTrue(added.contains(member.probability()), family + " wrote " + added);
    assertTrue(added.stream().allMatch(c -> c.startsWith("_lakeml_m1_")),
        family + " as member 1 wrote " + added);
    for (Row r : both.select("probability", member.probability()).collectAsList()) {
      assertEquals(r.get(0), r.get(1), family.id());
    }
  }

  private static Dataset<Row> data(String label) {
    Dataset<Row> raw = SparkTest.spark().sql("SELECT u, v, " + label + " AS " + LabelInfo.INDEXED
        + " FROM (SELECT id, rand(1) u, rand(2) v FROM range(0, 400))");
    return new VectorAssembler().setInputCols(new String[] {"u", "v"})
        .setOutputCol(FeaturePipeline.FEATURES).transform(raw);
  }
}
