package dev.mlbench.kernels.cpu.attention;

import dev.mlbench.kernels.cpu.LaneSum;
import dev.mlbench.kernels.cpu.VectorExp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops the attention kernels share: a small GEMM-like product, scores by dot products for
 * a few query rows, and the column-wise softmax steps on a transposed score tile. The only attention code
 * touching jdk.incubator.vector.
 *
 * <p>Flash keeps its score tiles transposed, Sᵀ[key][query]: one key's scores against a run of queries are
 * contiguous, so Sᵀ = K·Qᵀ is a plain product broadcasting K (Qᵀ is built once per query tile, not per key
 * tile), the softmax statistics of many queries (their running max and sum) are one vector, and O += P·V reads
 * Pᵀ by broadcasts. Naive keeps the usual row-major S = Q·Kᵀ, built against a transposed copy of K.
 */
final class AttentionVectors {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Columns of C accumulated in registers at once: four vectors. */
    private static final int BLOCK = 4 * L;
    /** Up to this many query rows, scores come from dot products along d instead of K·Qᵀ (see {@link #scoresT}). */
    static final int DOT_QUERIES = 4;

    private AttentionVectors() {
    }

    /**
     * C[m×n] = A·B, or C += A·B when {@code accumulate}, with B (k×n) and C row-major. Element (i, p) of A is
     * {@code a[aOff + i·aRow + p·aCol]}, so A may be read transposed (aRow = 1, aCol = its leading dimension).
     * Column blocks of four vectors, two rows of C sharing each load of B, a masked vector tail.
     */
    static void gemm(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        int j = 0;
        for (; j + BLOCK <= n; j += BLOCK) {
            int i = 0;
            for (; i + 2 <= m; i += 2) {
                twoRowsBlock(k, a, aOff + i * aRow, aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, accumulate);
            }
            if (i < m) {
                oneRowBlock(k, a, aOff + i * aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, accumulate);
            }
        }
        for (; j < n; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            for (int i = 0; i < m; i++) {
                int cAt = cOff + i * ldc + j;
                FloatVector acc = accumulate ? FloatVector.fromArray(S, c, cAt, mask) : FloatVector.zero(S);
                int aAt = aOff + i * aRow;
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.fromArray(S, b, bOff + p * ldb + j, mask).fma(FloatVector.broadcast(S, a[aAt + p * aCol]), acc);
                }
                acc.intoArray(c, cAt, mask);
            }
        }
    }

    private static void twoRowsBlock(int k, float[] a, int a0, int aRow, int aCol, float[] b, int bOff, int ldb,
                                     float[] c, int r0, int ldc, boolean accumulate) {
        int r1 = r0 + ldc;
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13;
        if (accumulate) {
            c00 = FloatVector.fromArray(S, c, r0);
            c01 = FloatVector.fromArray(S, c, r0 + L);
            c02 = FloatVector.fromArray(S, c, r0 + 2 * L);
            c03 = FloatVector.fromArray(S, c, r0 + 3 * L);
            c10 = FloatVector.fromArray(S, c, r1);
            c11 = FloatVector.fromArray(S, c, r1 + L);
            c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
            c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
        } else {
            c00 = FloatVector.zero(S);
            c01 = c00;
            c02 = c00;
            c03 = c00;
            c10 = c00;
            c11 = c00;
            c12 = c00;
            c13 = c00;
        }
        int a1 = a0 + aRow;
        for (int p = 0; p < k; p++) {
            int bAt = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bAt);
            FloatVector b1 = FloatVector.fromArray(S, b, bAt + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bAt + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bAt + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p * aCol]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            FloatVector y = FloatVector.broadcast(S, a[a1 + p * aCol]);
            c10 = b0.fma(y, c10);
            c11 = b1.fma(y, c11);
            c12 = b2.fma(y, c12);
            c13 = b3.fma(y, c13);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c02.intoArray(c, r0 + 2 * L);
        c03.intoArray(c, r0 + 3 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
    }

    private static void oneRowBlock(int k, float[] a, int a0, int aCol, float[] b, int bOff, int ldb,
                                    float[] c, int r0, boolean accumulate) {
        FloatVector c0, c1, c2, c3;
        if (accumulate) {
            c0 = FloatVector.fromArray(S, c, r0);
            c1 = FloatVector.fromArray(S, c, r0 + L);
            c2 = FloatVector.fromArray(S, c, r0 + 2 * L);
            c3 = FloatVector.fromArray(S, c, r0 + 3 * L);
        } else {
            c0 = FloatVector.zero(S);
            c1 = c0;
            c2 = c0;
            c3 = c0;
        }
        for (int p = 0; p < k; p++) {
            int bAt = bOff + p * ldb;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p * aCol]);
            c0 = FloatVector.fromArray(S, b, bAt).fma(x, c0);
            c1 = FloatVector.fromArray(S, b, bAt + L).fma(x, c1);
            c2 = FloatVector.fromArray(S, b, bAt + 2 * L).fma(x, c2);
            c3 = FloatVector.fromArray(S, b, bAt + 3 * L).fma(x, c3);
        }
        c0.intoArray(c, r0);
        c1.intoArray(c, r0 + L);
        c2.intoArray(c, r0 + 2 * L);
        c3.intoArray(c, r0 + 3 * L);
    }

    /** dst[c·ldDst + r] = src[srcOff + r·d + c] for r < rows, c < d: a rows×d block of Q as d×rows. */
    static void transpose(float[] src, int srcOff, int rows, int d, float[] dst, int ldDst) {
        for (int r = 0; r < rows; r++) {
            int from = srcOff + r * d;
            for (int c = 0; c < d; c++) {
                dst[c * ldDst + r] = src[from + c];
            }
        }
    }

    /**
     * Unscaled transposed scores of a block: st[j·queries + i] = K[j]·Q[i] for j < keys, i < queries, where K's
     * rows start at {@code kOff} and Q's at {@code qOff}, each d long. Many queries: Sᵀ = K·Qᵀ through
     * {@link #gemm} on {@code qt}, which must hold the block's Qᵀ (d×queries). A few queries (decode): dot
     * products along d, four keys at a time, where a product over so few columns would waste most lanes.
     */
    static void scoresT(int keys, int queries, int d, float[] k, int kOff, float[] q, int qOff, float[] qt, float[] st) {
        if (queries > DOT_QUERIES) {
            gemm(keys, queries, d, k, kOff, d, 1, qt, 0, queries, st, 0, queries, false);
            return;
        }
        for (int i = 0; i < queries; i++) {
            dots(keys, d, k, kOff, q, qOff + i * d, st, i, queries);
        }
    }

    /**
     * out[outOff + j·stride] = K[j]·q for j < keys: dot products along d with four keys in flight, whole vectors
     * first and a masked vector for the rest of d.
     */
    static void dots(int keys, int d, float[] k, int kOff, float[] q, int qOff, float[] out, int outOff, int stride) {
        int whole = S.loopBound(d);
        int j = 0;
        for (; j + 4 <= keys; j += 4) {
            int k0 = kOff + j * d;
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            int c = 0;
            for (; c < whole; c += L) {
                FloatVector x = FloatVector.fromArray(S, q, qOff + c);
                s0 = FloatVector.fromArray(S, k, k0 + c).fma(x, s0);
                s1 = FloatVector.fromArray(S, k, k0 + d + c).fma(x, s1);
                s2 = FloatVector.fromArray(S, k, k0 + 2 * d + c).fma(x, s2);
                s3 = FloatVector.fromArray(S, k, k0 + 3 * d + c).fma(x, s3);
            }
            if (c < d) {
                VectorMask<Float> mask = S.indexInRange(c, d);
                FloatVector x = FloatVector.fromArray(S, q, qOff + c, mask);
                s0 = FloatVector.fromArray(S, k, k0 + c, mask).fma(x, s0);
                s1 = FloatVector.fromArray(S, k, k0 + d + c, mask).fma(x, s1);
                s2 = FloatVector.fromArray(S, k, k0 + 2 * d + c, mask).fma(x, s2);
                s3 = FloatVector.fromArray(S, k, k0 + 3 * d + c, mask).fma(x, s3);
            }
            out[outOff + j * stride] = sum(s0);
            out[outOff + (j + 1) * stride] = sum(s1);
            out[outOff + (j + 2) * stride] = sum(s2);
            out[outOff + (j + 3) * stride] = sum(s3);
        }
        for (; j < keys; j++) {
            int kj = kOff + j * d;
            FloatVector s = FloatVector.zero(S);
            for (int c = 0; c < d; c += L) {
                VectorMask<Float> mask = S.indexInRange(c, d);
                s = FloatVector.fromArray(S, k, kj + c, mask).fma(FloatVector.fromArray(S, q, qOff + c, mask), s);
            }
            out[outOff + j * stride] = sum(s);
        }
    }

    /** The sum of the lanes in a fixed order ({@link LaneSum}). */
    static float sum(FloatVector v) {
        return LaneSum.PREFERRED.of(v);
    }

    /** The largest of x[0 .. n), -∞ when n = 0. */
    static float max(float[] x, int n) {
        return max(x, 0, n);
    }

    /** The largest of x[off .. off + n), -∞ when n = 0. */
    static float max(float[] x, int off, int n) {
        FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            m = m.max(FloatVector.fromArray(S, x, off + i, mask).blend(Float.NEGATIVE_INFINITY, mask.not()));
        }
        return m.reduceLanes(VectorOperators.MAX);
    }

    /**
     * Causal mask of a transposed score block: key {@code key0 + j} is hidden from query {@code query0 + i} when
     * it lies after the query's position, {@code key > query + offset}; hidden scores become -∞.
     */
    static void maskT(float[] st, int keys, int queries, int key0, int query0, int offset) {
        for (int j = 0; j < keys; j++) {
            // Queries below this local index cannot see key key0 + j.
            int firstVisible = Math.min(queries, Math.max(0, key0 + j - offset - query0));
            java.util.Arrays.fill(st, j * queries, j * queries + firstVisible, Float.NEGATIVE_INFINITY);
        }
    }

    /** max[i] = max over rows j < keys of st[j·queries + i], for every query i (column-wise over Sᵀ). */
    static void columnMax(float[] st, int keys, int queries, float[] max) {
        if (queries == 1) {
            max[0] = max(st, keys); // one query: its scores are a contiguous row
            return;
        }
        for (int i = 0; i < queries; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, queries);
            FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < keys; j++) {
                m = m.max(FloatVector.fromArray(S, st, j * queries + i, mask));
            }
            m.intoArray(max, i, mask);
        }
    }

    /**
     * st = exp(st·scale − shift[i]) in place, column by column, and sum[i] = Σ_j of the new values. A shift of
     * -∞ (a query that saw only masked keys so far) is treated as 0 so that its -∞ scores give 0, not NaN.
     */
    static void expColumns(float[] st, int keys, int queries, float scale, float[] shift, float[] sum) {
        if (queries == 1) {
            sum[0] = expRow(st, keys, scale, shift[0] == Float.NEGATIVE_INFINITY ? 0 : shift[0]);
            return;
        }
        for (int i = 0; i < queries; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, queries);
            FloatVector m = FloatVector.fromArray(S, shift, i, mask);
            FloatVector negShift = FloatVector.zero(S).blend(m.neg(), m.compare(VectorOperators.NE, Float.NEGATIVE_INFINITY));
            FloatVector factor = FloatVector.broadcast(S, scale);
            FloatVector total = FloatVector.zero(S);
            for (int j = 0; j < keys; j++) {
                int at = j * queries + i;
                FloatVector p = VectorExp.polyExp(FloatVector.fromArray(S, st, at, mask).fma(factor, negShift));
                p.intoArray(st, at, mask);
                total = total.add(p);
            }
            total.intoArray(sum, i, mask);
        }
    }

    /** x[i] = exp(x[i]·scale − shift) for i < n, returning the sum of the new values; shift must be finite. */
    static float expRow(float[] x, int n, float scale, float shift) {
        return expRow(x, 0, n, scale, shift);
    }

    /** x[off + i] = exp(x[off + i]·scale − shift) for i < n, returning their sum; shift must be finite. */
    static float expRow(float[] x, int off, int n, float scale, float shift) {
        FloatVector factor = FloatVector.broadcast(S, scale);
        FloatVector negShift = FloatVector.broadcast(S, -shift);
        FloatVector total = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector p = VectorExp.polyExp(FloatVector.fromArray(S, x, off + i, mask).fma(factor, negShift));
            p.intoArray(x, off + i, mask);
            total = total.add(p, mask);
        }
        return sum(total);
    }

    /** x[i] *= factor for i < n. */
    static void scale(float[] x, int off, int n, float factor) {
        FloatVector f = FloatVector.broadcast(S, factor);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, off + i, mask).mul(f).intoArray(x, off + i, mask);
        }
    }

    /**
     * One online-softmax step for n queries whose tile maxima (unscaled) are in {@code tileMax}: the new running
     * maxima max(runningMax, tileMax·scale) go to {@code newMax}, and {@code alpha} receives the factor
     * exp(runningMax − newMax) that rescales what was accumulated under the old maxima (1 while both are -∞).
     */
    static void onlineMax(float[] runningMax, float[] tileMax, float scale, float[] newMax, float[] alpha, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector old = FloatVector.fromArray(S, runningMax, i, mask);
            FloatVector next = old.max(FloatVector.fromArray(S, tileMax, i, mask).mul(scale));
            next.intoArray(newMax, i, mask);
            FloatVector e = VectorExp.polyExp(old.sub(next));
            e.blend(1f, next.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY)).intoArray(alpha, i, mask);
        }
    }

    /** sum[i] = sum[i]·alpha[i] + tileSum[i] for i < n: the running softmax denominators after a tile. */
    static void rescaleSums(float[] sum, float[] alpha, float[] tileSum, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector.fromArray(S, sum, i, mask).fma(FloatVector.fromArray(S, alpha, i, mask), FloatVector.fromArray(S, tileSum, i, mask))
                    .intoArray(sum, i, mask);
        }
    }
}
