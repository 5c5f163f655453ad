package io.lakeml.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Successive halving on data size. A bracket draws eta^(R-1) configurations and fits them on the
 * smallest sample (fraction eta^-(R-1), at least min-fraction); once the whole rung has finished,
 * the best 1/eta go up a rung with eta times the rows, up to all rows. Samples are nested and
 * deterministic (a stored per-row draw), validation rows are always whole. Promotions depend on
 * the rung's results only, so they are reproducible whatever order trials finish in.
 */
public final class Halving {
  private final List<Double> fractions;
  private final int eta;
  private final List<Integer> rungNumbers = new ArrayList<>();
  private List<TrialSpec> promoted = new ArrayList<>();
  private int rung;
  private int launchedInRung;

  public Halving(double minFraction, int eta) {
    this.eta = eta;
    int rungs = 1 + (int) Math.floor(Math.log(1 / minFraction) / Math.log(eta) + 1e-9);
    List<Double> f = new ArrayList<>();
    for (int r = 0; r < rungs; r++) {
      f.add(Math.pow(eta, r - (rungs - 1)));
    }
    this.fractions = List.copyOf(f);
  }

  /** Sample fractions of the rungs, smallest first, ending at 1. */
  public List<Double> fractions() {
    return fractions;
  }

  /** Configurations a rung starts with. */
  int rungSize(int r) {
    return (int) Math.pow(eta, fractions.size() - 1 - r);
  }

  TrialProposer.Next next(int number, Map<Integer, TrialResult> visible,
      Map<Integer, TrialResult> finished, TrialProposer proposer) {
    int size = rung == 0 ? rungSize(0) : promoted.size();
    if (launchedInRung < size) {
      TrialSpec spec;
      if (rung == 0) {
        Optional<TrialSpec> drawn = proposer.draw(number, visible, fractions.get(0));
        if (drawn.isEmpty()) {
          if (rungNumbers.isEmpty()) {
            return new TrialProposer.Next.Done();
          }
          return promote(finished, proposer, number, visible);
        }
        spec = drawn.get();
      } else {
        TrialSpec p = promoted.get(launchedInRung);
        spec = proposer.spec(number, p.family(), p.params(), fractions.get(rung));
      }
      launchedInRung++;
      rungNumbers.add(number);
      return new TrialProposer.Next.Launch(spec);
    }
    return promote(finished, proposer, number, visible);
  }

  private TrialProposer.Next promote(Map<Integer, TrialResult> finished, TrialProposer proposer,
      int number, Map<Integer, TrialResult> visible) {
    if (!finished.keySet().containsAll(rungNumbers)) {
      Set<Integer> wait = new LinkedHashSet<>(rungNumbers);
      wait.removeAll(finished.keySet());
      return new TrialProposer.Next.Await(wait);
    }
    List<TrialResult> rungResults = rungNumbers.stream().map(finished::get)
        .filter(TrialResult::succeeded)
        .sorted(Comparator.comparingDouble(proposer::loss)
            .thenComparingInt(r -> r.spec().number()))
        .toList();
    rungNumbers.clear();
    launchedInRung = 0;
    if (rung == fractions.size() - 1 || rungResults.isEmpty()) {
      rung = 0;
      promoted = new ArrayList<>();
      return next(number, visible, finished, proposer);
    }
    int keep = Math.max(1, (int) Math.ceil(rungResults.size() / (double) eta));
    promoted = rungResults.subList(0, keep).stream().map(TrialResult::spec).toList();
    rung++;
    return next(number, visible, finished, proposer);
  }

  @Override
  public String toString() {
    Map<String, Object> d = new HashMap<>();
    d.put("fractions", fractions);
    d.put("eta", eta);
    return "halving " + d;
  }
}
