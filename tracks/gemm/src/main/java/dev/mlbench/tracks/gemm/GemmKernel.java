package dev.mlbench.tracks.gemm;

import dev.mlbench.core.spi.Kernel;

import java.util.Optional;

/**
 * The contract every GEMM kernel implements: given a workload and its inputs, produce
 * C = α·op(A)·op(B) + β·C₀ as a float array of m×n, row-major, honouring the workload's layout, α and β, or
 * decline the workloads it does not serve through {@link #unsupported}.
 */
public abstract class GemmKernel implements Kernel<GemmWorkload, GemmInputs, float[]> {

    @Override
    public final String track() {
        return GemmTrack.NAME;
    }

    /**
     * For a kernel that computes only the plain product, C = A·B with both stored as used: the reason to
     * skip every other workload (return it from {@link #unsupported}).
     */
    protected static Optional<String> onlyPlainProduct(GemmWorkload w) {
        return w.isPlainProduct() ? Optional.empty()
                : Optional.of("computes only C = A·B in the nn layout (alpha 1, beta 0), not " + new GemmTrack().label(w));
    }
}
