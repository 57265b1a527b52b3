package dev.mlbench.core.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.stats.SampleStatistics;

import java.util.List;
import java.util.Map;

/**
 * One row of a run's results. Made by what became of the trial: {@link #measured}, {@link #skipped},
 * {@link #invalid} or {@link #failed}, each for a {@link Subject}, the trial the row is about.
 *
 * @param track       track name
 * @param kernel      kernel name
 * @param backend     backend name
 * @param group       workload group from the definition
 * @param label       short workload label for tables
 * @param params      kernel tunable values (plus {@code threads})
 * @param workload    workload parameter values
 * @param status      what became of the trial
 * @param reason      why it was skipped, invalid or failed; null when measured
 * @param samplesNs   per-iteration ns/op, when measured
 * @param stats       statistics of the samples, when measured
 * @param metrics     derived throughput, when measured
 * @param correctness the correctness check, when the kernel produced output
 * @param baseline    this row against the definition's baseline kernel on the same workload and thread count in
 *                    the same run; null when the definition names none or no such baseline row was measured
 * @param sampleForks    for each of {@code samplesNs}, the 0-based index of the JMH fork (JVM) that measured it, in
 *                       run order; null when not measured, and in files of schema 1 and 2, which did not record forks
 * @param forkStartedAt  the ISO-8601 instant each fork started, indexed by fork; null as {@code sampleForks} is
 * @param backendDetails what the backend reported about itself in the JVM that checked the kernel (the core a native
 *                    library chose, and a {@code warning} when that core is narrower than the CPU allows); omitted when
 *                    the backend reports nothing
 * @param cache       the memory level the row's group asked for, whatever became of the row (part of its identity in
 *                    compare and baselines); null in files older than the field, where a measured row's metrics say it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TrialResult(String track, String kernel, String backend, String group, String label,
                          Map<String, Object> params, Map<String, Object> workload, Status status, String reason,
                          List<Double> samplesNs, SampleStatistics stats, Metrics metrics, CorrectnessRecord correctness,
                          BaselineRecord baseline, List<Integer> sampleForks, List<String> forkStartedAt,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> backendDetails,
                          @JsonInclude(JsonInclude.Include.NON_NULL) CacheState cache) {

    /**
     * What a row is about, whatever became of it: the trial's track, kernel and backend, its workload group and label,
     * the kernel's parameters (with {@code threads}), the workload's values and the memory level the group asked for
     * (null where unknown).
     */
    public record Subject(String track, String kernel, String backend, String group, String label, Map<String, Object> params,
                          Map<String, Object> workload, CacheState cache) {

        /** A subject whose memory level is not known (rows of files older than the field). */
        public Subject(String track, String kernel, String backend, String group, String label, Map<String, Object> params,
                       Map<String, Object> workload) {
            this(track, kernel, backend, group, label, params, workload, null);
        }
    }

    /** A measured row: its samples with the fork of each and each fork's start, their statistics and derived metrics. */
    public static TrialResult measured(Subject s, List<Double> samplesNs, List<Integer> sampleForks, List<String> forkStartedAt,
                                       SampleStatistics stats, Metrics metrics, CorrectnessRecord correctness) {
        return of(s, Status.MEASURED, null, samplesNs, stats, metrics, correctness, sampleForks, forkStartedAt);
    }

    /** A trial not run, and why (its backend is unavailable here, its kernel refuses the workload...). */
    public static TrialResult skipped(Subject s, String reason) {
        return of(s, Status.SKIPPED, reason, null, null, null, null, null, null);
    }

    /** A kernel whose output disagrees with the reference, by the check in {@code correctness}. */
    public static TrialResult invalid(Subject s, String reason, CorrectnessRecord correctness) {
        return of(s, Status.INVALID, reason, null, null, null, correctness, null, null);
    }

    /** A trial that could not be checked or measured; {@code correctness} is its passed check when only the measurement failed. */
    public static TrialResult failed(Subject s, String reason, CorrectnessRecord correctness) {
        return of(s, Status.FAILED, reason, null, null, null, correctness, null, null);
    }

    private static TrialResult of(Subject s, Status status, String reason, List<Double> samplesNs, SampleStatistics stats, Metrics metrics,
                                  CorrectnessRecord correctness, List<Integer> sampleForks, List<String> forkStartedAt) {
        return new TrialResult(s.track(), s.kernel(), s.backend(), s.group(), s.label(), s.params(), s.workload(), status, reason,
                samplesNs, stats, metrics, correctness, null, sampleForks, forkStartedAt, null, s.cache());
    }

    /** What this row is about. */
    public Subject subject() {
        return new Subject(track, kernel, backend, group, label, params, workload, cache);
    }

    /**
     * @param kernel  the baseline kernel
     * @param speedup the baseline's median time divided by this row's (above 1: faster than the baseline)
     */
    public record BaselineRecord(String kernel, double speedup) {
    }

    /** A copy compared with {@code baseline}. */
    public TrialResult withBaseline(BaselineRecord baseline) {
        return new TrialResult(track, kernel, backend, group, label, params, workload, status, reason, samplesNs, stats,
                metrics, correctness, baseline, sampleForks, forkStartedAt, backendDetails, cache);
    }

    /** A copy with {@code details} as its backend details. */
    public TrialResult withBackendDetails(Map<String, Object> details) {
        return new TrialResult(track, kernel, backend, group, label, params, workload, status, reason, samplesNs, stats,
                metrics, correctness, baseline, sampleForks, forkStartedAt, details == null || details.isEmpty() ? null : Map.copyOf(details),
                cache);
    }
}
