package dev.mlbench.core.calibrate;

/**
 * This host's measured limits, which turn throughput into a percentage of what the machine can do.
 *
 * @param peakGflops        FP32 FMA peak over all threads
 * @param memBandwidthGbps  STREAM-triad bandwidth over all threads (10^9 bytes/s)
 * @param diskWriteGbps     sequential write bandwidth with fsync, in the cache folder's file system
 * @param measuredAt        ISO-8601 time of measurement
 * @param threads           threads used
 * @param peakMethod        how the peak was measured
 * @param hostKey           the fingerprint of the host and JVM this was measured on
 */
public record Calibration(Double peakGflops, double memBandwidthGbps, double diskWriteGbps, String measuredAt,
                         int threads, String peakMethod, String hostKey) {

    /** The calibrated bandwidth (10^9 bytes/s) that work against {@code roof} is compared with. */
    public double bandwidthGbps(dev.mlbench.core.spi.Work.Roof roof) {
        return roof == dev.mlbench.core.spi.Work.Roof.DISK ? diskWriteGbps : memBandwidthGbps;
    }
}
