package dev.mlbench.kernels.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.List;

/** The Vector API loops of {@link VectorGemmKernel}; the only GEMM code touching jdk.incubator.vector. */
final class VectorGemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns of C accumulated in registers at once: four vectors. */
    private static final int BLOCK = 4 * L;
    /** Below this many rows a shape is flat (decode): threads split the columns, so each reads B once. */
    private static final int FLAT_ROWS = 64;

    private VectorGemm() {
    }

    /**
     * Splits C into one tile {rowFrom, rowTo, colFrom, colTo} per thread: by rows for tall shapes, by
     * column ranges aligned to {@link #BLOCK} for flat ones.
     */
    static List<int[]> partition(int m, int n, int threads) {
        List<int[]> tiles = new ArrayList<>();
        int blocks = (n + BLOCK - 1) / BLOCK;
        if (m >= FLAT_ROWS || blocks < threads) {
            int parts = Math.min(threads, m);
            for (int t = 0; t < parts; t++) {
                tiles.add(new int[] {(int) ((long) m * t / parts), (int) ((long) m * (t + 1) / parts), 0, n});
            }
        } else {
            for (int t = 0; t < threads; t++) {
                int from = Math.min(n, blocks * t / threads * BLOCK);
                int to = t == threads - 1 ? n : Math.min(n, blocks * (t + 1) / threads * BLOCK);
                tiles.add(new int[] {0, m, from, to});
            }
        }
        return tiles;
    }

    /**
     * C[rows, cols] = A[rows, :] · B[:, cols] for one tile. Column blocks are the outer loop so the k×BLOCK
     * panel of B stays in cache while every row of the tile uses it; two rows share each load of B.
     */
    static void multiply(int n, int k, float[] a, float[] b, float[] c, int rowFrom, int rowTo, int colFrom, int colTo) {
        int j = colFrom;
        for (; j + BLOCK <= colTo; j += BLOCK) {
            int i = rowFrom;
            for (; i + 2 <= rowTo; i += 2) {
                twoRowsBlock(n, k, a, b, c, i, j);
            }
            if (i < rowTo) {
                oneRowBlock(n, k, a, b, c, i, j);
            }
        }
        for (; j + L <= colTo; j += L) {
            for (int i = rowFrom; i < rowTo; i++) {
                FloatVector acc = FloatVector.zero(S);
                int aRow = i * k;
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.fromArray(S, b, p * n + j).fma(FloatVector.broadcast(S, a[aRow + p]), acc);
                }
                acc.intoArray(c, i * n + j);
            }
        }
        for (; j < colTo; j++) {
            for (int i = rowFrom; i < rowTo; i++) {
                float acc = 0;
                int aRow = i * k;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[aRow + p], b[p * n + j], acc);
                }
                c[i * n + j] = acc;
            }
        }
    }

    private static void twoRowsBlock(int n, int k, float[] a, float[] b, float[] c, int i, int j) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        int a0 = i * k;
        int a1 = a0 + k;
        for (int p = 0; p < k; p++) {
            int bRow = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bRow);
            FloatVector b1 = FloatVector.fromArray(S, b, bRow + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bRow + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bRow + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            FloatVector y = FloatVector.broadcast(S, a[a1 + p]);
            c10 = b0.fma(y, c10);
            c11 = b1.fma(y, c11);
            c12 = b2.fma(y, c12);
            c13 = b3.fma(y, c13);
        }
        int r0 = i * n + j;
        int r1 = r0 + n;
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c02.intoArray(c, r0 + 2 * L);
        c03.intoArray(c, r0 + 3 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
    }

    private static void oneRowBlock(int n, int k, float[] a, float[] b, float[] c, int i, int j) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        int aRow = i * k;
        for (int p = 0; p < k; p++) {
            FloatVector x = FloatVector.broadcast(S, a[aRow + p]);
            int bRow = p * n + j;
            c0 = FloatVector.fromArray(S, b, bRow).fma(x, c0);
            c1 = FloatVector.fromArray(S, b, bRow + L).fma(x, c1);
            c2 = FloatVector.fromArray(S, b, bRow + 2 * L).fma(x, c2);
            c3 = FloatVector.fromArray(S, b, bRow + 3 * L).fma(x, c3);
        }
        int r = i * n + j;
        c0.intoArray(c, r);
        c1.intoArray(c, r + L);
        c2.intoArray(c, r + 2 * L);
        c3.intoArray(c, r + 3 * L);
    }
}
