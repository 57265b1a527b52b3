package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.kernels.cpu.LaneSum;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmWorkload;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Map;

/**
 * The bandwidth path for flat GEMMs (LLM decode, m ≤ {@link #MAX_ROWS}): B is read from memory exactly once
 * and all m rows of A meet each part of it while it is in L1. Packing would read and write B once more than
 * the product itself, which for these shapes costs more than the product.
 * <ul>
 *   <li>B stored k×n (NN, TN): threads split the columns of C into tiles of four vectors; for each chunk of
 *       {@code chunk} rows of B, every tile of the thread's columns is read once from memory and once more
 *       from L1 for each further group of four rows of C, whose accumulators stay in registers;</li>
 *   <li>B stored n×k (NT): threads split the rows of B; each pair of rows of B is streamed once against every
 *       group of four rows of A, as dot products along k.</li>
 * </ul>
 */
final class StreamingGemm extends VectorGemmPlan {

    /** The most rows of C this path takes; taller shapes reuse B enough to be worth packing. */
    static final int MAX_ROWS = 16;
    /** Vectors per column tile (NN, TN). */
    private static final int TILE_VECTORS = 4;

    private final int chunk;
    /** The NT path's dot products end in a lane sum of a fixed order, so every call gives the same output. */
    private final LaneSum laneSum;
    private final boolean transB;
    /** Per thread: the register tile's scratch, four rows of a column tile. */
    private final float[][] tiles;
    /** Step in A between op(A)'s rows and between its columns. */
    private final int aRowStep;
    private final int aColStep;

    /** @param chunk rows of B per pass over the columns (NN, TN) */
    StreamingGemm(ConstantSpecies species, int chunk, GemmWorkload w, GemmInputs in, float[] c, GemmWorkers workers) {
        if (w.m() > MAX_ROWS) {
            throw new IllegalArgumentException("the streaming path takes at most " + MAX_ROWS + " rows, got " + w.m());
        }
        super(species, w, in, c, workers);
        this.chunk = chunk;
        this.transB = w.layout().transB();
        this.aRowStep = w.layout().transA() ? 1 : k;
        this.aColStep = w.layout().transA() ? m : 1;
        this.tiles = new float[workers.threads()][4 * TILE_VECTORS * lanes];
        this.laneSum = new LaneSum(species.get());
    }

    @Override
    void run() throws Exception {
        workers.run(transB ? this::dotProducts : this::columnTiles);
    }

    @Override
    Map<String, Double> metrics() {
        return Map.of("vector_bits", 32.0 * lanes, "streaming", 1.0, "tile_rows", 4.0,
                "tile_cols", transB ? 2.0 : (double) TILE_VECTORS * lanes,
                "kc", (double) chunk, "packed_bytes", 4.0 * tiles.length * tiles[0].length);
    }

    private void columnTiles(int t) {
        int width = TILE_VECTORS * lanes;
        int tiles = n / width;
        int jFrom = workers.from(tiles, t) * width;
        int jTo = workers.from(tiles, t + 1) * width;
        boolean last = t == workers.threads() - 1;
        float[] tile = this.tiles[t];
        for (int pc = 0; pc < k; pc += chunk) {
            int kd = Math.min(chunk, k - pc);
            float[] src = pc > 0 ? c : beta != 0 ? c0 : null;
            float scale = pc > 0 ? 1f : beta;
            for (int j = jFrom; j < jTo; j += width) {
                for (int i = 0; i < m; i += 4) {
                    if (m - i == 1) {
                        oneRow(kd, i, pc, j, tile);
                        mergeTile(tile, width, 1, width, i * n + j, src, scale);
                    } else {
                        fourRows(kd, i, pc, j, tile);
                        mergeTile(tile, width, Math.min(4, m - i), width, i * n + j, src, scale);
                    }
                }
            }
            if (last) {
                scalarColumns(tiles * width, pc, kd, src, scale);
            }
        }
    }

    /** Columns [from, n) of every row for reduction rows [pc, pc + kd), one element at a time. */
    private void scalarColumns(int from, int pc, int kd, float[] src, float scale) {
        for (int i = 0; i < m; i++) {
            for (int j = from; j < n; j++) {
                float acc = 0;
                for (int p = pc; p < pc + kd; p++) {
                    acc = Math.fma(alpha * a[i * aRowStep + p * aColStep], b[p * n + j], acc);
                }
                int idx = i * n + j;
                c[idx] = src == null ? acc : Math.fma(src[idx], scale, acc);
            }
        }
    }

    /**
     * Rows i .. i+3 of C (the last row repeated past m) by one column tile, over rows [pc, pc + kd) of B, into
     * {@code tile} (four rows of four vectors).
     */
    private void fourRows(int kd, int i, int pc, int j, float[] tile) {
        VectorSpecies<Float> s = species.get();
        int l = s.length();
        int a0 = i * aRowStep + pc * aColStep;
        int a1 = Math.min(i + 1, m - 1) * aRowStep + pc * aColStep;
        int a2 = Math.min(i + 2, m - 1) * aRowStep + pc * aColStep;
        int a3 = Math.min(i + 3, m - 1) * aRowStep + pc * aColStep;
        FloatVector zero = FloatVector.zero(s);
        FloatVector c00 = zero, c01 = zero, c02 = zero, c03 = zero;
        FloatVector c10 = zero, c11 = zero, c12 = zero, c13 = zero;
        FloatVector c20 = zero, c21 = zero, c22 = zero, c23 = zero;
        FloatVector c30 = zero, c31 = zero, c32 = zero, c33 = zero;
        int bo = pc * n + j;
        for (int p = 0; p < kd; p++) {
            FloatVector b0 = FloatVector.fromArray(s, b, bo);
            FloatVector b1 = FloatVector.fromArray(s, b, bo + l);
            FloatVector b2 = FloatVector.fromArray(s, b, bo + 2 * l);
            FloatVector b3 = FloatVector.fromArray(s, b, bo + 3 * l);
            FloatVector x = FloatVector.broadcast(s, alpha * a[a0]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01); c02 = b2.fma(x, c02); c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(s, alpha * a[a1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11); c12 = b2.fma(x, c12); c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(s, alpha * a[a2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21); c22 = b2.fma(x, c22); c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(s, alpha * a[a3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31); c32 = b2.fma(x, c32); c33 = b3.fma(x, c33);
            bo += n;
            a0 += aColStep;
            a1 += aColStep;
            a2 += aColStep;
            a3 += aColStep;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, l);
        c02.intoArray(tile, 2 * l);
        c03.intoArray(tile, 3 * l);
        c10.intoArray(tile, 4 * l);
        c11.intoArray(tile, 5 * l);
        c12.intoArray(tile, 6 * l);
        c13.intoArray(tile, 7 * l);
        c20.intoArray(tile, 8 * l);
        c21.intoArray(tile, 9 * l);
        c22.intoArray(tile, 10 * l);
        c23.intoArray(tile, 11 * l);
        c30.intoArray(tile, 12 * l);
        c31.intoArray(tile, 13 * l);
        c32.intoArray(tile, 14 * l);
        c33.intoArray(tile, 15 * l);
    }

    /** Row i of C by one column tile, over rows [pc, pc + kd) of B, into {@code tile}. */
    private void oneRow(int kd, int i, int pc, int j, float[] tile) {
        VectorSpecies<Float> s = species.get();
        int l = s.length();
        int ao = i * aRowStep + pc * aColStep;
        FloatVector c0 = FloatVector.zero(s), c1 = c0, c2 = c0, c3 = c0;
        int bo = pc * n + j;
        for (int p = 0; p < kd; p++) {
            FloatVector x = FloatVector.broadcast(s, alpha * a[ao]);
            c0 = FloatVector.fromArray(s, b, bo).fma(x, c0);
            c1 = FloatVector.fromArray(s, b, bo + l).fma(x, c1);
            c2 = FloatVector.fromArray(s, b, bo + 2 * l).fma(x, c2);
            c3 = FloatVector.fromArray(s, b, bo + 3 * l).fma(x, c3);
            bo += n;
            ao += aColStep;
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, l);
        c2.intoArray(tile, 2 * l);
        c3.intoArray(tile, 3 * l);
    }

    /** Rows [from, to) of B (columns of C) as dot products along k against every row of A. */
    private void dotProducts(int t) {
        int from = workers.from(n, t);
        int to = workers.from(n, t + 1);
        int j = from;
        for (; j + 2 <= to; j += 2) {
            for (int i = 0; i < m; i += 4) {
                dots(i, j, 2);
            }
        }
        if (j < to) {
            for (int i = 0; i < m; i += 4) {
                dots(i, j, 1);
            }
        }
    }

    /**
     * C[i .. i+3][j .. j+cols-1] as dot products of rows of A (A is m×k here: NT) with rows of B; rows past m
     * and a missing second column repeat the last one and are not stored.
     */
    private void dots(int i, int j, int cols) {
        VectorSpecies<Float> s = species.get();
        int r0 = i * k;
        int r1 = Math.min(i + 1, m - 1) * k;
        int r2 = Math.min(i + 2, m - 1) * k;
        int r3 = Math.min(i + 3, m - 1) * k;
        int q0 = j * k;
        int q1 = (j + cols - 1) * k;
        FloatVector zero = FloatVector.zero(s);
        FloatVector s00 = zero, s01 = zero, s10 = zero, s11 = zero, s20 = zero, s21 = zero, s30 = zero, s31 = zero;
        int bound = s.loopBound(k);
        int p = 0;
        for (; p < bound; p += lanes) {
            FloatVector y0 = FloatVector.fromArray(s, b, q0 + p);
            FloatVector y1 = FloatVector.fromArray(s, b, q1 + p);
            FloatVector x = FloatVector.fromArray(s, a, r0 + p);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = FloatVector.fromArray(s, a, r1 + p);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = FloatVector.fromArray(s, a, r2 + p);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = FloatVector.fromArray(s, a, r3 + p);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
        }
        finish(i, r0, j, p, laneSum.of(s00));
        finish(i + 1, r1, j, p, laneSum.of(s10));
        finish(i + 2, r2, j, p, laneSum.of(s20));
        finish(i + 3, r3, j, p, laneSum.of(s30));
        if (cols == 2) {
            finish(i, r0, j + 1, p, laneSum.of(s01));
            finish(i + 1, r1, j + 1, p, laneSum.of(s11));
            finish(i + 2, r2, j + 1, p, laneSum.of(s21));
            finish(i + 3, r3, j + 1, p, laneSum.of(s31));
        }
    }

    /** Adds the scalar tail from {@code p} to the dot product of C[i][j] (A's row at aRow) and stores it, if i < m. */
    private void finish(int i, int aRow, int j, int p, float sum) {
        if (i >= m) {
            return;
        }
        int bRow = j * k;
        for (; p < k; p++) {
            sum = Math.fma(a[aRow + p], b[bRow + p], sum);
        }
        int idx = i * n + j;
        float value = alpha * sum;
        c[idx] = beta != 0 ? Math.fma(beta, c0[idx], value) : value;
    }
}
