package dev.mlbench.kernels.cpu.softmax;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.ScalarBackend;
import dev.mlbench.tracks.softmax.SoftmaxInputs;
import dev.mlbench.tracks.softmax.SoftmaxKernel;
import dev.mlbench.tracks.softmax.SoftmaxTrack;
import dev.mlbench.tracks.softmax.SoftmaxWorkload;

import java.util.Map;

/**
 * The track's reference as a measurable kernel: scalar, one thread, each row in double (three passes: max, exp
 * and sum, scale) and rounded to fp32. The baseline the vector kernels are compared with.
 */
public final class ReferenceSoftmaxKernel extends SoftmaxKernel {

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
        return "scalar Java, one thread, double precision, three passes";
    }

    @Override
    public Prepared<float[]> prepare(SoftmaxWorkload w, SoftmaxInputs in, KernelConfig config) {
        int n = w.n();
        float[] y = new float[Math.toIntExact(w.elements())];
        double[] row = new double[n];
        return new Prepared<>() {
            @Override
            public void run() {
                float[] x = in.x();
                for (int i = 0; i < w.rows(); i++) {
                    SoftmaxTrack.referenceRow(x, i * n, n, row, 0);
                    for (int j = 0; j < n; j++) {
                        y[i * n + j] = (float) row[j];
                    }
                }
            }

            @Override
            public float[] output() {
                return y;
            }

            /** Three passes over each row: max, exp and sum, scale. */
            @Override
            public Map<String, Double> metrics() {
                return Map.of("passes", 3.0);
            }
        };
    }
}
