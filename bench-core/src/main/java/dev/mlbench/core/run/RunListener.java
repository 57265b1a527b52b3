package dev.mlbench.core.run;

import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.results.TrialResult;

/** Hears about a run's progress; the CLI renders it as a progress line. */
public interface RunListener {

    /** Trial {@code index} (1-based) of {@code total} starts the given phase ("checking", "measuring"). */
    default void phase(int index, int total, Trial trial, String phase) {
    }

    /** An iteration of the measuring phase began. */
    default void iteration(int index, int total, Trial trial, int fork, int forks, boolean warmup, int iteration, int iterations) {
    }

    /** Trial {@code index} finished with {@code result}, already written to the results file. */
    default void finished(int index, int total, TrialResult result) {
    }

    /** Something the user must hear at once, e.g. that the results went to another file than the one announced. */
    default void notice(String message) {
    }
}
