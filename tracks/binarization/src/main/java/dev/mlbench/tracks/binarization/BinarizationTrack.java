package dev.mlbench.tracks.binarization;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;

import java.util.List;
import java.util.SplittableRandom;

/**
 * BiBench's binarized operators on this machine: bit packing, binary GEMM and binary 3×3 convolution with
 * XNOR-popcount kernels, for eight binarization algorithms, against the exact ±1 forward (speed side) and the
 * fp32 operator (accuracy side).
 */
public final class BinarizationTrack implements Track<BinarizationWorkload, BinarizationInputs, BinarizationOutput, BinarizationReference> {

    /** The track's name. */
    public static final String NAME = "binarization";
    /** Largest dimension accepted. */
    public static final int MAX_DIMENSION = 1 << 20;
    /** Largest relative noise accepted. */
    public static final double MAX_NOISE = 10;
    /**
     * Default tolerance. Binary outputs: |y − r·c·dot| ≤ atol + rtol·|r·c|·(|dot| + 1). Scales are floats,
     * so a correct kernel is off by a few ulps of |y| (relative 1e-7), far inside rtol = 2e-5; a popcount
     * off by one changes dot by 2, which exceeds 2e-5·(|dot| + 1) for every |dot| ≤ K ≤ 65536: the integer
     * part is checked exactly. fp32 outputs: the gemm track's rule, rtol·Σ|a||w|.
     */
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-30, 2e-5);
    /** Calibration rows for a GEMM (a convolution calibrates on a whole image of its shape). */
    static final int GEMM_CALIBRATION_ROWS = 256;
    /** Share of weights drawn as outliers, and their magnification. */
    static final double OUTLIER_SHARE = 0.01;
    static final double OUTLIER_GAIN = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "binarized operators (BiBench algorithms): bit packing, XNOR-popcount GEMM and 3x3 convolution";
    }

    @Override
    public List<ParamSpec> workloadParams() {
        return List.of(
                new ParamSpec("op", ParamSpec.Type.STRING, 0, 0, "gemm", "operation: " + String.join(", ", BinaryOp.keys())),
                ParamSpec.optionalInt("m", 0, MAX_DIMENSION, 0, "pack, gemm: rows of activations"),
                ParamSpec.optionalInt("n", 0, MAX_DIMENSION, 0, "gemm: output features"),
                ParamSpec.optionalInt("k", 0, MAX_DIMENSION, 0, "pack, gemm: input features (the reduction)"),
                ParamSpec.optionalInt("c", 0, MAX_DIMENSION, 0, "conv3x3: input channels"),
                ParamSpec.optionalInt("h", 0, MAX_DIMENSION, 0, "conv3x3: image height"),
                ParamSpec.optionalInt("w", 0, MAX_DIMENSION, 0, "conv3x3: image width"),
                ParamSpec.optionalInt("out", 0, MAX_DIMENSION, 0, "conv3x3: output channels"),
                new ParamSpec("algorithm", ParamSpec.Type.STRING, 0, 0, BinarizationAlgorithm.XNOR_NET.key(),
                        "binarization algorithm: " + String.join(", ", BinarizationAlgorithm.keys())),
                new ParamSpec("noise", ParamSpec.Type.DOUBLE, 0, MAX_NOISE, 0.0,
                        "Gaussian noise added to the activations, relative to each channel's spread"));
    }

    @Override
    public BinarizationWorkload workload(ParamValues v) {
        return new BinarizationWorkload(BinaryOp.of(v.getString("op")), v.getInt("m"), v.getInt("n"), v.getInt("k"),
                v.getInt("c"), v.getInt("h"), v.getInt("w"), v.getInt("out"),
                BinarizationAlgorithm.of(v.getString("algorithm")), v.getDouble("noise"));
    }

    @Override
    public String label(BinarizationWorkload w) {
        String shape = switch (w.op()) {
            case PACK -> "pack " + w.m() + "x" + w.k();
            case GEMM -> w.m() + "x" + w.n() + "x" + w.k();
            case CONV3X3 -> "conv " + w.channels() + "x" + w.height() + "x" + w.width() + ">" + w.outChannels();
        };
        return shape + " " + w.algorithm().key() + (w.noise() > 0 ? " noise " + w.noise() : "");
    }

    @Override
    public Tolerance defaultTolerance() {
        return DEFAULT_TOLERANCE;
    }

    /**
     * Activations: channel c (a column; for conv3x3 an input channel) is Gaussian with its own mean, uniform
     * in [−0.3, 0.3), and spread, uniform in [0.5, 1.5): sign-based binarization loses what the offsets carry,
     * which is what ReActNet's threshold recovers. Weights: each output channel Gaussian with its own spread
     * in [0.25, 1.75), 1% of the weights four times larger (what ReCU's clamp is for). Noise: Gaussian of
     * {@code noise ×} the channel's spread. Calibration: a separate batch from the same distribution.
     */
    @Override
    public BinarizationInputs inputs(BinarizationWorkload w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int len = w.groupLength();
        float[] mean = new float[len];
        float[] spread = new float[len];
        for (int c = 0; c < len; c++) {
            mean[c] = (float) (random.nextDouble() * 0.6 - 0.3);
            spread[c] = (float) (0.5 + random.nextDouble());
        }
        float[] clean = activations(random.split(), w.rows(), mean, spread);
        float[] noisy = clean;
        SplittableRandom noise = random.split(); // split whatever the level, so noise changes nothing else
        if (w.noise() > 0) {
            noisy = clean.clone();
            for (int i = 0; i < noisy.length; i++) {
                noisy[i] += (float) (w.noise() * spread[i % len] * noise.nextGaussian());
            }
        }
        int cols = w.columns();
        int k = w.bits();
        float[] weights = new float[cols * k];
        SplittableRandom wr = random.split();
        for (int j = 0; j < cols; j++) {
            double scale = 0.25 + 1.5 * wr.nextDouble();
            for (int p = 0; p < k; p++) {
                double gain = wr.nextDouble() < OUTLIER_SHARE ? OUTLIER_GAIN : 1;
                weights[j * k + p] = (float) (scale * gain * wr.nextGaussian());
            }
        }
        Calibration calibration = Calibration.NONE;
        if (w.algorithm().shiftsActivations() || w.algorithm().weightScale() == BinarizationAlgorithm.WeightScale.FITTED) {
            BinarizationWorkload shape = w.op() == BinaryOp.GEMM
                    ? BinarizationWorkload.gemm(Math.min(w.m(), GEMM_CALIBRATION_ROWS), w.n(), w.k(), w.algorithm()) : w;
            float[] calib = activations(random.split(), shape.rows(), mean, spread);
            calibration = Calibration.fit(shape, calib, weights);
        }
        return new BinarizationInputs(noisy, clean, weights, calibration);
    }

    private static float[] activations(SplittableRandom random, int rows, float[] mean, float[] spread) {
        int len = mean.length;
        float[] a = new float[rows * len];
        for (int i = 0; i < a.length; i++) {
            int c = i % len;
            a[i] = (float) (mean[c] + spread[c] * random.nextGaussian());
        }
        return a;
    }

    /**
     * Pack: the scalar {@link BitPacking} of the activations and XNOR-Net's scales. Otherwise the exact ±1
     * forward of the algorithm in double ({@link Operand}), the fp32 operator in double with its error scale,
     * and the fp32 operator on the clean inputs when there is noise.
     */
    @Override
    public BinarizationReference reference(BinarizationWorkload w, BinarizationInputs in) {
        BinarizedLayer layer = BinarizedLayer.of(w, in);
        if (w.op() == BinaryOp.PACK) {
            long[] packed = BitPacking.pack(in.activations(), w.rows(), w.k(), layer.thresholds());
            double[] scales = layer.meanAbsRows() ? Operand.meanAbsPerRow(w, in.activations()) : new double[0];
            return new BinarizationReference(packed, scales, null, null, null, null, null);
        }
        int rows = w.rows();
        int cols = w.columns();
        int k = w.bits();
        double[] a = Operand.activationSigns(w, in.activations(), layer.thresholds());
        double[] b = Operand.signs(w.algorithm().weightSignSource(in.weights(), cols, k));
        double[] dot = Operand.productTransposed(a, rows, b, cols, k, false);
        double[] r = layer.meanAbsRows() ? Operand.meanAbsPerRow(w, in.activations()) : null;
        double[] binary = new double[rows * cols];
        double[] scale = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            double ri = r != null ? r[i] : layer.staticRowScales() != null ? layer.staticRowScales()[i] : 1;
            for (int j = 0; j < cols; j++) {
                double rc = ri * layer.weightScales()[j];
                double d = dot[i * cols + j];
                binary[i * cols + j] = rc * d;
                scale[i * cols + j] = Math.abs(rc) * (Math.abs(d) + 1);
            }
        }
        double[] values = Operand.activationRows(w, in.activations());
        double[] weights = Operand.widen(in.weights());
        double[] fp32 = Operand.productTransposed(values, rows, weights, cols, k, false);
        double[] magnitude = Operand.productTransposed(values, rows, weights, cols, k, true);
        double[] clean = null;
        if (w.noise() > 0) {
            clean = Operand.productTransposed(Operand.activationRows(w, in.cleanActivations()), rows, weights, cols, k, false);
        }
        return new BinarizationReference(null, null, binary, scale, fp32, magnitude, clean);
    }

    @Override
    public Correctness check(BinarizationWorkload w, BinarizationOutput out, BinarizationReference ref, Tolerance tolerance) {
        BinarizationOutput.Kind expected = w.op() == BinaryOp.PACK ? BinarizationOutput.Kind.PACKED : null;
        if (out.kind() == BinarizationOutput.Kind.PACKED ^ expected != null) {
            return new Correctness(Double.NaN, Double.NaN, tolerance, false,
                    "a " + out.kind() + " result does not answer a " + w.op().key() + " workload");
        }
        return switch (out.kind()) {
            case PACKED -> checkPacked(out, ref, tolerance);
            case BINARY -> Correctness.compare(out.values(), ref.binary(), i -> ref.binaryScale()[i], tolerance)
                    .withMetrics(Fidelity.metrics(out.values(), ref));
            case FP32 -> Correctness.compare(out.values(), ref.fp32(), i -> ref.fp32Magnitude()[i], tolerance)
                    .withMetrics(Fidelity.metrics(out.values(), ref));
        };
    }

    /** Every word exactly; the activation scales within rtol of themselves. */
    private static Correctness checkPacked(BinarizationOutput out, BinarizationReference ref, Tolerance tolerance) {
        long[] bits = out.packed();
        long[] expected = ref.packed();
        if (bits == null || bits.length != expected.length) {
            return new Correctness(Double.NaN, Double.NaN, tolerance, false,
                    "packed output has " + (bits == null ? "no" : bits.length) + " words, expected " + expected.length);
        }
        for (int i = 0; i < bits.length; i++) {
            if (bits[i] != expected[i]) {
                return new Correctness(Double.NaN, Double.NaN, tolerance, false, "word " + i + " is 0x" + Long.toHexString(bits[i])
                        + ", expected 0x" + Long.toHexString(expected[i]) + " (bits 0x" + Long.toHexString(bits[i] ^ expected[i]) + " differ)");
            }
        }
        return Correctness.compare(out.values(), ref.rowScales(), tolerance);
    }

    /**
     * Pack: one integer operation (a compare) per activation; bytes: the fp32 activations read, the packed
     * words and any scales written. Gemm and conv3x3: binary operations, two per ±1 multiply-accumulate (the
     * XNOR and its share of the popcount-add, as a fused multiply-add is two FLOPs), so 2·BOPs = 2·m·n·K;
     * bytes: the fp32 activations read, the packed weights read, the fp32 output written. The fp32 comparison
     * kernels are timed against the same work: their GOP/s counts the same multiply-accumulates, twice, which
     * is exactly their GFLOP/s.
     */
    @Override
    public Work work(BinarizationWorkload w) {
        double activationBytes = 4.0 * w.rows() * w.groupLength();
        if (w.op() == BinaryOp.PACK) {
            return new Work((double) w.rows() * w.k(),
                    activationBytes + 8.0 * w.rows() * w.wordsPerRow() + (w.algorithm().scalesActivations() ? 4.0 * w.rows() : 0),
                    Work.OpUnit.INT_OP, Work.Roof.MEMORY);
        }
        Complexity c = Complexity.of(w);
        return new Work(2 * c.bops(), activationBytes + c.packedBytes() + 4.0 * w.rows() * w.columns(),
                Work.OpUnit.BINARY_OP, Work.Roof.MEMORY);
    }

    /**
     * Inputs (twice with noise) and calibration, the reference's double im2col matrices and outputs, and a
     * kernel's fp32 im2col, packed operands and output in both JVM views.
     */
    @Override
    public long footprintBytes(BinarizationWorkload w) {
        long rows = w.rows();
        long cols = w.columns();
        long k = w.bits();
        long activations = 4 * rows * w.groupLength();
        long weights = 4 * cols * k;
        long reference = 8 * rows * k * 2 + 8 * rows * cols * 7;
        long kernel = 4 * rows * k + 8 * (rows + cols) * w.wordsPerRow() + 4 * rows * cols * 2;
        return 4 * activations + 2 * weights + reference + 2 * kernel;
    }
}
