package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.quantization.Codec;
import dev.mlbench.tracks.quantization.LlmInt8Codec;
import dev.mlbench.tracks.quantization.QuantFormat;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantTensor;
import dev.mlbench.tracks.quantization.QuantWorkload;

import java.util.Map;

/**
 * LLM.int8() decomposition: on every call, the columns of X holding any |x| ≥ 6 are found; the other
 * columns are quantized to INT8 per row and multiplied with the INT8 per-output-channel weights in int32
 * (as {@link W8A8Kernel}); the outlier columns are multiplied in fp32 with the dequantized weights of those
 * columns. Reports the fraction of outlier columns of the last call.
 */
public final class LlmInt8Kernel extends QuantKernel {

    @Override
    public String name() {
        return "llm-int8";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "LLM.int8(): outlier columns (|x| >= 6) in fp32, the rest INT8 vector-wise with int32 accumulation";
    }

    @Override
    public boolean supports(QuantWorkload w) {
        return w.op().isProduct() && w.k() <= W8A8Kernel.MAX_K && w.format() == QuantFormat.LLM_INT8;
    }

    @Override
    public Prepared<float[]> prepare(QuantWorkload w, QuantInputs in, KernelConfig config) {
        requireSupported(w);
        int m = w.m();
        int n = w.n();
        int k = w.k();
        QuantTensor wq = w.format().weightCodec(null).encode(in.w(), n, k);
        Codec act = w.format().activationCodec();
        float[] y = new float[m * n];
        QuantTensor[] last = new QuantTensor[1];
        float[] x = in.x(); // the timed call keeps X only: a cold row holds many prepared copies, not their fp32 weights
        return new QuantPrepared(() -> {
            QuantTensor xq = act.encode(x, m, k);
            last[0] = xq;
            int[] oc = xq.columns();
            Parallel.forRange(config.pool(), config.threads(), n, 16, (from, to) -> {
                for (int j = from; j < to; j++) {
                    float sw = wq.scales()[j];
                    int wo = j * k;
                    for (int i = 0; i < m; i++) {
                        float outliers = 0;
                        for (int o = 0; o < oc.length; o++) {
                            outliers = Math.fma(xq.dense()[i * oc.length + o], wq.codes()[wo + oc[o]], outliers);
                        }
                        float regular = QuantVector.dotInt8(xq.codes(), i * k, wq.codes(), wo, k) * xq.scales()[i];
                        y[i * n + j] = (regular + outliers) * sw;
                    }
                }
            });
        }, () -> y, () -> {
            Map<String, Double> metrics = codeMetrics(wq.storageBytes(), m, n, k);
            if (last[0] != null) {
                metrics.put("outlier_fraction", LlmInt8Codec.outlierFraction(last[0]));
            }
            return metrics;
        });
    }
}
