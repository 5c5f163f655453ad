package io.lakeml.search;

import io.lakeml.config.LakemlException;
import io.lakeml.config.RunSettings;
import io.lakeml.config.SearchSettings;
import io.lakeml.evaluate.Metric;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which configured families a problem can use, and a check of every space and portfolio entry
 * (by building the estimator) before any data is touched, with errors that name the key. */
final class FamilyCheck {
  private static final Logger LOG = LoggerFactory.getLogger(FamilyCheck.class);

  private FamilyCheck() {}

  static List<ModelFamily> families(SearchSettings settings, ModelContext ctx, Metric metric) {
    for (String id : settings.spaces().keySet()) {
      ModelFamily.byId(id).orElseThrow(() -> TrialProposer.unknownFamily(
          "lakeml.search.space." + id, id));
    }
    for (String id : settings.portfolio().keySet()) {
      ModelFamily.byId(id).orElseThrow(() -> TrialProposer.unknownFamily(
          "lakeml.search.portfolio." + id, id));
    }
    List<ModelFamily> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String id : settings.families()) {
      ModelFamily family = ModelFamily.byId(id).orElseThrow(() -> TrialProposer.unknownFamily(
          "lakeml.search.families", id));
      if (out.contains(family)) {
        continue;
      }
      if (!family.supports(ctx.task(), ctx.numClasses())
          || (metric == Metric.LOG_LOSS && !family.probabilistic(ctx.task()))) {
        skipped.add(id);
        continue;
      }
      out.add(family);
    }
    if (!skipped.isEmpty()) {
      LOG.info("Families skipped for a {} task ({} classes, metric {}): {}", ctx.task().id(),
          ctx.numClasses(), metric.id(), skipped);
    }
    if (out.isEmpty()) {
      throw LakemlException.invalid("lakeml.search.families", settings.families(),
          "none of these families fits a " + ctx.task().id() + " task with metric " + metric.id());
    }
    return List.copyOf(out);
  }

  static void validate(List<ModelFamily> families, Map<ModelFamily, SearchSpace> spaces,
      Deque<Map.Entry<ModelFamily, Map<String, Object>>> portfolio, ModelContext ctx,
      RunSettings run) {
    Random rng = new Random(run.seedFor("search.validate"));
    for (ModelFamily f : families) {
      try {
        for (int i = 0; i < 3; i++) {
          f.estimator(ctx, spaces.get(f).sample(rng), 1, Outputs.STANDARD);
        }
      } catch (IllegalArgumentException e) {
        throw new LakemlException("Invalid lakeml.search.space." + f.id() + ": "
            + e.getMessage(), e);
      }
    }
    for (Map.Entry<ModelFamily, Map<String, Object>> p : portfolio) {
      try {
        p.getKey().estimator(ctx, p.getValue(), 1, Outputs.STANDARD);
      } catch (IllegalArgumentException e) {
        throw new LakemlException("Invalid lakeml.search.portfolio." + p.getKey().id() + ": "
            + p.getValue() + ": " + e.getMessage(), e);
      }
    }
  }
}
