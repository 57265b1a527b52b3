package dev.mlbench.cli.testkernels;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;

/** Deliberately failing: throws from its timed operation. */
public final class ThrowingGemmKernel extends GemmKernel {

    /** The message the harness must record. */
    public static final String MESSAGE = "deliberate failure for harness tests";

    @Override
    public String name() {
        return "throwing";
    }

    @Override
    public String backend() {
        return "cpu-scalar";
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        return new Prepared<>() {
            @Override
            public void run() {
                throw new IllegalStateException(MESSAGE);
            }

            @Override
            public float[] output() {
                return new float[0];
            }
        };
    }
}
