package dev.mlbench.tracks.binarization;

import dev.mlbench.core.spi.Kernel;

/**
 * The contract every binarization kernel implements: given a workload and its inputs, produce the op's
 * result. Binary kernels binarize the weights in {@code prepare} (offline, as a deployed model is) with
 * {@link BinarizedLayer#of}, and binarize the activations inside the timed run.
 */
public abstract class BinarizationKernel implements Kernel<BinarizationWorkload, BinarizationInputs, BinarizationOutput> {

    @Override
    public final String track() {
        return BinarizationTrack.NAME;
    }
}
