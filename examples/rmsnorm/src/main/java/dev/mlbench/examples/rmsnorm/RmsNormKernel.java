package dev.mlbench.examples.rmsnorm;

import dev.mlbench.core.spi.Kernel;

/** What every RMSNorm kernel implements: the track's contract. */
public abstract class RmsNormKernel implements Kernel<RmsNormTrack.Workload, RmsNormTrack.Inputs, float[]> {

    @Override
    public final String track() {
        return RmsNormTrack.NAME;
    }
}
