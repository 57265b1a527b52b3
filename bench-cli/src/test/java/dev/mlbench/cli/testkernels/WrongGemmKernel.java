package dev.mlbench.cli.testkernels;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;

/** Deliberately wrong: drops the last term of every dot product, an off-by-one a real kernel could have. */
public final class WrongGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "wrong";
    }

    @Override
    public String backend() {
        return "cpu-scalar";
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        float[] c = new float[w.m() * w.n()];
        return new Prepared<>() {
            @Override
            public void run() {
                for (int i = 0; i < w.m(); i++) {
                    for (int j = 0; j < w.n(); j++) {
                        float acc = 0;
                        for (int p = 0; p < w.k() - 1; p++) {
                            acc += in.a()[i * w.k() + p] * in.b()[p * w.n() + j];
                        }
                        c[i * w.n() + j] = acc;
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
