package dev.mlbench.tracks.gemm;

import dev.mlbench.core.spi.Kernel;

/**
 * The contract every GEMM kernel implements: given a workload and its inputs, produce C = A·B as a float
 * array of m×n, row-major.
 */
public abstract class GemmKernel implements Kernel<GemmWorkload, GemmInputs, float[]> {

    @Override
    public final String track() {
        return GemmTrack.NAME;
    }
}
