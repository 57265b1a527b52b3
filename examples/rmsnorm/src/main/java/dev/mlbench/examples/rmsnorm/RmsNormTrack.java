package dev.mlbench.examples.rmsnorm;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;

import java.util.List;
import java.util.SplittableRandom;

/**
 * RMSNorm, as LLaMA-style transformers normalize activations: for each row x of length n,
 * {@code y_i = x_i / sqrt(mean(x^2) + eps) * w_i}. A memory-bound operation: every kernel must read x and w and
 * write y, so it is judged in GB/s.
 */
public final class RmsNormTrack implements Track<RmsNormTrack.Workload, RmsNormTrack.Inputs, float[], double[]> {

    /** The track's name. */
    public static final String NAME = "rmsnorm";

    /**
     * One RMSNorm: {@code rows} rows of {@code n} features.
     *
     * @param rows number of rows (tokens)
     * @param n    row length (hidden size)
     * @param eps  added to the mean square before the square root
     */
    public record Workload(int rows, int n, double eps) {
    }

    /**
     * @param x      activations, rows × n, row-major
     * @param weight per-feature gain, n
     */
    public record Inputs(float[] x, float[] weight) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "RMSNorm y = x / sqrt(mean(x^2) + eps) * w over the rows of an fp32 matrix (example plugin)";
    }

    @Override
    public List<ParamSpec> workloadParams() {
        return List.of(
                ParamSpec.requiredInt("rows", 1, 1 << 24, "rows (tokens)"),
                ParamSpec.requiredInt("n", 1, 1 << 24, "row length (hidden size)"),
                new ParamSpec("eps", ParamSpec.Type.DOUBLE, 0, 1, 1e-6, "added to the mean square"));
    }

    @Override
    public Workload workload(ParamValues values) {
        long elements = (long) values.getInt("rows") * values.getInt("n");
        if (elements > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("rows x n = " + elements + " does not fit one Java array");
        }
        return new Workload(values.getInt("rows"), values.getInt("n"), values.getDouble("eps"));
    }

    @Override
    public String label(Workload w) {
        return w.rows() + "x" + w.n();
    }

    @Override
    public Tolerance defaultTolerance() {
        return new Tolerance(1e-6, 1e-5);
    }

    /** x Gaussian with standard deviation 1 and, every 97th feature, 30 (an outlier channel); w uniform in [0.5, 1.5). */
    @Override
    public Inputs inputs(Workload w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[w.rows() * w.n()];
        for (int i = 0; i < x.length; i++) {
            double g = gaussian(random);
            x[i] = (float) ((i % w.n()) % 97 == 0 ? 30 * g : g);
        }
        float[] weight = new float[w.n()];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) (0.5 + random.nextDouble());
        }
        return new Inputs(x, weight);
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Every row in double precision. */
    @Override
    public double[] reference(Workload w, Inputs in) {
        return reference(w, in.x(), in.weight());
    }

    /** RMSNorm of every row, accumulated and scaled in double. */
    public static double[] reference(Workload w, float[] x, float[] weight) {
        int n = w.n();
        double[] y = new double[x.length];
        for (int r = 0; r < w.rows(); r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double v = x[r * n + i];
                sum += v * v;
            }
            double inv = 1 / Math.sqrt(sum / n + w.eps());
            for (int i = 0; i < n; i++) {
                y[r * n + i] = x[r * n + i] * inv * weight[i];
            }
        }
        return y;
    }

    @Override
    public Correctness check(Workload w, float[] output, double[] reference, Tolerance tolerance) {
        return Correctness.compare(output, reference, tolerance);
    }

    /** Per element: square, add, scale, gain (4 FLOPs); bytes: x read, y written, w read once. */
    @Override
    public Work work(Workload w) {
        double elements = (double) w.rows() * w.n();
        return new Work(4 * elements, 4 * (2 * elements + w.n()));
    }

    /** x and y in fp32, the reference in double, plus w. */
    @Override
    public long footprintBytes(Workload w) {
        long elements = (long) w.rows() * w.n();
        return elements * (4 + 4 + 8) + 4L * w.n();
    }
}
