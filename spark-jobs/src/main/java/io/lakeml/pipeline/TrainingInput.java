package io.lakeml.pipeline;

import io.lakeml.config.InputSettings;
import io.lakeml.config.Settings;
import io.lakeml.features.TrainingSet;
import io.lakeml.features.TrainingSets;
import io.lakeml.lake.DeltaReader;
import io.lakeml.lake.PinnedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * What a run trains on: lakeml.input read at one pinned Delta version, or, with
 * lakeml.input.features, the point-in-time training set built from those label events and the
 * feature store. In that case the entity keys and the event time are excluded from the features,
 * and the training set is cached (every pass of the intake would otherwise redo the as-of joins)
 * until {@link #release()}.
 *
 * @param table the pinned input; its data is the training set when one was built
 * @param input lakeml.input as the intake applies it
 * @param set   the training set (feature columns, keys, feature table versions), if any
 */
public record TrainingInput(PinnedTable table, InputSettings input, Optional<TrainingSet> set) {

  public static TrainingInput read(SparkSession spark, Settings settings) {
    PinnedTable labels = new DeltaReader(spark).read(settings.input().tableRef());
    if (settings.trainingSet().spec().isEmpty()) {
      return new TrainingInput(labels, settings.input(), Optional.empty());
    }
    TrainingSet set = new TrainingSets(spark, settings.featureStore().store())
        .build(labels.data(), labels.ref().describe(), settings.trainingSet().spec().get());
    List<String> notFeatures = new ArrayList<>(set.keyColumns());
    notFeatures.add(settings.trainingSet().eventTime());
    return new TrainingInput(new PinnedTable(labels.ref(), labels.version(),
        set.data().persist(StorageLevel.MEMORY_AND_DISK())),
        settings.input().excluding(notFeatures), Optional.of(set));
  }

  /** Drops the cached training set (nothing to do for a plain table). */
  public void release() {
    if (set.isPresent()) {
      table.data().unpersist();
    }
  }
}
