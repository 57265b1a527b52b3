package dev.mlbench.tracks.quantization;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Quantization formats and quantized GEMV/GEMM. Every kernel's output is compared with the fp32 product of
 * the unquantized operands (computed in double), so every row reports the accuracy its format costs: SQNR,
 * cosine and max abs error. A row passes when its SQNR reaches the format's documented floor.
 */
public final class QuantTrack implements Track<QuantWorkload, QuantInputs, float[], double[]> {

    /** The track's name. */
    public static final String NAME = "quantization";
    /** Largest dimension accepted. */
    public static final int MAX_DIMENSION = 1 << 20;
    /** Largest matrix a Java array holds. */
    public static final long MAX_MATRIX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** Outlier channels: one per this many input features, at least one. */
    public static final int FEATURES_PER_OUTLIER = 512;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "quantization formats (INT8, LLM.int8, INT4 group-wise, MX, BFP): quantize, dequantize, GEMV, GEMM; accuracy beside speed";
    }

    @Override
    public List<ParamSpec> workloadParams() {
        return List.of(
                new ParamSpec("op", ParamSpec.Type.STRING, 0, 0, null, "quantize, dequantize, gemv or gemm"),
                ParamSpec.requiredInt("m", 1, MAX_DIMENSION, "rows of X (tokens); 1 for gemv"),
                ParamSpec.optionalInt("n", 1, MAX_DIMENSION, 1, "output channels: rows of W (ignored by quantize/dequantize)"),
                ParamSpec.requiredInt("k", 1, MAX_DIMENSION, "input features: the reduction length, blocks run along it"),
                new ParamSpec("format", ParamSpec.Type.STRING, 0, 0, null, "one of " + String.join(", ", QuantFormat.names())),
                new ParamSpec("activations", ParamSpec.Type.STRING, 0, 0, "gaussian", "gaussian or outliers"));
    }

    @Override
    public QuantWorkload workload(ParamValues v) {
        return new QuantWorkload(QuantOp.of(v.getString("op")), v.getInt("m"), v.getInt("n"), v.getInt("k"),
                QuantFormat.of(v.getString("format")), Activations.of(v.getString("activations")));
    }

    @Override
    public String label(QuantWorkload w) {
        String shape = w.op().isProduct() ? w.m() + "x" + w.n() + "x" + w.k() : w.m() + "x" + w.k();
        return w.op().label() + " " + w.format().label() + " " + w.activations().label() + " " + shape;
    }

    /** Not used: the check applies each format's SQNR floor ({@link QuantFormat#sqnrFloorDb}). */
    @Override
    public Tolerance defaultTolerance() {
        return new Tolerance(0, 0);
    }

    /**
     * X (m×k) then W (n×k, products only), standard normal from one seeded generator; for outlier
     * activations the outlier channels and their factors are drawn after W.
     */
    @Override
    public QuantInputs inputs(QuantWorkload w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[w.m() * w.k()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] weights = new float[w.op().isProduct() ? w.n() * w.k() : 0];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        if (w.activations() == Activations.OUTLIERS) {
            for (int c : outlierChannels(w.k(), random)) {
                float factor = (float) (10 + 90 * random.nextDouble());
                for (int r = 0; r < w.m(); r++) {
                    x[r * w.k() + c] *= factor;
                }
            }
        }
        return new QuantInputs(x, weights);
    }

    private static int[] outlierChannels(int k, SplittableRandom random) {
        int count = Math.max(1, k / FEATURES_PER_OUTLIER);
        return random.ints(0, k).distinct().limit(count).toArray();
    }

    /** The product X·Wᵀ of the unquantized operands in double, or X itself for quantize/dequantize. */
    @Override
    public double[] reference(QuantWorkload w, QuantInputs in) {
        if (!w.op().isProduct()) {
            double[] x = new double[in.x().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = in.x()[i];
            }
            return x;
        }
        return product(in.x(), in.w(), w.m(), w.n(), w.k());
    }

    /** Y = X·Wᵀ in double: X m×k, W n×k, Y m×n. */
    public static double[] product(float[] x, float[] weights, int m, int n, int k) {
        double[] y = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                int xo = i * k;
                int wo = j * k;
                for (int p = 0; p < k; p++) {
                    acc += (double) x[xo + p] * weights[wo + p];
                }
                y[i * n + j] = acc;
            }
        }
        return y;
    }

    /**
     * Passes when every output is finite and the SQNR against the reference reaches the format's floor.
     * maxRelErr reports the relative RMS error; the metrics carry {@code sqnr_db}, {@code cosine},
     * {@code max_abs_err} and the floor applied, {@code sqnr_floor_db}.
     */
    @Override
    public Correctness check(QuantWorkload w, float[] out, double[] ref, Tolerance tolerance) {
        if (out.length != ref.length) {
            return new Correctness(Double.NaN, Double.NaN, tolerance, false,
                    "output has " + out.length + " elements, reference has " + ref.length);
        }
        Accuracy a = Accuracy.of(out, ref);
        double floor = w.format().sqnrFloorDb(w.activations());
        boolean passed = a.finite() && a.sqnrDb() >= floor;
        String detail = passed ? "" : !a.finite() ? "an output is NaN or infinite"
                : String.format(Locale.ROOT, "SQNR %.2f dB is below the %s floor of %.1f dB (cosine %.6f)", a.sqnrDb(),
                        w.format().label(), floor, a.cosine());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("sqnr_db", a.sqnrDb());
        metrics.put("cosine", a.cosine());
        metrics.put("max_abs_err", a.maxAbsErr());
        metrics.put("sqnr_floor_db", floor);
        return new Correctness(a.maxAbsErr(), a.relRms(), tolerance, passed, detail, metrics);
    }

    /**
     * Products: 2·m·n·k operations (counted as FLOPs whatever the format: the work of the fp32 product they
     * stand for) and the fp32 bytes of X, W and Y, so GB/s is fp32-equivalent bandwidth, comparable across
     * formats. Quantize and dequantize: one integer operation per element and the 4·m·k bytes of the fp32
     * tensor (GB/s of fp32 input).
     */
    @Override
    public Work work(QuantWorkload w) {
        double m = w.m();
        double n = w.n();
        double k = w.k();
        if (!w.op().isProduct()) {
            return new Work(m * k, 4 * m * k, Work.OpUnit.INT_OP, Work.Roof.MEMORY);
        }
        return new Work(2 * m * n * k, 4 * (m * k + n * k + m * n));
    }

    /**
     * Inputs in both JVM views, the double reference, a kernel's quantized copy (at most 4 bytes per
     * element plus side data) and its dequantized copy (the simulated kernel), and the output.
     */
    @Override
    public long footprintBytes(QuantWorkload w) {
        long x = 4L * w.m() * w.k();
        long weights = w.op().isProduct() ? 4L * w.n() * w.k() : 0;
        long out = 4L * w.outputLength();
        return 2 * (x + weights) + 2 * (x + weights) + 2 * out + 2 * out;
    }

    /**
     * The operands as the format quantizes them, decoded back to fp32: what every kernel of this format
     * multiplies, so its output must match the product of these up to fp32 rounding. For quantize and
     * dequantize, the decoded X (and an empty W).
     */
    public static QuantInputs dequantized(QuantWorkload w, QuantInputs in) {
        if (!w.op().isProduct()) {
            Codec c = w.format().tensorCodec();
            return new QuantInputs(c.decode(c.encode(in.x(), w.m(), w.k())), new float[0]);
        }
        Codec act = w.format().activationCodec();
        QuantTensor xq = act == null ? null : act.encode(in.x(), w.m(), w.k());
        float[] x = act == null ? in.x() : act.decode(xq);
        Codec wc = w.format().weightCodec(xq);
        return new QuantInputs(x, wc.decode(wc.encode(in.w(), w.n(), w.k())));
    }
}
