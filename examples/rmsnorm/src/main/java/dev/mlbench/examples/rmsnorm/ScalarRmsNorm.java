package dev.mlbench.examples.rmsnorm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;

/** The plain loop, accumulating in float: what one would write first. */
public final class ScalarRmsNorm extends RmsNormKernel {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String backend() {
        return "cpu-scalar";
    }

    @Override
    public String description() {
        return "one thread, scalar float loop";
    }

    @Override
    public Prepared<float[]> prepare(RmsNormTrack.Workload w, RmsNormTrack.Inputs in, KernelConfig config) {
        float[] y = new float[in.x().length];
        float[] x = in.x();
        float[] g = in.weight();
        int n = w.n();
        float eps = (float) w.eps();
        return new Prepared<>() {
            @Override
            public void run() {
                for (int r = 0; r < w.rows(); r++) {
                    int base = r * n;
                    float sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += x[base + i] * x[base + i];
                    }
                    float inv = (float) (1 / Math.sqrt(sum / n + eps));
                    for (int i = 0; i < n; i++) {
                        y[base + i] = x[base + i] * inv * g[i];
                    }
                }
            }

            @Override
            public float[] output() {
                return y;
            }
        };
    }
}
