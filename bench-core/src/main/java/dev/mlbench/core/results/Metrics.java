package dev.mlbench.core.results;

import java.util.Map;

/**
 * Throughput and cost derived from a trial's median time and the track's work model, plus what the JMH
 * profilers and the kernel reported.
 *
 * @param ops              operations per call (work model), counted in {@code opUnit}
 * @param opUnit           {@code flop}, {@code int_op} or {@code binary_op}
 * @param bytes            minimum bytes moved per operation (work model)
 * @param roof             the calibrated bandwidth {@code bytes} is compared with: {@code memory} or {@code disk}
 * @param gops             10^9 operations (of {@code opUnit}) per second at the median time
 * @param gflops           the same as {@code gops} when the unit is {@code flop}, else null
 * @param gbps             GB/s (10^9 bytes) at the median time
 * @param pctOfPeak        gflops as a percentage of the calibrated FP32 peak; null when not calibrated or not FLOPs
 * @param pctOfBandwidth   gbps as a percentage of the calibrated bandwidth of {@code roof}, or null when not calibrated
 * @param allocBytesPerOp  heap bytes allocated per operation (JMH's GC profiler), or null when not reported
 * @param energyJ          joules per operation over every counted energy domain, or null when energy could not be measured
 * @param avgWatts         average power of those domains while measuring, or null
 * @param gopsPerJoule     10^9 operations per joule ({@code ops / energyJ / 1e9}: GFLOP/J for FLOPs), or null
 * @param energyDomains    joules per operation of each domain ({@code rapl.package-0}, {@code rapl.dram}, {@code nvml.gpu0}...)
 * @param energySource     how energy was measured and what it includes, or "unavailable: reason"
 * @param extra            figures the kernel reported about itself ({@code Prepared.metrics()}) and means of its
 *                         per-operation iteration counters, by name
 * @param cache            the memory level the row's group asked for: {@code cold} (every call on evicted operands), or
 *                         {@code warm} (operands where the last call left them); null in files older than the field.
 *                         A row above {@link #IN_CACHE_PCT} of its roof's bandwidth has no {@code pctOfBandwidth},
 *                         whatever it asked for
 * @param workingSetBytes  the bytes the row's calls cycle through: {@code bytes} for a warm row, times the copies of the
 *                         operands a cold row rotates through; null in files older than the field
 */
public record Metrics(double ops, String opUnit, double bytes, String roof, double gops, Double gflops, double gbps,
                      Double pctOfPeak, Double pctOfBandwidth, Double allocBytesPerOp, Double energyJ, Double avgWatts,
                      Double gopsPerJoule, Map<String, Double> energyDomains, String energySource, Map<String, Double> extra,
                      String cache, Double workingSetBytes) {

    /**
     * Above this share of its roof's calibrated bandwidth a row cannot be reading that memory level: it is in a cache,
     * and is shown as such rather than as a share of DRAM or disk.
     */
    public static final double IN_CACHE_PCT = 110;
}
