package dev.mlbench.core.testtrack;

import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;

import java.util.List;
import java.util.Map;

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
            private long calls;
            private long elements;

            @Override
            public void run() {
                for (int i = 0; i < x.length; i++) {
                    y[i] = (float) (s.a() * x[i] + 1);
                }
                calls++;
                elements += x.length;
            }

            @Override
            public Map<String, Double> metrics() {
                return Map.of("passes", 1.0);
            }

            @Override
            public Map<String, Double> iterationCounters() {
                Map<String, Double> perOp = calls == 0 ? Map.of() : Map.of("elements_per_op", (double) elements / calls);
                calls = 0;
                elements = 0;
                return perOp;
            }

            @Override
            public float[] output() {
                return y;
            }
        };
    }
}
