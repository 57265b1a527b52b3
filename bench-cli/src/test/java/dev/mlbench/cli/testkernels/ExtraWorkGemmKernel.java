package dev.mlbench.cli.testkernels;

import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The real {@code vector} GEMM kernel doing proportionally more work: on {@code extra_pct} percent of its calls it
 * multiplies a second time, spread evenly (call i runs twice when floor(i·p/100) steps up), so an iteration of N
 * calls does N·(1 + p/100) multiplies to within one. A regression of known size in a real kernel, for measuring the
 * power of the regression gate (docs/gate.md); never a rescaling of recorded numbers.
 */
public final class ExtraWorkGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "vector-extra";
    }

    @Override
    public String backend() {
        return "cpu-vector";
    }

    @Override
    public String description() {
        return "test only: the vector kernel doing extra_pct percent more multiplies";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(ParamSpec.optionalInt("extra_pct", 0, 100, 0, "percent of calls that multiply twice"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) throws Exception {
        Kernel<GemmWorkload, GemmInputs, float[]> vector = null;
        for (Kernel<?, ?, ?> k : ServiceLoader.load(Kernel.class)) {
            if (k.track().equals(track()) && k.name().equals("vector")) {
                vector = (Kernel<GemmWorkload, GemmInputs, float[]>) k;
            }
        }
        if (vector == null) {
            throw new IllegalStateException("the vector GEMM kernel is not on the class path");
        }
        long pct = config.params().getLong("extra_pct");
        Prepared<float[]> inner = vector.prepare(w, in, new KernelConfig(ParamValues.empty(), config.threads(), config.pool()));
        return new Prepared<>() {
            private long calls;

            @Override
            public void run() throws Exception {
                inner.run();
                calls++;
                if (calls * pct / 100 > (calls - 1) * pct / 100) {
                    inner.run();
                }
            }

            @Override
            public float[] output() throws Exception {
                return inner.output();
            }

            @Override
            public Map<String, Double> metrics() {
                return inner.metrics();
            }

            @Override
            public void close() throws Exception {
                inner.close();
            }
        };
    }
}
