package dev.mlbench.core.calibrate;

import dev.mlbench.core.spi.Work;

import java.util.List;

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
 * @param perThreads        the peak and bandwidth measured on fewer threads (1, 2, 4, ... below {@code threads}),
 *                          ascending; empty in calibrations made before they were measured
 * @param diskReadGbps      sequential read bandwidth of a file evicted from the page cache, in the same file system;
 *                          null where eviction is unavailable, and in calibrations made before it was measured
 */
public record Calibration(Double peakGflops, double memBandwidthGbps, double diskWriteGbps, String measuredAt,
                         int threads, String peakMethod, String hostKey, List<ThreadRoof> perThreads, Double diskReadGbps) {

    /**
     * The roofs measured on {@code threads} threads.
     *
     * @param threads          threads used
     * @param peakGflops       FP32 FMA peak on those threads, or null when no backend provides a peak probe
     * @param memBandwidthGbps STREAM-triad bandwidth on those threads (10^9 bytes/s)
     */
    public record ThreadRoof(int threads, Double peakGflops, double memBandwidthGbps) {
    }

    public Calibration {
        perThreads = perThreads == null ? List.of() : List.copyOf(perThreads);
    }

    /** A calibration with no roofs measured below {@code threads}. */
    public Calibration(Double peakGflops, double memBandwidthGbps, double diskWriteGbps, String measuredAt, int threads,
                       String peakMethod, String hostKey) {
        this(peakGflops, memBandwidthGbps, diskWriteGbps, measuredAt, threads, peakMethod, hostKey, List.of(), null);
    }

    /** The calibrated bandwidth (10^9 bytes/s) that work against {@code roof} is compared with, on all threads. */
    public double bandwidthGbps(Work.Roof roof) {
        return switch (roof) {
            case DISK -> diskWriteGbps;
            case DISK_READ -> diskReadGbps == null ? 0 : diskReadGbps; // 0: no roof to compare with
            case MEMORY -> memBandwidthGbps;
        };
    }

    /**
     * The bandwidth work on {@code threads} threads is compared with: the disk's whatever the threads; for memory, the
     * STREAM triad measured on that many threads, else on the next larger count measured (a higher roof, so a row is
     * never shown above what its threads can reach), else on all threads (also for {@code threads <= 0}: unknown).
     */
    public double bandwidthGbps(Work.Roof roof, int threads) {
        if (roof != Work.Roof.MEMORY || threads <= 0) {
            return bandwidthGbps(roof);
        }
        for (ThreadRoof r : perThreads) {
            if (r.threads() >= threads) {
                return r.memBandwidthGbps();
            }
        }
        return memBandwidthGbps;
    }

    /**
     * The FP32 peak on {@code threads} threads, or null when there is none: measured on that many threads where the
     * calibration did, else the all-thread peak scaled by the share of the calibrated threads that run (the FMA units
     * are per core), never beyond the all-thread peak; for {@code threads <= 0} (unknown), the all-thread peak.
     */
    public Double peakGflopsAt(int threads) {
        if (peakGflops == null) {
            return null;
        }
        for (ThreadRoof r : perThreads) {
            if (r.threads() == threads && r.peakGflops() != null) {
                return r.peakGflops();
            }
        }
        int calibrated = Math.max(1, this.threads);
        int used = threads <= 0 ? calibrated : Math.min(threads, calibrated);
        return peakGflops * used / calibrated;
    }
}
