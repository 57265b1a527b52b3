package dev.mlbench.tracks.softmax;

import dev.mlbench.core.spi.Kernel;

/**
 * The contract every softmax kernel implements: given a workload and its logits, produce softmax of every row
 * as a float array of rows × n, row-major.
 */
public abstract class SoftmaxKernel implements Kernel<SoftmaxWorkload, SoftmaxInputs, float[]> {

    @Override
    public final String track() {
        return SoftmaxTrack.NAME;
    }
}
