package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.quantization.Codec;
import dev.mlbench.tracks.quantization.QuantFormat;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantTensor;
import dev.mlbench.tracks.quantization.QuantWorkload;

/**
 * W8A8: INT8 weights (per tensor or per output channel) quantized before timing, activations quantized to
 * INT8 on every call (per tensor or per row), int8 × int8 products widened to int16 and summed in int32
 * (portable Vector API: no VNNI instruction is assumed), then y = s_x · s_w · Σ. Exact in int32 up to
 * k = 131072 (127² · k < 2^31), which {@link #supports} enforces.
 */
public final class W8A8Kernel extends QuantKernel {

    /** Largest k whose int32 sums of int8 products cannot overflow. */
    public static final int MAX_K = 131072;

    @Override
    public String name() {
        return "w8a8";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "INT8 weights × INT8 activations (quantized per call), int32 accumulation, per-tensor or vector-wise scales";
    }

    @Override
    public boolean supports(QuantWorkload w) {
        return w.op().isProduct() && w.k() <= MAX_K && (w.format() == QuantFormat.INT8 || w.format() == QuantFormat.INT8_VW);
    }

    @Override
    public Prepared<float[]> prepare(QuantWorkload w, QuantInputs in, KernelConfig config) {
        requireSupported(w);
        int m = w.m();
        int n = w.n();
        int k = w.k();
        QuantTensor wq = w.format().weightCodec(null).encode(in.w(), n, k);
        Codec act = w.format().activationCodec();
        boolean perRow = w.format() == QuantFormat.INT8_VW;
        float[] y = new float[m * n];
        float[] x = in.x(); // the timed call keeps X only: a cold row holds many prepared copies, not their fp32 weights
        return new QuantPrepared(() -> {
            QuantTensor xq = act.encode(x, m, k);
            Parallel.forRange(config.pool(), config.threads(), n, 16, (from, to) -> {
                for (int j = from; j < to; j++) {
                    float sw = wq.scales()[perRow ? j : 0];
                    for (int i = 0; i < m; i++) {
                        float s = xq.scales()[perRow ? i : 0] * sw;
                        y[i * n + j] = QuantVector.dotInt8(xq.codes(), i * k, wq.codes(), j * k, k) * s;
                    }
                }
            });
        }, () -> y, () -> codeMetrics(wq.storageBytes(), m, n, k));
    }
}
