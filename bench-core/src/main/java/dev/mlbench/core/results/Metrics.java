package dev.mlbench.core.results;

/**
 * Throughput and cost derived from a trial's median time and the track's work model.
 *
 * @param flops          FLOPs per operation (work model)
 * @param bytes          minimum bytes moved per operation (work model)
 * @param gflops         GFLOP/s at the median time
 * @param gbps           GB/s (10^9 bytes) at the median time
 * @param pctOfPeak      gflops as a percentage of the calibrated FP32 peak, or null when not calibrated
 * @param pctOfBandwidth gbps as a percentage of the calibrated memory bandwidth, or null when not calibrated
 * @param energyJ        joules per operation, or null when energy could not be measured
 * @param energySource   how energy was measured, or "unavailable: reason"
 */
public record Metrics(double flops, double bytes, double gflops, double gbps, Double pctOfPeak, Double pctOfBandwidth,
                      Double energyJ, String energySource) {
}
