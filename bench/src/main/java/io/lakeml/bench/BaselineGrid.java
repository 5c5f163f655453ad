package io.lakeml.bench;

import java.util.List;

/**
 * The hand-written baseline's two small grids: random forest numTrees x maxDepth and GBT
 * maxIter x maxDepth, each cross-validated on its own.
 */
public record BaselineGrid(List<Integer> forestTrees, List<Integer> forestDepths,
    List<Integer> gbtIterations, List<Integer> gbtDepths) {

  /** Issue 9's grids: RF {50, 100} trees x depth {5, 10}; GBT {20, 50} rounds x depth {3, 5}. */
  public static final BaselineGrid ISSUE_9 = new BaselineGrid(List.of(50, 100), List.of(5, 10),
      List.of(20, 50), List.of(3, 5));

  public BaselineGrid {
    forestTrees = List.copyOf(forestTrees);
    forestDepths = List.copyOf(forestDepths);
    gbtIterations = List.copyOf(gbtIterations);
    gbtDepths = List.copyOf(gbtDepths);
  }
}
