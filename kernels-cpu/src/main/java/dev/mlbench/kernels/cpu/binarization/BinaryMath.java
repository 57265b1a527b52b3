package dev.mlbench.kernels.cpu.binarization;

/**
 * The two loops of a binarized operator, in one implementation each per kernel: packing activations into
 * signs ({@code dev.mlbench.tracks.binarization.BitPacking}'s layout) and the XNOR-popcount GEMM with the
 * algorithm's scales.
 */
interface BinaryMath {

    /**
     * Packs rows {@code [from, to)} of {@code x} ({@code len} values each) into {@code out}, {@code words(len)}
     * words per row; when {@code absSums} is not null, {@code absSums[r] = Σ|x_r|}.
     *
     * @param thresholds τ per position, or null for 0
     */
    void pack(float[] x, int len, float[] thresholds, int from, int to, long[] out, float[] absSums);

    /** The weights in this implementation's layout, from row-major packed rows ({@code n × words}): those rows by default. */
    default long[] layoutWeights(long[] rows, int n, int words) {
        return rows;
    }

    /** The weight scales in this implementation's layout (padded as {@link #layoutWeights} pads): as given by default. */
    default float[] layoutScales(float[] scales, int n) {
        return scales;
    }

    /**
     * {@code y[i·n + j] = r[i]·c[j]·(bits − 2·popcount(a_i XOR b_j))} for rows {@code [from, to)}.
     *
     * @param a     packed activation rows, {@code words} each
     * @param b     the weights from {@link #layoutWeights}
     * @param c     the scales from {@link #layoutScales}
     * @param bits  the reduction length K in signs
     */
    void multiply(long[] a, long[] b, int n, int words, int bits, int from, int to, float[] r, float[] c, float[] y);
}
