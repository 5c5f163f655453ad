package io.lakeml.search;

/**
 * What runs trials for the {@link SearchEngine}: one trial at a time per calling thread, and a
 * way to stop a trial that is running (the engine stops the trials in flight once the time
 * budget is spent).
 */
@FunctionalInterface
public interface TrialRunner {
  /** Runs the trial to its end; a trial that fails or is stopped is a failed result. */
  TrialResult apply(TrialSpec spec);

  /**
   * Asks the running trial {@code spec} to stop: unless its last fold is already scored, it then
   * ends soon as a stopped trial ({@link TrialResult#stopped}) with the reason. Called from
   * another thread. Returns whether the trial was running and is now asked to stop (false, e.g.,
   * when it has not started yet: the engine asks again). By default a trial cannot be stopped
   * and runs to its end.
   */
  default boolean stop(TrialSpec spec, String reason) {
    return false;
  }
}
