package dev.mlbench.cli.testkernels;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.List;

/** Deliberately slow but correct: sleeps {@code sleep_ms} per operation, so runs last long enough to interrupt. */
public final class SlowGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public String backend() {
        return "cpu-scalar";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(ParamSpec.optionalInt("sleep_ms", 0, 10_000, 100, "milliseconds slept per operation"));
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        long sleep = config.params().getLong("sleep_ms");
        float[] c = new float[w.m() * w.n()];
        return new Prepared<>() {
            @Override
            public void run() throws InterruptedException {
                Thread.sleep(sleep);
                double[] ref = GemmTrack.referenceProduct(w, in).c();
                for (int i = 0; i < c.length; i++) {
                    c[i] = (float) ref[i];
                }
            }

            @Override
            public float[] output() {
                return c;
            }
        };
    }
}
