package io.lakeml.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class ModelStoreTest {
  @TempDir
  Path dir;

  private static PipelineModel model(String statement) {
    return new Pipeline().setStages(new PipelineStage[] {
        new SQLTransformer().setStatement(statement)}).fit(SparkTest.spark().range(1).toDF());
  }

  @Test
  void saveReplacesThePreviousFolderAndLeavesNoStaging() throws IOException {
    String target = dir.resolve("models/m/run1").toString();
    ModelStore store = new ModelStore(SparkTest.spark());
    store.save(target, model("SELECT id, 1 AS v FROM __THIS__"), Map.of("provenance.json", "{1}"));
    store.save(target, model("SELECT id, 2 AS v FROM __THIS__"), Map.of("provenance.json", "{2}"));
    assertEquals("{2}", Files.readString(Path.of(target, "provenance.json")));
    PipelineModel loaded = PipelineModel.load(ModelStore.modelPath(target));
    assertEquals(2, loaded.transform(SparkTest.spark().range(1).toDF()).head().getInt(1));
    try (Stream<Path> siblings = Files.list(dir.resolve("models/m"))) {
      assertEquals(java.util.List.of("run1"),
          siblings.map(p -> p.getFileName().toString()).toList());
    }
    assertTrue(Files.isDirectory(Path.of(target, "model")));
  }
}
