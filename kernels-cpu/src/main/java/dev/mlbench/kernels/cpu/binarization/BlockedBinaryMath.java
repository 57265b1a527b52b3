package dev.mlbench.kernels.cpu.binarization;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register-blocked XNOR-popcount GEMM in outer-product form: the weights are stored in panels of
 * {@value #VECTORS}·L output channels (columns padded with zero words to whole panels), each panel word-major
 * and contiguous ({@code bt[panel·words·2L + w·2L + lane]}), so a vector holds word w of L output channels and
 * a panel streams from L1 without cache-set conflicts. Each step broadcasts word w of {@value #ROWS} activation rows and
 * XORs it with {@value #VECTORS} weight vectors: every weight load serves {@value #ROWS} rows, every
 * broadcast {@value #VECTORS}·L outputs, and no horizontal reduction is needed, whatever K is. The
 * popcounts accumulate in 64-bit lanes, either with one {@code BIT_COUNT} per word ({@code csa = false}) or
 * with Harley-Seal carry-save adders ({@code csa = true}): groups of four XOR results go through three
 * carry-save adders into running "ones" and "twos" words, and only the "fours" carry is counted, one
 * {@code BIT_COUNT} per four words. The epilogue converts the counts to float in vectors and applies the scales.
 *
 * <p>No vector crosses a method call (see {@link InnerBlockedBinaryMath}): the blocks write out every
 * XOR-popcount and leave their counts in a scratch array for the epilogue.
 */
final class BlockedBinaryMath implements BinaryMath {

    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Floats with as many lanes as S, for the epilogue. */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(L * Float.SIZE));
    /** Activation rows per register block (two for Harley-Seal, which keeps three vectors per accumulator). */
    static final int ROWS = 4;
    static final int CSA_ROWS = 2;
    /** Weight vectors per register block. */
    static final int VECTORS = 2;
    private static final int PANEL = VECTORS * L;

    private final boolean csa;

    BlockedBinaryMath(boolean csa) {
        this.csa = csa;
    }

    @Override
    public void pack(float[] x, int len, float[] thresholds, int from, int to, long[] out, float[] absSums) {
        VectorPacking.pack(x, len, thresholds, from, to, out, absSums);
    }

    static int paddedColumns(int n) {
        return (n + PANEL - 1) / PANEL * PANEL;
    }

    @Override
    public long[] layoutWeights(long[] rows, int n, int words) {
        long[] bt = new long[words * paddedColumns(n)];
        for (int j = 0; j < n; j++) {
            int panel = j / PANEL * words * PANEL + j % PANEL;
            for (int w = 0; w < words; w++) {
                bt[panel + w * PANEL] = rows[j * words + w];
            }
        }
        return bt;
    }

    @Override
    public float[] layoutScales(float[] scales, int n) {
        return java.util.Arrays.copyOf(scales, paddedColumns(n));
    }

    @Override
    public void multiply(long[] a, long[] bt, int n, int words, int bits, int from, int to, float[] r, float[] c, float[] y) {
        int rows = csa ? CSA_ROWS : ROWS;
        long[] counts = new long[ROWS * PANEL];
        for (int j = 0; j < n; j += PANEL) {
            int panel = j * words;
            int i = from;
            for (; i + rows <= to; i += rows) {
                if (csa) {
                    twoRowsHarleySeal(a, bt, panel, n, words, bits, i, j, r, c, y, counts);
                } else {
                    fourRows(a, bt, panel, n, words, bits, i, j, r, c, y, counts);
                }
            }
            for (; i < to; i++) {
                oneRow(a, bt, panel, n, words, bits, i, j, r, c, y, counts);
            }
        }
    }

    private static void fourRows(long[] a, long[] bt, int panel, int n, int words, int bits, int i, int j,
                                 float[] r, float[] c, float[] y, long[] counts) {
        LongVector s00 = LongVector.zero(S), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        int a0 = i * words;
        for (int w = 0; w < words; w++) {
            int o = panel + w * PANEL;
            LongVector b0 = LongVector.fromArray(S, bt, o);
            LongVector b1 = LongVector.fromArray(S, bt, o + L);
            LongVector x = LongVector.broadcast(S, a[a0 + w]);
            s00 = s00.add(x.lanewise(VectorOperators.XOR, b0).lanewise(VectorOperators.BIT_COUNT));
            s01 = s01.add(x.lanewise(VectorOperators.XOR, b1).lanewise(VectorOperators.BIT_COUNT));
            x = LongVector.broadcast(S, a[a0 + words + w]);
            s10 = s10.add(x.lanewise(VectorOperators.XOR, b0).lanewise(VectorOperators.BIT_COUNT));
            s11 = s11.add(x.lanewise(VectorOperators.XOR, b1).lanewise(VectorOperators.BIT_COUNT));
            x = LongVector.broadcast(S, a[a0 + 2 * words + w]);
            s20 = s20.add(x.lanewise(VectorOperators.XOR, b0).lanewise(VectorOperators.BIT_COUNT));
            s21 = s21.add(x.lanewise(VectorOperators.XOR, b1).lanewise(VectorOperators.BIT_COUNT));
            x = LongVector.broadcast(S, a[a0 + 3 * words + w]);
            s30 = s30.add(x.lanewise(VectorOperators.XOR, b0).lanewise(VectorOperators.BIT_COUNT));
            s31 = s31.add(x.lanewise(VectorOperators.XOR, b1).lanewise(VectorOperators.BIT_COUNT));
        }
        s00.intoArray(counts, 0);
        s01.intoArray(counts, L);
        s10.intoArray(counts, 2 * L);
        s11.intoArray(counts, 3 * L);
        s20.intoArray(counts, 4 * L);
        s21.intoArray(counts, 5 * L);
        s30.intoArray(counts, 6 * L);
        s31.intoArray(counts, 7 * L);
        store(counts, 4, n, bits, i, j, r, c, y);
    }

    private static void oneRow(long[] a, long[] bt, int panel, int n, int words, int bits, int i, int j,
                               float[] r, float[] c, float[] y, long[] counts) {
        LongVector s0 = LongVector.zero(S), s1 = s0;
        int a0 = i * words;
        for (int w = 0; w < words; w++) {
            int o = panel + w * PANEL;
            LongVector x = LongVector.broadcast(S, a[a0 + w]);
            s0 = s0.add(x.lanewise(VectorOperators.XOR, LongVector.fromArray(S, bt, o)).lanewise(VectorOperators.BIT_COUNT));
            s1 = s1.add(x.lanewise(VectorOperators.XOR, LongVector.fromArray(S, bt, o + L)).lanewise(VectorOperators.BIT_COUNT));
        }
        s0.intoArray(counts, 0);
        s1.intoArray(counts, L);
        store(counts, 1, n, bits, i, j, r, c, y);
    }

    /**
     * Harley-Seal over groups of four words for a 2×2 block of accumulators. Per accumulator the state is
     * (ones, twos, fours-count): with d0..d3 the XORs of one group,
     * {@code (twosA, ones) = CSA(ones, d0, d1)}, {@code (twosB, ones) = CSA(ones, d2, d3)},
     * {@code (fours, twos) = CSA(twos, twosA, twosB)}, {@code count += BIT_COUNT(fours)}; at the end
     * popcount = 4·count + 2·BIT_COUNT(twos) + BIT_COUNT(ones). Words past the last whole group are counted directly.
     */
    private static void twoRowsHarleySeal(long[] a, long[] bt, int panel, int n, int words, int bits, int i, int j,
                                          float[] r, float[] c, float[] y, long[] counts) {
        LongVector zero = LongVector.zero(S);
        LongVector o00 = zero, o01 = zero, o10 = zero, o11 = zero;
        LongVector t00 = zero, t01 = zero, t10 = zero, t11 = zero;
        LongVector f00 = zero, f01 = zero, f10 = zero, f11 = zero;
        int a0 = i * words;
        int a1 = a0 + words;
        int w = 0;
        for (; w + 4 <= words; w += 4) {
            // group of four words: XOR results per accumulator
            int o = panel + w * PANEL;
            LongVector b00 = LongVector.fromArray(S, bt, o), b01 = LongVector.fromArray(S, bt, o + L);
            LongVector b10 = LongVector.fromArray(S, bt, o + PANEL), b11 = LongVector.fromArray(S, bt, o + PANEL + L);
            LongVector b20 = LongVector.fromArray(S, bt, o + 2 * PANEL), b21 = LongVector.fromArray(S, bt, o + 2 * PANEL + L);
            LongVector b30 = LongVector.fromArray(S, bt, o + 3 * PANEL), b31 = LongVector.fromArray(S, bt, o + 3 * PANEL + L);
            LongVector x0 = LongVector.broadcast(S, a[a0 + w]), x1 = LongVector.broadcast(S, a[a0 + w + 1]);
            LongVector x2 = LongVector.broadcast(S, a[a0 + w + 2]), x3 = LongVector.broadcast(S, a[a0 + w + 3]);
            LongVector z0 = LongVector.broadcast(S, a[a1 + w]), z1 = LongVector.broadcast(S, a[a1 + w + 1]);
            LongVector z2 = LongVector.broadcast(S, a[a1 + w + 2]), z3 = LongVector.broadcast(S, a[a1 + w + 3]);
            // accumulator (row 0, vector 0)
            LongVector d0 = x0.lanewise(VectorOperators.XOR, b00), d1 = x1.lanewise(VectorOperators.XOR, b10);
            LongVector d2 = x2.lanewise(VectorOperators.XOR, b20), d3 = x3.lanewise(VectorOperators.XOR, b30);
            LongVector u = o00.lanewise(VectorOperators.XOR, d0);
            LongVector ta = o00.and(d0).or(u.and(d1));
            o00 = u.lanewise(VectorOperators.XOR, d1);
            u = o00.lanewise(VectorOperators.XOR, d2);
            LongVector tb = o00.and(d2).or(u.and(d3));
            o00 = u.lanewise(VectorOperators.XOR, d3);
            u = t00.lanewise(VectorOperators.XOR, ta);
            f00 = f00.add(t00.and(ta).or(u.and(tb)).lanewise(VectorOperators.BIT_COUNT));
            t00 = u.lanewise(VectorOperators.XOR, tb);
            // accumulator (row 0, vector 1)
            d0 = x0.lanewise(VectorOperators.XOR, b01);
            d1 = x1.lanewise(VectorOperators.XOR, b11);
            d2 = x2.lanewise(VectorOperators.XOR, b21);
            d3 = x3.lanewise(VectorOperators.XOR, b31);
            u = o01.lanewise(VectorOperators.XOR, d0);
            ta = o01.and(d0).or(u.and(d1));
            o01 = u.lanewise(VectorOperators.XOR, d1);
            u = o01.lanewise(VectorOperators.XOR, d2);
            tb = o01.and(d2).or(u.and(d3));
            o01 = u.lanewise(VectorOperators.XOR, d3);
            u = t01.lanewise(VectorOperators.XOR, ta);
            f01 = f01.add(t01.and(ta).or(u.and(tb)).lanewise(VectorOperators.BIT_COUNT));
            t01 = u.lanewise(VectorOperators.XOR, tb);
            // accumulator (row 1, vector 0)
            d0 = z0.lanewise(VectorOperators.XOR, b00);
            d1 = z1.lanewise(VectorOperators.XOR, b10);
            d2 = z2.lanewise(VectorOperators.XOR, b20);
            d3 = z3.lanewise(VectorOperators.XOR, b30);
            u = o10.lanewise(VectorOperators.XOR, d0);
            ta = o10.and(d0).or(u.and(d1));
            o10 = u.lanewise(VectorOperators.XOR, d1);
            u = o10.lanewise(VectorOperators.XOR, d2);
            tb = o10.and(d2).or(u.and(d3));
            o10 = u.lanewise(VectorOperators.XOR, d3);
            u = t10.lanewise(VectorOperators.XOR, ta);
            f10 = f10.add(t10.and(ta).or(u.and(tb)).lanewise(VectorOperators.BIT_COUNT));
            t10 = u.lanewise(VectorOperators.XOR, tb);
            // accumulator (row 1, vector 1)
            d0 = z0.lanewise(VectorOperators.XOR, b01);
            d1 = z1.lanewise(VectorOperators.XOR, b11);
            d2 = z2.lanewise(VectorOperators.XOR, b21);
            d3 = z3.lanewise(VectorOperators.XOR, b31);
            u = o11.lanewise(VectorOperators.XOR, d0);
            ta = o11.and(d0).or(u.and(d1));
            o11 = u.lanewise(VectorOperators.XOR, d1);
            u = o11.lanewise(VectorOperators.XOR, d2);
            tb = o11.and(d2).or(u.and(d3));
            o11 = u.lanewise(VectorOperators.XOR, d3);
            u = t11.lanewise(VectorOperators.XOR, ta);
            f11 = f11.add(t11.and(ta).or(u.and(tb)).lanewise(VectorOperators.BIT_COUNT));
            t11 = u.lanewise(VectorOperators.XOR, tb);
        }
        // popcount = 4·fours + 2·BIT_COUNT(twos) + BIT_COUNT(ones)
        LongVector s00 = f00.lanewise(VectorOperators.LSHL, 2).add(t00.lanewise(VectorOperators.BIT_COUNT).lanewise(VectorOperators.LSHL, 1))
                .add(o00.lanewise(VectorOperators.BIT_COUNT));
        LongVector s01 = f01.lanewise(VectorOperators.LSHL, 2).add(t01.lanewise(VectorOperators.BIT_COUNT).lanewise(VectorOperators.LSHL, 1))
                .add(o01.lanewise(VectorOperators.BIT_COUNT));
        LongVector s10 = f10.lanewise(VectorOperators.LSHL, 2).add(t10.lanewise(VectorOperators.BIT_COUNT).lanewise(VectorOperators.LSHL, 1))
                .add(o10.lanewise(VectorOperators.BIT_COUNT));
        LongVector s11 = f11.lanewise(VectorOperators.LSHL, 2).add(t11.lanewise(VectorOperators.BIT_COUNT).lanewise(VectorOperators.LSHL, 1))
                .add(o11.lanewise(VectorOperators.BIT_COUNT));
        for (; w < words; w++) {
            int o = panel + w * PANEL;
            LongVector b0 = LongVector.fromArray(S, bt, o);
            LongVector b1 = LongVector.fromArray(S, bt, o + L);
            LongVector x = LongVector.broadcast(S, a[a0 + w]);
            s00 = s00.add(x.lanewise(VectorOperators.XOR, b0).lanewise(VectorOperators.BIT_COUNT));
            s01 = s01.add(x.lanewise(VectorOperators.XOR, b1).lanewise(VectorOperators.BIT_COUNT));
            x = LongVector.broadcast(S, a[a1 + w]);
            s10 = s10.add(x.lanewise(VectorOperators.XOR, b0).lanewise(VectorOperators.BIT_COUNT));
            s11 = s11.add(x.lanewise(VectorOperators.XOR, b1).lanewise(VectorOperators.BIT_COUNT));
        }
        s00.intoArray(counts, 0);
        s01.intoArray(counts, L);
        s10.intoArray(counts, 2 * L);
        s11.intoArray(counts, 3 * L);
        store(counts, 2, n, bits, i, j, r, c, y);
    }

    /**
     * Rows i .. i + rows, columns j .. j + 2L (those below n), from the counts the block left in {@code counts}
     * (row-major, 2L per row): {@code y = (bits − 2·pop)·c_j·r_i}, in float vectors.
     */
    private static void store(long[] counts, int rows, int n, int bits, int i, int j, float[] r, float[] c, float[] y) {
        for (int q = 0; q < rows; q++) {
            float ri = r[i + q];
            int row = (i + q) * n;
            for (int v = 0; v < VECTORS; v++) {
                int col = j + v * L;
                if (col >= n) {
                    break;
                }
                FloatVector count = (FloatVector) LongVector.fromArray(S, counts, (q * VECTORS + v) * L).convertShape(VectorOperators.L2F, F, 0);
                FloatVector out = count.mul(-2f).add(bits).mul(FloatVector.fromArray(F, c, col)).mul(ri);
                if (col + L <= n) {
                    out.intoArray(y, row + col);
                } else {
                    out.intoArray(y, row + col, F.indexInRange(col, n));
                }
            }
        }
    }
}
