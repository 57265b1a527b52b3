package dev.mlbench.tracks.quantization;

import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.Prepared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The contract of every quantization kernel: for gemv/gemm, Y = X·Wᵀ (m×n, row-major) computed in the
 * workload's format; for quantize, the decoded result of its encoding of X (decoding happens in
 * {@code output()}, not timed); for dequantize, the decoded X. Kernels serve only some ops and formats
 * ({@link #supports}); definitions give each kernel only the workload groups it supports, and
 * {@code prepare} rejects the others.
 */
public abstract class QuantKernel implements Kernel<QuantWorkload, QuantInputs, float[]> {

    @Override
    public final String track() {
        return QuantTrack.NAME;
    }

    /** Whether this kernel implements the workload's op in its format. */
    public abstract boolean supports(QuantWorkload w);

    /** The harness skips, with this reason, the workloads this kernel does not {@link #supports support}. */
    @Override
    public final Optional<String> unsupported(QuantWorkload w) {
        return supports(w) ? Optional.empty()
                : Optional.of(name() + " does not implement " + w.op().label() + " in format " + w.format().label());
    }

    /** Throws IllegalArgumentException, with the reason {@link #unsupported} gives, unless {@link #supports} the workload. */
    protected final void requireSupported(QuantWorkload w) {
        unsupported(w).ifPresent(reason -> {
            throw new IllegalArgumentException("kernel " + reason);
        });
    }

    /**
     * The figures a product kernel reports about weights of {@code weightBytes} (codes and side data) standing for n×k
     * fp32 weights: {@code weight_bytes}, {@code bits_per_weight} and {@code compression} (fp32 bytes ÷ weight bytes).
     * The map is mutable, for a kernel's own further figures.
     */
    protected static Map<String, Double> weightMetrics(long weightBytes, int n, int k) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("weight_bytes", (double) weightBytes);
        m.put("bits_per_weight", 8.0 * weightBytes / ((double) n * k));
        m.put("compression", 4.0 * n * k / weightBytes);
        return m;
    }

    /**
     * {@link #weightMetrics} and the bytes a call of a kernel that reads the quantized weights moves at least
     * ({@link Prepared#BYTES_MOVED}): its weights as stored, the m×k fp32 activations it reads and the m×n fp32 result it
     * writes.
     */
    protected static Map<String, Double> codeMetrics(long weightBytes, int m, int n, int k) {
        Map<String, Double> metrics = weightMetrics(weightBytes, n, k);
        metrics.put(Prepared.BYTES_MOVED, weightBytes + 4.0 * m * k + 4.0 * m * n);
        return metrics;
    }
}
