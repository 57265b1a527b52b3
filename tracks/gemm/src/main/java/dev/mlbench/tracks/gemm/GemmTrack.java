package dev.mlbench.tracks.gemm;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Dense fp32 GEMM, C = α·op(A)·op(B) + β·C, row-major, layouts NN, NT and TN: square shapes, LLM decode
 * shapes (M of 1 to 16 against 4096×4096 weights, memory-bound) and prefill shapes (compute-bound).
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
    /** Largest |α| and |β| accepted. */
    public static final double MAX_SCALE = 1e6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "dense fp32 GEMM C = alpha·op(A)·op(B) + beta·C, row-major, layouts nn/nt/tn (square, LLM decode and prefill shapes)";
    }

    @Override
    public List<ParamSpec> workloadParams() {
        return List.of(
                ParamSpec.requiredInt("m", 1, MAX_DIMENSION, "rows of A and C"),
                ParamSpec.requiredInt("n", 1, MAX_DIMENSION, "columns of B and C"),
                ParamSpec.requiredInt("k", 1, MAX_DIMENSION, "reduction length: columns of A, rows of B"),
                new ParamSpec("layout", ParamSpec.Type.STRING, 0, 0, GemmLayout.NN.label(),
                        "storage of A and B: nn, nt (B stored n×k) or tn (A stored k×m)"),
                new ParamSpec("alpha", ParamSpec.Type.DOUBLE, -MAX_SCALE, MAX_SCALE, (double) GemmWorkload.DEFAULT_ALPHA,
                        "scale of the product"),
                new ParamSpec("beta", ParamSpec.Type.DOUBLE, -MAX_SCALE, MAX_SCALE, (double) GemmWorkload.DEFAULT_BETA,
                        "scale of the initial C (0: C is not read)"));
    }

    @Override
    public GemmWorkload workload(ParamValues values) {
        return new GemmWorkload(values.getInt("m"), values.getInt("n"), values.getInt("k"),
                GemmLayout.parse(values.getString("layout")), (float) values.getDouble("alpha"), (float) values.getDouble("beta"));
    }

    /** {@code m x n x k}, followed by the layout, α and β when they are not the defaults. */
    @Override
    public String label(GemmWorkload w) {
        String shape = w.m() + "x" + w.n() + "x" + w.k();
        if (w.isPlainProduct()) {
            return shape;
        }
        return shape + " " + w.layout().label()
                + (w.alpha() == GemmWorkload.DEFAULT_ALPHA ? "" : " a=" + w.alpha())
                + (w.beta() == GemmWorkload.DEFAULT_BETA ? "" : " b=" + w.beta());
    }

    @Override
    public Tolerance defaultTolerance() {
        return DEFAULT_TOLERANCE;
    }

    /**
     * A, B and (when β ≠ 0) the initial C uniform in [-1, 1), drawn in that order, in storage order, from one
     * seeded generator.
     */
    @Override
    public GemmInputs inputs(GemmWorkload w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = uniform(w.m() * w.k(), random);
        float[] b = uniform(w.k() * w.n(), random);
        return w.readsC() ? new GemmInputs(a, b, uniform(w.m() * w.n(), random)) : new GemmInputs(a, b);
    }

    private static float[] uniform(int length, SplittableRandom random) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    @Override
    public GemmReference reference(GemmWorkload w, GemmInputs in) {
        return referenceProduct(w, in);
    }

    /**
     * α·op(A)·op(B) + β·C accumulated in double, together with |α|·Σ|a||b| + |β|·|c| per element for the
     * tolerance.
     */
    public static GemmReference referenceProduct(GemmWorkload w, GemmInputs in) {
        int m = w.m();
        int n = w.n();
        double[] c = new double[m * n];
        double[] mag = new double[m * n];
        double[] rowC = new double[n];
        double[] rowMag = new double[n];
        for (int i = 0; i < m; i++) {
            referenceRow(w, in, i, rowC, rowMag);
            System.arraycopy(rowC, 0, c, i * n, n);
            System.arraycopy(rowMag, 0, mag, i * n, n);
        }
        return new GemmReference(c, mag);
    }

    /**
     * Row {@code i} of α·op(A)·op(B) + β·C in double into {@code c} (length n), and its error scale
     * |α|·Σ_p|a_ip||b_pj| + |β|·|c_ij| into {@code magnitude} unless that is null. The loop order streams
     * B's storage: i-p-j when B is stored k×n, i-j-p (dot products) when it is stored n×k.
     */
    public static void referenceRow(GemmWorkload w, GemmInputs in, int i, double[] c, double[] magnitude) {
        int m = w.m();
        int n = w.n();
        int k = w.k();
        GemmLayout layout = w.layout();
        float[] a = in.a();
        float[] b = in.b();
        Arrays.fill(c, 0, n, 0);
        if (magnitude != null) {
            Arrays.fill(magnitude, 0, n, 0);
        }
        if (layout.transB()) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = a[layout.aIndex(i, p, m, k)];
                    double y = b[j * k + p];
                    sum += x * y;
                    abs += Math.abs(x) * Math.abs(y);
                }
                c[j] = sum;
                if (magnitude != null) {
                    magnitude[j] = abs;
                }
            }
        } else {
            for (int p = 0; p < k; p++) {
                double x = a[layout.aIndex(i, p, m, k)];
                int row = p * n;
                for (int j = 0; j < n; j++) {
                    c[j] += x * b[row + j];
                }
                if (magnitude != null) {
                    double abs = Math.abs(x);
                    for (int j = 0; j < n; j++) {
                        magnitude[j] += abs * Math.abs(b[row + j]);
                    }
                }
            }
        }
        double alpha = w.alpha();
        double beta = w.beta();
        for (int j = 0; j < n; j++) {
            c[j] *= alpha;
            if (beta != 0) {
                c[j] += beta * in.c()[i * n + j];
            }
            if (magnitude != null) {
                magnitude[j] = Math.abs(alpha) * magnitude[j] + (beta != 0 ? Math.abs(beta * in.c()[i * n + j]) : 0);
            }
        }
    }

    @Override
    public Correctness check(GemmWorkload w, float[] out, GemmReference ref, Tolerance tolerance) {
        double[] mag = ref.magnitude();
        return Correctness.compare(out, ref.c(), i -> mag[i], tolerance);
    }

    /**
     * 2·m·n·k FLOPs (the α and β scaling, 3·m·n at most, is not counted, as BLAS benchmarks do not); A and B
     * read once and C written once, plus read once when β ≠ 0, 4 bytes each.
     */
    @Override
    public Work work(GemmWorkload w) {
        double m = w.m();
        double n = w.n();
        double k = w.k();
        double cPasses = w.readsC() ? 2 : 1;
        return new Work(2 * m * n * k, 4 * (m * k + k * n + cPasses * m * n));
    }

    /**
     * Inputs and a kernel's output in both the harness and benchmark JVM views, the double reference with
     * its error scale (16 bytes per element of C), the initial C when β ≠ 0, and a packed copy of both
     * operands that fast kernels make.
     */
    @Override
    public long footprintBytes(GemmWorkload w) {
        long a = 4L * w.m() * w.k();
        long b = 4L * w.k() * w.n();
        long c = 4L * w.m() * w.n();
        return 2 * (a + b) + 2 * c + 4 * c + (w.readsC() ? 2 * c : 0);
    }
}
