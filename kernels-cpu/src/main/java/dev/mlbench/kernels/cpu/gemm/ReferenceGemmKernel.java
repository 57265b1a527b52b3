package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.ScalarBackend;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;

/**
 * The track's scalar reference as a measurable kernel: one thread, double accumulation, every layout, α and β.
 * It is the baseline that shows what the other kernels gain, and is as exact as fp32 output allows.
 */
public final class ReferenceGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String backend() {
        return ScalarBackend.NAME;
    }

    @Override
    public String description() {
        return "scalar Java, one thread, double accumulation";
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        float[] c = new float[w.m() * w.n()];
        double[] row = new double[w.n()];
        return new Prepared<>() {
            @Override
            public void run() {
                for (int i = 0; i < w.m(); i++) {
                    GemmTrack.referenceRow(w, in, i, row, null);
                    for (int j = 0; j < w.n(); j++) {
                        c[i * w.n() + j] = (float) row[j];
                    }
                }
            }

            @Override
            public float[] output() {
                return c;
            }
        };
    }
}
