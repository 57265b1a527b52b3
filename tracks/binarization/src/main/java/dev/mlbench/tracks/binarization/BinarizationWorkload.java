package dev.mlbench.tracks.binarization;

import java.util.Objects;

/**
 * One binarized operator. Every op reduces to a GEMM-like shape over binary rows: {@link #rows()} rows of
 * activations against {@link #columns()} rows of weights, each row {@link #bits()} signs long, packed as
 * {@link #groups()} groups of {@link #groupLength()} signs (one group for pack and gemm; the nine 3×3 taps
 * of C channels for conv3x3), each group padded with zero bits to whole 64-bit words.
 *
 * @param op          what is measured
 * @param m           pack, gemm: rows of activations (tokens); 0 for conv3x3
 * @param n           gemm: output features (rows of weights); 0 for pack and conv3x3
 * @param k           pack, gemm: input features; 0 for conv3x3
 * @param channels    conv3x3: input channels C; 0 otherwise
 * @param height      conv3x3: image height H; 0 otherwise
 * @param width       conv3x3: image width W; 0 otherwise
 * @param outChannels conv3x3: output channels; 0 otherwise
 * @param algorithm   the binarization algorithm whose forward is computed
 * @param noise       standard deviation of the Gaussian noise added to the activations, relative to each
 *                    channel's own spread (BiBench's robustness idea); 0 for clean inputs
 */
public record BinarizationWorkload(BinaryOp op, int m, int n, int k, int channels, int height, int width, int outChannels,
                                   BinarizationAlgorithm algorithm, double noise) {

    /** Largest reduction length: keeps any wrong popcount detectable by the default tolerance (see the track). */
    public static final int MAX_BITS = 1 << 16;

    public BinarizationWorkload {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(algorithm, "algorithm");
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite number >= 0, got " + noise);
        }
        switch (op) {
            case PACK -> {
                require(m >= 1 && k >= 1, "pack needs m and k");
                require(n == 0 && channels == 0 && height == 0 && width == 0 && outChannels == 0, "pack takes only m and k");
            }
            case GEMM -> {
                require(m >= 1 && n >= 1 && k >= 1, "gemm needs m, n and k");
                require(channels == 0 && height == 0 && width == 0 && outChannels == 0, "gemm takes only m, n and k");
            }
            case CONV3X3 -> {
                require(channels >= 1 && height >= 1 && width >= 1 && outChannels >= 1, "conv3x3 needs c, h, w and out");
                require(m == 0 && n == 0 && k == 0, "conv3x3 takes only c, h, w and out");
            }
        }
        long bits = op == BinaryOp.CONV3X3 ? 9L * channels : k;
        require(bits <= MAX_BITS, "the reduction is " + bits + " signs long; at most " + MAX_BITS);
        long rows = op == BinaryOp.CONV3X3 ? (long) height * width : m;
        long cols = op == BinaryOp.CONV3X3 ? outChannels : n;
        for (long elements : new long[] {rows * bits, cols * bits, rows * cols}) {
            require(elements <= Integer.MAX_VALUE - 8, "a matrix of " + elements + " elements does not fit a Java array");
        }
    }

    /** A binary GEMM of m×k activations against n×k weights. */
    public static BinarizationWorkload gemm(int m, int n, int k, BinarizationAlgorithm algorithm) {
        return new BinarizationWorkload(BinaryOp.GEMM, m, n, k, 0, 0, 0, 0, algorithm, 0);
    }

    /** Packing of m×k activations. */
    public static BinarizationWorkload pack(int m, int k, BinarizationAlgorithm algorithm) {
        return new BinarizationWorkload(BinaryOp.PACK, m, 0, k, 0, 0, 0, 0, algorithm, 0);
    }

    /** A 3×3 convolution of a c×h×w image (stored h×w×c) to {@code out} channels. */
    public static BinarizationWorkload conv3x3(int c, int h, int w, int out, BinarizationAlgorithm algorithm) {
        return new BinarizationWorkload(BinaryOp.CONV3X3, 0, 0, 0, c, h, w, out, algorithm, 0);
    }

    /** The same operator with noise of relative level {@code level} added to the activations. */
    public BinarizationWorkload withNoise(double level) {
        return new BinarizationWorkload(op, m, n, k, channels, height, width, outChannels, algorithm, level);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Rows of binary activations: m, or one per output pixel (h·w) for conv3x3. */
    public int rows() {
        return op == BinaryOp.CONV3X3 ? height * width : m;
    }

    /** Rows of binary weights (outputs per activation row): n, or the output channels; 0 for pack. */
    public int columns() {
        return op == BinaryOp.CONV3X3 ? outChannels : n;
    }

    /** Groups each binary row is made of: 9 taps for conv3x3, else 1. */
    public int groups() {
        return op == BinaryOp.CONV3X3 ? 9 : 1;
    }

    /** Signs per group: C for conv3x3, else k. Also the length of each stored activation row. */
    public int groupLength() {
        return op == BinaryOp.CONV3X3 ? channels : k;
    }

    /** Signs per binary row (the reduction length K of the binary GEMM): 9·C or k. */
    public int bits() {
        return groups() * groupLength();
    }

    /** 64-bit words per group. */
    public int wordsPerGroup() {
        return BitPacking.words(groupLength());
    }

    /** 64-bit words per packed binary row. */
    public int wordsPerRow() {
        return groups() * wordsPerGroup();
    }

    /** Rows of stored fp32 activations: m, or h·w pixels of C channels each. */
    public int activationRows() {
        return rows();
    }
}
