package dev.mlbench.tracks.softmax;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Row-wise softmax over an fp32 rows × n tensor: y_ij = exp(x_ij) / Σ_k exp(x_ik), from rows that fit L1 to
 * tensors far out of cache, and on hostile rows (huge logits, -inf masks, all-equal rows, single elements).
 */
public final class SoftmaxTrack implements Track<SoftmaxWorkload, SoftmaxInputs, float[], SoftmaxReference> {

    /** The track's name. */
    public static final String NAME = "softmax";
    /** Longest row accepted. */
    public static final int MAX_N = 1 << 26;
    /** Largest tensor a Java array holds. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /**
     * The smallest |reference| the relative error is taken against: probabilities below it are compared
     * absolutely. fp32 holds nothing below 1.2e-38 relatively (subnormals), and fast exp implementations flush
     * exp(t) to zero for t below about -87; with rtol = 1e-5 a flushed output passes only where the reference is
     * below 2^-100 × 1e-5, about 8e-36, far under anything a float sum of probabilities can notice.
     */
    public static final double RELATIVE_ERROR_FLOOR = 0x1p-100;
    /**
     * Default tolerance: |y - ref| ≤ rtol · max(|ref|, 2^-100) with rtol = 1e-5. A careful fp32 softmax is within
     * a few ulps (a few 1e-7) of the exact value: exp, the rounding of the sum and one multiplication.
     */
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(0, 1e-5);
    /**
     * FLOPs counted per element: max, subtract, exp, add, multiply. exp counts as one operation, as the usual FLOP
     * counters do; the polynomial behind it is an implementation detail of a memory-bound operation.
     */
    public static final int FLOPS_PER_ELEMENT = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "row-wise fp32 softmax (in-L1 to out-of-cache shapes, huge logits, -inf masks, all-equal rows)";
    }

    @Override
    public List<ParamSpec> workloadParams() {
        return List.of(
                ParamSpec.requiredInt("rows", 1, MAX_ELEMENTS, "how many independent rows"),
                ParamSpec.requiredInt("n", 1, MAX_N, "row length"),
                new ParamSpec("distribution", ParamSpec.Type.STRING, 0, 0, SoftmaxDistribution.NORMAL.key(),
                        "how logits are drawn: " + SoftmaxDistribution.keys()));
    }

    @Override
    public SoftmaxWorkload workload(ParamValues values) {
        return new SoftmaxWorkload(values.getInt("rows"), values.getInt("n"),
                SoftmaxDistribution.fromKey(values.getString("distribution")));
    }

    @Override
    public String label(SoftmaxWorkload w) {
        String shape = w.rows() + "x" + w.n();
        return w.distribution() == SoftmaxDistribution.NORMAL ? shape : shape + " " + w.distribution().key();
    }

    @Override
    public Tolerance defaultTolerance() {
        return DEFAULT_TOLERANCE;
    }

    /** Row by row from one seeded generator, as the workload's distribution says. */
    @Override
    public SoftmaxInputs inputs(SoftmaxWorkload w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[Math.toIntExact(w.elements())];
        for (int i = 0; i < w.rows(); i++) {
            w.distribution().fillRow(x, i * w.n(), w.n(), random);
        }
        return new SoftmaxInputs(x);
    }

    @Override
    public SoftmaxReference reference(SoftmaxWorkload w, SoftmaxInputs in) {
        double[] y = new double[Math.toIntExact(w.elements())];
        for (int i = 0; i < w.rows(); i++) {
            referenceRow(in.x(), i * w.n(), w.n(), y, i * w.n());
        }
        return new SoftmaxReference(y);
    }

    /**
     * Softmax of {@code x[from, from + n)} into {@code y[to, to + n)}, in double: the row maximum is subtracted
     * before exp, so no logit overflows, and the sum is accumulated in double.
     */
    public static void referenceRow(float[] x, int from, int n, double[] y, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(x[from + j] - max);
            y[to + j] = e;
            sum += e;
        }
        double inverse = 1 / sum;
        for (int j = 0; j < n; j++) {
            y[to + j] *= inverse;
        }
    }

    /**
     * Relative error, with |ref| floored at {@link #RELATIVE_ERROR_FLOOR}; a NaN or infinity where the reference
     * is finite always fails.
     */
    @Override
    public Correctness check(SoftmaxWorkload w, float[] out, SoftmaxReference ref, Tolerance tolerance) {
        double[] y = ref.y();
        return Correctness.compare(out, y, i -> Math.max(Math.abs(y[i]), RELATIVE_ERROR_FLOOR), tolerance);
    }

    /**
     * {@value #FLOPS_PER_ELEMENT} FLOPs per element; bytes: each logit read once and each output written once,
     * 4 bytes each, the least any algorithm moves (more passes over a row that does not stay in cache move more).
     */
    @Override
    public Work work(SoftmaxWorkload w) {
        double elements = w.elements();
        return new Work(FLOPS_PER_ELEMENT * elements, 8 * elements);
    }

    /**
     * Logits and a kernel's output in both the harness and the benchmark JVM's view (4 bytes each), the double
     * reference (8 bytes) and a double scratch row for the reference kernel.
     */
    @Override
    public long footprintBytes(SoftmaxWorkload w) {
        long elements = w.elements();
        return 2 * 4 * elements + 2 * 4 * elements + 8 * elements + 8L * w.n();
    }
}
