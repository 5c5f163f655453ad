package io.lakeml.select;

import java.util.List;

/** The outcome of selection on one data set: the slots kept, and every slot's scores. */
public record Selection(int[] kept, List<FeatureScore> scores) {
  public Selection {
    kept = kept.clone();
    scores = List.copyOf(scores);
  }

  public int[] kept() {
    return kept.clone();
  }
}
