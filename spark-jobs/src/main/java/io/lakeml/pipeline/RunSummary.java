package io.lakeml.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One row of automl/runs: what was read, what won, where the model is, what built it. */
public record RunSummary(String runId, String name, String status, Instant startedAt,
    Instant finishedAt, String inputRef, long inputVersion, String label, String task,
    List<String> classes, long rowsRead, long rowsDroppedNullLabel, long rowsTrain,
    long rowsHoldout, int folds, String metric, String bestTrialId, String bestFamily,
    String bestParamsJson, double cvMean, double cvStd, Map<String, Double> holdoutMetrics,
    String modelPath, long seed, String gitSha, String lakemlVersion, String sparkVersion,
    String configJson) {}
