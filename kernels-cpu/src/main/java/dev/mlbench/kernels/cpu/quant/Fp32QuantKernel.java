package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantWorkload;

/**
 * The fp32 baseline: Y = X·Wᵀ on the unquantized operands, whatever the workload's format (the
 * definition's {@code baseline}, so every quantized row gets its speedup over this on the same shape).
 */
public final class Fp32QuantKernel extends QuantKernel {

    @Override
    public String name() {
        return "fp32";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "fp32 GEMV/GEMM on the unquantized operands (Vector API, output channels split over threads): the baseline";
    }

    @Override
    public boolean supports(QuantWorkload w) {
        return w.op().isProduct();
    }

    @Override
    public Prepared<float[]> prepare(QuantWorkload w, QuantInputs in, KernelConfig config) {
        requireSupported(w);
        float[] y = new float[w.m() * w.n()];
        return new QuantPrepared(() -> product(in.x(), in.w(), w, y, config), () -> y,
                () -> weightMetrics(4L * w.n() * w.k(), w.n(), w.k()));
    }

    /** Y = X·Wᵀ in fp32, output channels split over the pool. */
    static void product(float[] x, float[] weights, QuantWorkload w, float[] y, KernelConfig config) throws Exception {
        int m = w.m();
        int n = w.n();
        int k = w.k();
        Parallel.forRange(config.pool(), config.threads(), n, 16, (from, to) -> {
            for (int j = from; j < to; j++) {
                QuantVector.rowTimesX(weights, j * k, x, m, k, y, n, j);
            }
        });
    }
}
