package io.lakeml.search;

import java.util.Optional;

/**
 * Where finished trials go as they end, and where a rerun of the same run finds them again:
 * a trial already recorded with the same number, family, parameters, seed and fraction is not
 * run a second time.
 */
public interface TrialLog {
  /** A log that records nothing. */
  TrialLog NONE = new TrialLog() {
    @Override
    public Optional<TrialResult> recorded(TrialSpec spec) {
      return Optional.empty();
    }

    @Override
    public void append(TrialResult result) {}
  };

  Optional<TrialResult> recorded(TrialSpec spec);

  /** Called from trial threads; implementations serialise their writes. */
  void append(TrialResult result);
}
