package io.lakeml.pipeline;

import io.lakeml.ensemble.StackedEnsemble;
import io.lakeml.search.TrialResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A leaderboard entry: the best trial of a family, or the stacked ensemble. */
record Candidate(String id, String family, String paramsJson, List<Double> foldMetrics,
    double mean, double std, double fitSeconds, double predictSeconds, TrialResult single,
    StackedEnsemble.Cv ensemble) {

  static Candidate of(TrialResult r) {
    return new Candidate(r.spec().id(), r.spec().family().id(), r.spec().paramsJson(),
        r.foldMetrics(), r.mean(), r.std(), r.fitSeconds(), r.predictSeconds(), r, null);
  }

  static Candidate of(StackedEnsemble.Cv cv) {
    return new Candidate("ensemble", StackedEnsemble.ID, cv.paramsJson(), cv.foldMetrics(),
        cv.mean(), cv.std(), cv.fitSeconds(), cv.predictSeconds(), null, cv);
  }

  String describe() {
    return single != null ? single.spec().id() + " " + single.spec().describe()
        : ensemble.describe();
  }

  /** For provenance: the trial (or each member) with family, parameters and seed. */
  Map<String, Object> modelDoc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("trial_id", id);
    doc.put("family", family);
    if (single != null) {
      doc.put("params", single.spec().params());
      doc.put("seed", single.spec().seed());
    } else {
      doc.put("members", ensemble.members().stream().map(m -> {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("trial_id", m.spec().id());
        member.put("family", m.spec().family().id());
        member.put("params", m.spec().params());
        member.put("seed", m.spec().seed());
        return member;
      }).toList());
    }
    return doc;
  }
}
