package dev.mlbench.tracks.quantization;

import dev.mlbench.core.spi.Kernel;

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
}
