package dev.mlbench.examples.rmsnorm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The Vector API kernel: per row, a fused multiply-add reduction of x² in the preferred species (four
 * accumulators to hide FMA latency), then one scaled multiply pass; rows split across the run's threads. A row
 * whose sum of squares overflows float is summed again in double.
 */
public final class VectorRmsNorm extends RmsNormKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String backend() {
        return "cpu-vector";
    }

    @Override
    public String description() {
        return "Vector API, " + S.vectorBitSize() + "-bit, rows split across threads";
    }

    @Override
    public Prepared<float[]> prepare(RmsNormTrack.Workload w, RmsNormTrack.Inputs in, KernelConfig config) {
        float[] y = new float[in.x().length];
        int threads = Math.min(config.threads(), w.rows());
        return new Prepared<>() {
            @Override
            public void run() throws Exception {
                if (threads == 1) {
                    rows(w, in.x(), in.weight(), y, 0, w.rows());
                    return;
                }
                List<Future<?>> parts = new ArrayList<>(threads);
                for (int t = 0; t < threads; t++) {
                    int from = (int) ((long) w.rows() * t / threads);
                    int to = (int) ((long) w.rows() * (t + 1) / threads);
                    parts.add(config.pool().submit(() -> rows(w, in.x(), in.weight(), y, from, to)));
                }
                for (Future<?> f : parts) {
                    f.get();
                }
            }

            @Override
            public float[] output() {
                return y;
            }
        };
    }

    /**
     * 1 / rms for a row whose sum of squares overflows float (|x| near 1e19 and beyond): the squares are
     * summed in double. Rare, so a plain loop.
     */
    private static float scaledInverse(float[] x, int base, int n, double eps) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = x[base + i];
            sum += v * v;
        }
        return (float) (1 / Math.sqrt(sum / n + eps));
    }

    static void rows(RmsNormTrack.Workload w, float[] x, float[] g, float[] y, int from, int to) {
        int n = w.n();
        int step = S.length();
        int bound4 = n - n % (4 * step);
        int bound = S.loopBound(n);
        for (int r = from; r < to; r++) {
            int base = r * n;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            int i = 0;
            for (; i < bound4; i += 4 * step) {
                FloatVector v0 = FloatVector.fromArray(S, x, base + i);
                FloatVector v1 = FloatVector.fromArray(S, x, base + i + step);
                FloatVector v2 = FloatVector.fromArray(S, x, base + i + 2 * step);
                FloatVector v3 = FloatVector.fromArray(S, x, base + i + 3 * step);
                a0 = v0.fma(v0, a0);
                a1 = v1.fma(v1, a1);
                a2 = v2.fma(v2, a2);
                a3 = v3.fma(v3, a3);
            }
            for (; i < bound; i += step) {
                FloatVector v = FloatVector.fromArray(S, x, base + i);
                a0 = v.fma(v, a0);
            }
            float sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                sum += x[base + i] * x[base + i];
            }
            float inv = Float.isFinite(sum) ? (float) (1 / Math.sqrt((double) sum / n + w.eps())) : scaledInverse(x, base, n, w.eps());
            int j = 0;
            for (; j < bound; j += step) {
                FloatVector.fromArray(S, x, base + j).mul(inv).mul(FloatVector.fromArray(S, g, j)).intoArray(y, base + j);
            }
            for (; j < n; j++) {
                y[base + j] = x[base + j] * inv * g[j];
            }
        }
    }
}
