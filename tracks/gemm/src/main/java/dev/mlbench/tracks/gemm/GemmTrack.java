package dev.mlbench.tracks.gemm;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Dense fp32 GEMM, C = A·B, row-major: square shapes, LLM decode shapes (M of 1 to 16 against 4096×4096
 * weights, memory-bound) and prefill shapes (compute-bound).
 */
public final class GemmTrack implements Track<GemmWorkload, GemmInputs, float[], GemmReference> {

    /** The track's name. */
    public static final String NAME = "gemm";
    /** Largest dimension accepted; larger ones are mistakes on any machine this runs on. */
    public static final int MAX_DIMENSION = 1 << 20;
    /** Largest matrix a Java array holds. */
    public static final long MAX_MATRIX_ELEMENTS = Integer.MAX_VALUE - 8;
    /**
     * Default tolerance: |c - ref| ≤ atol + rtol·Σ|a||b|. fp32 summation error over K terms grows like
     * √K·2^-24·Σ|a||b| for any reasonable order; rtol = 2e-5 leaves a 5× margin at K = 4096 yet catches a
     * single dropped product term there.
     */
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-30, 2e-5);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "dense fp32 GEMM C = A·B, row-major (square, LLM decode and prefill shapes)";
    }

    @Override
    public List<ParamSpec> workloadParams() {
        return List.of(
                ParamSpec.requiredInt("m", 1, MAX_DIMENSION, "rows of A and C"),
                ParamSpec.requiredInt("n", 1, MAX_DIMENSION, "columns of B and C"),
                ParamSpec.requiredInt("k", 1, MAX_DIMENSION, "reduction length: columns of A, rows of B"));
    }

    @Override
    public GemmWorkload workload(ParamValues values) {
        return new GemmWorkload(values.getInt("m"), values.getInt("n"), values.getInt("k"));
    }

    @Override
    public String label(GemmWorkload w) {
        return w.m() + "x" + w.n() + "x" + w.k();
    }

    @Override
    public Tolerance defaultTolerance() {
        return DEFAULT_TOLERANCE;
    }

    /** A and B uniform in [-1, 1), A's elements drawn first, from one seeded generator. */
    @Override
    public GemmInputs inputs(GemmWorkload w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[w.m() * w.k()];
        float[] b = new float[w.k() * w.n()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return new GemmInputs(a, b);
    }

    @Override
    public GemmReference reference(GemmWorkload w, GemmInputs in) {
        return referenceProduct(w, in);
    }

    /**
     * A·B accumulated in double, row by row (i-p-j order streams B and the accumulator row), together with
     * Σ|a||b| per element for the tolerance.
     */
    public static GemmReference referenceProduct(GemmWorkload w, GemmInputs in) {
        int m = w.m();
        int n = w.n();
        int k = w.k();
        float[] a = in.a();
        float[] b = in.b();
        double[] c = new double[m * n];
        double[] mag = new double[m * n];
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                double abs = Math.abs(aip);
                int bRow = p * n;
                for (int j = 0; j < n; j++) {
                    double bpj = b[bRow + j];
                    c[row + j] += aip * bpj;
                    mag[row + j] += abs * Math.abs(bpj);
                }
            }
        }
        return new GemmReference(c, mag);
    }

    @Override
    public Correctness check(GemmWorkload w, float[] out, GemmReference ref, Tolerance tolerance) {
        double[] mag = ref.magnitude();
        return Correctness.compare(out, ref.c(), i -> mag[i], tolerance);
    }

    /** 2·m·n·k FLOPs; A and B read once and C written once, 4 bytes each. */
    @Override
    public Work work(GemmWorkload w) {
        double m = w.m();
        double n = w.n();
        double k = w.k();
        return new Work(2 * m * n * k, 4 * (m * k + k * n + m * n));
    }

    /**
     * Inputs and a kernel's output in both the harness and benchmark JVM views, the double reference with
     * its error scale (16 bytes per element of C), and a packed copy of both operands that fast kernels make.
     */
    @Override
    public long footprintBytes(GemmWorkload w) {
        long a = 4L * w.m() * w.k();
        long b = 4L * w.k() * w.n();
        long c = 4L * w.m() * w.n();
        return 2 * (a + b) + 2 * c + 4 * c;
    }
}
