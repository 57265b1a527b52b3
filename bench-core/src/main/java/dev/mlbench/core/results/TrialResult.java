package dev.mlbench.core.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlbench.core.stats.SampleStatistics;

import java.util.List;
import java.util.Map;

/**
 * One row of a run's results.
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
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TrialResult(String track, String kernel, String backend, String group, String label,
                          Map<String, Object> params, Map<String, Object> workload, Status status, String reason,
                          List<Double> samplesNs, SampleStatistics stats, Metrics metrics, CorrectnessRecord correctness,
                          BaselineRecord baseline, List<Integer> sampleForks, List<String> forkStartedAt,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> backendDetails) {

    /** A row with its forks but without backend details. */
    public TrialResult(String track, String kernel, String backend, String group, String label,
                       Map<String, Object> params, Map<String, Object> workload, Status status, String reason,
                       List<Double> samplesNs, SampleStatistics stats, Metrics metrics, CorrectnessRecord correctness,
                       BaselineRecord baseline, List<Integer> sampleForks, List<String> forkStartedAt) {
        this(track, kernel, backend, group, label, params, workload, status, reason, samplesNs, stats, metrics, correctness, baseline,
                sampleForks, forkStartedAt, null);
    }

    /** A row without fork structure: not measured, or read from a file that did not record it. */
    public TrialResult(String track, String kernel, String backend, String group, String label,
                       Map<String, Object> params, Map<String, Object> workload, Status status, String reason,
                       List<Double> samplesNs, SampleStatistics stats, Metrics metrics, CorrectnessRecord correctness,
                       BaselineRecord baseline) {
        this(track, kernel, backend, group, label, params, workload, status, reason, samplesNs, stats, metrics, correctness, baseline,
                null, null, null);
    }

    /**
     * @param kernel  the baseline kernel
     * @param speedup the baseline's median time divided by this row's (above 1: faster than the baseline)
     */
    public record BaselineRecord(String kernel, double speedup) {
    }

    /** A copy with the fork of each sample and the start of each fork. */
    public TrialResult withForks(List<Integer> sampleForks, List<String> forkStartedAt) {
        return new TrialResult(track, kernel, backend, group, label, params, workload, status, reason, samplesNs, stats,
                metrics, correctness, baseline, sampleForks, forkStartedAt, backendDetails);
    }

    /** A copy compared with {@code baseline}. */
    public TrialResult withBaseline(BaselineRecord baseline) {
        return new TrialResult(track, kernel, backend, group, label, params, workload, status, reason, samplesNs, stats,
                metrics, correctness, baseline, sampleForks, forkStartedAt, backendDetails);
    }

    /** A copy with {@code details} as its backend details. */
    public TrialResult withBackendDetails(Map<String, Object> details) {
        return new TrialResult(track, kernel, backend, group, label, params, workload, status, reason, samplesNs, stats,
                metrics, correctness, baseline, sampleForks, forkStartedAt, details == null || details.isEmpty() ? null : Map.copyOf(details));
    }
}
