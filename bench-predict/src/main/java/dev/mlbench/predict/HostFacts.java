package dev.mlbench.predict;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.spi.Work;

/**
 * What a model knows about the machine a row was measured on: its fingerprint (as the leaderboard computes it), the
 * facts that become features, and its calibration, which gives the roofline. Two runs of one machine with different
 * calibrations are two hosts to the model, as they would be to the roofline.
 *
 * @param id          the leaderboard's environment fingerprint
 * @param cpuModel    CPU model name
 * @param cores       logical processors
 * @param vectorBits  the Vector API's preferred size, 0 when it was unavailable
 * @param calibration the host's calibrated peaks, as the run recorded them
 */
public record HostFacts(String id, String cpuModel, int cores, int vectorBits, Calibration calibration) {

    /** The calibrated FP32 peak in GFLOP/s at {@code threads} threads; 0 when the calibration has none. */
    public double peakGflopsAt(int threads) {
        Double peak = calibration.peakGflopsAt(threads);
        return peak == null ? 0 : peak;
    }

    /**
     * The roofline time in ns of {@code work} on {@code threads} threads: the longer of its operations at the peak (FLOPs
     * only: the calibration measures no integer or binary peak) and its minimum bytes at the bandwidth of its roof.
     */
    public double rooflineNs(Work work, int threads) {
        double peak = peakGflopsAt(threads);
        double compute = work.unit() == Work.OpUnit.FLOP && peak > 0 ? work.ops() / peak : 0;
        double bandwidth = calibration.bandwidthGbps(work.roof(), threads);
        double memory = bandwidth > 0 ? work.bytesMoved() / bandwidth : 0;
        return Math.max(compute, memory);
    }
}
