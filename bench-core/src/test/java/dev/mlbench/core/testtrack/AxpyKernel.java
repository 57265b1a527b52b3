package dev.mlbench.core.testtrack;

import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;

import java.util.List;

/** The plain kernel of the test track, with one tunable to sweep. */
public final class AxpyKernel implements Kernel<AxpyTrack.Shape, float[], float[]> {

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public String track() {
        return "axpy";
    }

    @Override
    public String backend() {
        return "test-backend";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(ParamSpec.optionalInt("unroll", 1, 16, 1, "loop unroll factor"));
    }

    @Override
    public Prepared<float[]> prepare(AxpyTrack.Shape s, float[] x, KernelConfig config) {
        float[] y = new float[x.length];
        return new Prepared<>() {
            @Override
            public void run() {
                for (int i = 0; i < x.length; i++) {
                    y[i] = (float) (s.a() * x[i] + 1);
                }
            }

            @Override
            public float[] output() {
                return y;
            }
        };
    }
}
