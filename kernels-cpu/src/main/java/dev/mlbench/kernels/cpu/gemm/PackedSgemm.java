package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmWorkload;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * Cache-blocked SGEMM on packed panels, the Goto/BLIS scheme, in the Vector API. Loops, outer to inner:
 * <ol>
 *   <li>{@code jc}: column blocks of C of {@code nc} columns;</li>
 *   <li>{@code pc}: blocks of the reduction of {@code kc}; B's kc×nc block is packed once into panels of NR
 *       columns (kc×NR each, row by row) that all threads share, double-buffered so one barrier per block
 *       suffices;</li>
 *   <li>{@code ic}: row blocks of {@code mc}; each thread packs its own mc×kc block of A into panels of MR
 *       rows (column by column, α folded in), which stays in L2;</li>
 *   <li>{@code jr}: B panels, each staying in L1 while</li>
 *   <li>{@code ir}: every A panel of the block meets it in the MR×NR register tile.</li>
 * </ol>
 * Threads split the rows of C (in MR steps) or, when there are too few rows, the B panels of each column
 * block; a thread owns the same part of C for every k block, so C needs no synchronisation. Edges are packed
 * with zeros and only the tile's valid part is merged into C, so any m, n, k works without padding the
 * caller sees.
 * The first k block writes C (adding β·C₀ when β ≠ 0), later ones add to it.
 */
final class PackedSgemm extends VectorGemmPlan {

    /** A register tile: {@code rows} rows of C by {@code vectors} vectors of columns. */
    enum Tile {
        /** 16 accumulators, 4 B loads per 4 broadcasts. */
        T4X4(4, 4),
        /** 12 accumulators: fits 16 vector registers (AVX2) with 2 B vectors and a broadcast. */
        T6X2(6, 2),
        /** 16 accumulators. */
        T8X2(8, 2),
        /** 24 accumulators: needs 32 vector registers (AVX-512). */
        T12X2(12, 2);

        final int rows;
        final int vectors;

        Tile(int rows, int vectors) {
            this.rows = rows;
            this.vectors = vectors;
        }

        /** {@code rows x vectors}, as written in a definition. */
        String label() {
            return rows + "x" + vectors;
        }

        /** The tile labelled {@code label}, e.g. {@code 6x2}. */
        static Tile parse(String label) {
            for (Tile tile : values()) {
                if (tile.label().equals(label)) {
                    return tile;
                }
            }
            throw new IllegalArgumentException("unknown tile '" + label + "': expected auto or one of "
                    + Arrays.stream(values()).map(Tile::label).toList());
        }

        /**
         * The default for a species. Up to 8 float lanes (AVX2 and narrower, 16 registers): 6×2, whose 12
         * accumulators, 2 B vectors and broadcast fit 16 registers. At 16 lanes (AVX-512, 32 registers): 12×2,
         * 24 accumulators, which loads B once per twelve rows of A: 1.12 to 1.21 times 6×2 on an Intel Xeon with
         * AVX-512 at 1 and 2 threads, and level with it on a Zen 4 core, whose 512-bit FMAs are two 256-bit halves
         * (docs/performance.md).
         */
        static Tile forLanes(int lanes) {
            return lanes >= 16 ? T12X2 : T6X2;
        }
    }

    private final Tile tile;
    private final int mr;
    private final int nr;
    private final int kc;
    private final int mc;
    private final int nc;
    private final boolean transA;
    private final boolean transB;
    private final boolean splitRows;
    /** Two buffers for B's packed block: one is packed while the other may still be read. */
    private final float[][] packedB = new float[2][];
    private final float[][] packedA;
    /** Per thread: the register tile's scratch, merged into C. */
    private final float[][] tiles;
    private final CyclicBarrier barrier;

    /**
     * @param kc rows of B (columns of A) per packed block
     * @param mc rows of A per packed block, rounded down to a multiple of the tile's rows
     * @param nc columns of B per packed block, rounded down to a multiple of the tile's columns
     */
    PackedSgemm(ConstantSpecies species, Tile tile, int kc, int mc, int nc, GemmWorkload w, GemmInputs in, float[] c,
                GemmWorkers workers) {
        super(species, w, in, c, workers);
        this.tile = tile;
        this.mr = tile.rows;
        this.nr = tile.vectors * lanes;
        this.kc = Math.min(kc, k);
        this.mc = Math.max(mr, Math.min(mc, roundUp(m, mr)) / mr * mr);
        this.nc = Math.max(nr, Math.min(nc, roundUp(n, nr)) / nr * nr);
        this.transA = w.layout().transA();
        this.transB = w.layout().transB();
        int threads = workers.threads();
        int rowPanels = (m + mr - 1) / mr;
        this.splitRows = rowPanels >= 2 * threads;
        for (int i = 0; i < 2; i++) {
            packedB[i] = new float[this.kc * this.nc];
        }
        packedA = new float[threads][this.kc * this.mc];
        tiles = new float[threads][mr * nr];
        barrier = threads > 1 ? new CyclicBarrier(threads) : null;
    }

    @Override
    Map<String, Double> metrics() {
        long packed = 2L * packedB[0].length + (long) packedA.length * packedA[0].length + (long) tiles.length * tiles[0].length;
        return Map.of("vector_bits", 32.0 * lanes, "streaming", 0.0, "tile_rows", (double) mr, "tile_cols", (double) nr,
                "kc", (double) kc, "mc", (double) mc, "nc", (double) nc, "packed_bytes", 4.0 * packed);
    }

    private static int roundUp(int x, int step) {
        return (x + step - 1) / step * step;
    }

    @Override
    void run() throws Exception {
        if (barrier != null && barrier.isBroken()) {
            barrier.reset();
        }
        workers.run(this::work);
    }

    private void work(int t) throws Exception {
        try {
            int step = 0;
            for (int jc = 0; jc < n; jc += nc) {
                int ncb = Math.min(nc, n - jc);
                int panels = (ncb + nr - 1) / nr;
                for (int pc = 0; pc < k; pc += kc, step++) {
                    int kcb = Math.min(kc, k - pc);
                    float[] bp = packedB[step & 1];
                    for (int q = workers.from(panels, t); q < workers.from(panels, t + 1); q++) {
                        packB(bp, q * kcb * nr, jc + q * nr, Math.min(nr, ncb - q * nr), pc, kcb);
                    }
                    await();
                    float[] src = pc > 0 ? c : beta != 0 ? c0 : null;
                    float scale = pc > 0 ? 1f : beta;
                    if (splitRows) {
                        int rowPanels = (m + mr - 1) / mr;
                        int from = workers.from(rowPanels, t) * mr;
                        int to = Math.min(m, workers.from(rowPanels, t + 1) * mr);
                        multiplyBlock(t, bp, jc, ncb, 0, panels, pc, kcb, from, to, src, scale);
                    } else {
                        multiplyBlock(t, bp, jc, ncb, workers.from(panels, t), workers.from(panels, t + 1), pc, kcb, 0, m, src, scale);
                    }
                }
            }
        } catch (Exception | Error e) {
            if (barrier != null) {
                barrier.reset();
            }
            throw e;
        }
    }

    private void await() throws InterruptedException, BrokenBarrierException {
        if (barrier != null) {
            barrier.await();
        }
    }

    /** Rows [rowFrom, rowTo) of C against B panels [qFrom, qTo) of the packed block at column jc. */
    private void multiplyBlock(int t, float[] bp, int jc, int ncb, int qFrom, int qTo, int pc, int kcb, int rowFrom, int rowTo,
                               float[] src, float scale) {
        float[] ap = packedA[t];
        float[] scratch = tiles[t];
        for (int ic = rowFrom; ic < rowTo; ic += mc) {
            int mcb = Math.min(mc, rowTo - ic);
            packA(ap, ic, mcb, pc, kcb);
            for (int q = qFrom; q < qTo; q++) {
                int j0 = jc + q * nr;
                int width = Math.min(nr, jc + ncb - j0);
                int bo = q * kcb * nr;
                for (int ir = 0; ir < mcb; ir += mr) {
                    int height = Math.min(mr, mcb - ir);
                    int i0 = ic + ir;
                    tile(kcb, ap, ir * kcb, bp, bo, scratch);
                    mergeTile(scratch, nr, height, width, i0 * n + j0, src, scale);
                }
            }
        }
    }


    /**
     * Packs columns [j0, j0 + width) of B's rows [pc, pc + kcb) as one panel: row p of the panel is NR
     * consecutive floats, zero beyond {@code width}.
     */
    private void packB(float[] bp, int off, int j0, int width, int pc, int kcb) {
        if (transB) {
            for (int j = 0; j < width; j++) {
                int from = (j0 + j) * k + pc;
                for (int p = 0; p < kcb; p++) {
                    bp[off + p * nr + j] = b[from + p];
                }
            }
            if (width < nr) {
                for (int p = 0; p < kcb; p++) {
                    Arrays.fill(bp, off + p * nr + width, off + (p + 1) * nr, 0f);
                }
            }
            return;
        }
        for (int p = 0; p < kcb; p++) {
            int from = (pc + p) * n + j0;
            int to = off + p * nr;
            if (width == nr) {
                for (int v = 0; v < nr; v += lanes) {
                    FloatVector.fromArray(species.get(), b, from + v).intoArray(bp, to + v);
                }
            } else {
                System.arraycopy(b, from, bp, to, width);
                Arrays.fill(bp, to + width, to + nr, 0f);
            }
        }
    }

    /**
     * Packs rows [ic, ic + mcb) of op(A), columns [pc, pc + kcb), times α, as panels of MR rows: column p of a
     * panel is MR consecutive floats, zero beyond the last row.
     */
    private void packA(float[] ap, int ic, int mcb, int pc, int kcb) {
        for (int ir = 0; ir < mcb; ir += mr) {
            int height = Math.min(mr, mcb - ir);
            int base = ir * kcb;
            if (transA) {
                for (int p = 0; p < kcb; p++) {
                    int from = (pc + p) * m + ic + ir;
                    for (int r = 0; r < height; r++) {
                        ap[base + p * mr + r] = alpha * a[from + r];
                    }
                }
            } else {
                int from = (ic + ir) * k + pc;
                for (int p = 0; p < kcb; p++) {
                    for (int r = 0; r < height; r++) {
                        ap[base + p * mr + r] = alpha * a[from + r * k + p];
                    }
                }
            }
            if (height < mr) {
                for (int p = 0; p < kcb; p++) {
                    Arrays.fill(ap, base + p * mr + height, base + (p + 1) * mr, 0f);
                }
            }
        }
    }

    /** The register tile over one A panel and one B panel into {@code tile}, MR rows of NR floats. */
    private void tile(int kc, float[] ap, int ao, float[] bp, int bo, float[] tile) {
        switch (this.tile) {
            case T4X4 -> tile4x4(kc, ap, ao, bp, bo, tile);
            case T6X2 -> tile6x2(kc, ap, ao, bp, bo, tile);
            case T8X2 -> tile8x2(kc, ap, ao, bp, bo, tile);
            case T12X2 -> tile12x2(kc, ap, ao, bp, bo, tile);
        }
    }

    // The register tiles below are written out (one local per accumulator) so that C2 keeps every accumulator
    // in a register; they differ only in shape. They store to a scratch tile, merged into C by mergeTile: a
    // load-add-store of C per accumulator here would make the method too big for C2 to inline all of it, and
    // a vector passed to a call that is not inlined is boxed on the heap.

    /** The 4×4-vector register tile: 16 accumulators, stored row by row into {@code tile}. */
    private void tile4x4(int kc, float[] ap, int ao, float[] bp, int bo, float[] tile) {
        VectorSpecies<Float> s = species.get();
        int l = s.length();
        FloatVector zero = FloatVector.zero(s);
        FloatVector c0_0 = zero, c0_1 = zero, c0_2 = zero, c0_3 = zero;
        FloatVector c1_0 = zero, c1_1 = zero, c1_2 = zero, c1_3 = zero;
        FloatVector c2_0 = zero, c2_1 = zero, c2_2 = zero, c2_3 = zero;
        FloatVector c3_0 = zero, c3_1 = zero, c3_2 = zero, c3_3 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 4;
            int bi = bo + p * 4 * l;
            FloatVector b0 = FloatVector.fromArray(s, bp, bi);
            FloatVector b1 = FloatVector.fromArray(s, bp, bi + l);
            FloatVector b2 = FloatVector.fromArray(s, bp, bi + 2 * l);
            FloatVector b3 = FloatVector.fromArray(s, bp, bi + 3 * l);
            FloatVector a0 = FloatVector.broadcast(s, ap[ai]);
            c0_0 = b0.fma(a0, c0_0); c0_1 = b1.fma(a0, c0_1); c0_2 = b2.fma(a0, c0_2); c0_3 = b3.fma(a0, c0_3);
            FloatVector a1 = FloatVector.broadcast(s, ap[ai + 1]);
            c1_0 = b0.fma(a1, c1_0); c1_1 = b1.fma(a1, c1_1); c1_2 = b2.fma(a1, c1_2); c1_3 = b3.fma(a1, c1_3);
            FloatVector a2 = FloatVector.broadcast(s, ap[ai + 2]);
            c2_0 = b0.fma(a2, c2_0); c2_1 = b1.fma(a2, c2_1); c2_2 = b2.fma(a2, c2_2); c2_3 = b3.fma(a2, c2_3);
            FloatVector a3 = FloatVector.broadcast(s, ap[ai + 3]);
            c3_0 = b0.fma(a3, c3_0); c3_1 = b1.fma(a3, c3_1); c3_2 = b2.fma(a3, c3_2); c3_3 = b3.fma(a3, c3_3);
        }
        c0_0.intoArray(tile, 0);
        c0_1.intoArray(tile, l);
        c0_2.intoArray(tile, 2 * l);
        c0_3.intoArray(tile, 3 * l);
        c1_0.intoArray(tile, 4 * l);
        c1_1.intoArray(tile, 5 * l);
        c1_2.intoArray(tile, 6 * l);
        c1_3.intoArray(tile, 7 * l);
        c2_0.intoArray(tile, 8 * l);
        c2_1.intoArray(tile, 9 * l);
        c2_2.intoArray(tile, 10 * l);
        c2_3.intoArray(tile, 11 * l);
        c3_0.intoArray(tile, 12 * l);
        c3_1.intoArray(tile, 13 * l);
        c3_2.intoArray(tile, 14 * l);
        c3_3.intoArray(tile, 15 * l);
    }

    /** The 6×2-vector register tile: 12 accumulators, stored row by row into {@code tile}. */
    private void tile6x2(int kc, float[] ap, int ao, float[] bp, int bo, float[] tile) {
        VectorSpecies<Float> s = species.get();
        int l = s.length();
        FloatVector zero = FloatVector.zero(s);
        FloatVector c0_0 = zero, c0_1 = zero;
        FloatVector c1_0 = zero, c1_1 = zero;
        FloatVector c2_0 = zero, c2_1 = zero;
        FloatVector c3_0 = zero, c3_1 = zero;
        FloatVector c4_0 = zero, c4_1 = zero;
        FloatVector c5_0 = zero, c5_1 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 6;
            int bi = bo + p * 2 * l;
            FloatVector b0 = FloatVector.fromArray(s, bp, bi);
            FloatVector b1 = FloatVector.fromArray(s, bp, bi + l);
            FloatVector a0 = FloatVector.broadcast(s, ap[ai]);
            c0_0 = b0.fma(a0, c0_0); c0_1 = b1.fma(a0, c0_1);
            FloatVector a1 = FloatVector.broadcast(s, ap[ai + 1]);
            c1_0 = b0.fma(a1, c1_0); c1_1 = b1.fma(a1, c1_1);
            FloatVector a2 = FloatVector.broadcast(s, ap[ai + 2]);
            c2_0 = b0.fma(a2, c2_0); c2_1 = b1.fma(a2, c2_1);
            FloatVector a3 = FloatVector.broadcast(s, ap[ai + 3]);
            c3_0 = b0.fma(a3, c3_0); c3_1 = b1.fma(a3, c3_1);
            FloatVector a4 = FloatVector.broadcast(s, ap[ai + 4]);
            c4_0 = b0.fma(a4, c4_0); c4_1 = b1.fma(a4, c4_1);
            FloatVector a5 = FloatVector.broadcast(s, ap[ai + 5]);
            c5_0 = b0.fma(a5, c5_0); c5_1 = b1.fma(a5, c5_1);
        }
        c0_0.intoArray(tile, 0);
        c0_1.intoArray(tile, l);
        c1_0.intoArray(tile, 2 * l);
        c1_1.intoArray(tile, 3 * l);
        c2_0.intoArray(tile, 4 * l);
        c2_1.intoArray(tile, 5 * l);
        c3_0.intoArray(tile, 6 * l);
        c3_1.intoArray(tile, 7 * l);
        c4_0.intoArray(tile, 8 * l);
        c4_1.intoArray(tile, 9 * l);
        c5_0.intoArray(tile, 10 * l);
        c5_1.intoArray(tile, 11 * l);
    }

    /** The 8×2-vector register tile: 16 accumulators, stored row by row into {@code tile}. */
    private void tile8x2(int kc, float[] ap, int ao, float[] bp, int bo, float[] tile) {
        VectorSpecies<Float> s = species.get();
        int l = s.length();
        FloatVector zero = FloatVector.zero(s);
        FloatVector c0_0 = zero, c0_1 = zero;
        FloatVector c1_0 = zero, c1_1 = zero;
        FloatVector c2_0 = zero, c2_1 = zero;
        FloatVector c3_0 = zero, c3_1 = zero;
        FloatVector c4_0 = zero, c4_1 = zero;
        FloatVector c5_0 = zero, c5_1 = zero;
        FloatVector c6_0 = zero, c6_1 = zero;
        FloatVector c7_0 = zero, c7_1 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 8;
            int bi = bo + p * 2 * l;
            FloatVector b0 = FloatVector.fromArray(s, bp, bi);
            FloatVector b1 = FloatVector.fromArray(s, bp, bi + l);
            FloatVector a0 = FloatVector.broadcast(s, ap[ai]);
            c0_0 = b0.fma(a0, c0_0); c0_1 = b1.fma(a0, c0_1);
            FloatVector a1 = FloatVector.broadcast(s, ap[ai + 1]);
            c1_0 = b0.fma(a1, c1_0); c1_1 = b1.fma(a1, c1_1);
            FloatVector a2 = FloatVector.broadcast(s, ap[ai + 2]);
            c2_0 = b0.fma(a2, c2_0); c2_1 = b1.fma(a2, c2_1);
            FloatVector a3 = FloatVector.broadcast(s, ap[ai + 3]);
            c3_0 = b0.fma(a3, c3_0); c3_1 = b1.fma(a3, c3_1);
            FloatVector a4 = FloatVector.broadcast(s, ap[ai + 4]);
            c4_0 = b0.fma(a4, c4_0); c4_1 = b1.fma(a4, c4_1);
            FloatVector a5 = FloatVector.broadcast(s, ap[ai + 5]);
            c5_0 = b0.fma(a5, c5_0); c5_1 = b1.fma(a5, c5_1);
            FloatVector a6 = FloatVector.broadcast(s, ap[ai + 6]);
            c6_0 = b0.fma(a6, c6_0); c6_1 = b1.fma(a6, c6_1);
            FloatVector a7 = FloatVector.broadcast(s, ap[ai + 7]);
            c7_0 = b0.fma(a7, c7_0); c7_1 = b1.fma(a7, c7_1);
        }
        c0_0.intoArray(tile, 0);
        c0_1.intoArray(tile, l);
        c1_0.intoArray(tile, 2 * l);
        c1_1.intoArray(tile, 3 * l);
        c2_0.intoArray(tile, 4 * l);
        c2_1.intoArray(tile, 5 * l);
        c3_0.intoArray(tile, 6 * l);
        c3_1.intoArray(tile, 7 * l);
        c4_0.intoArray(tile, 8 * l);
        c4_1.intoArray(tile, 9 * l);
        c5_0.intoArray(tile, 10 * l);
        c5_1.intoArray(tile, 11 * l);
        c6_0.intoArray(tile, 12 * l);
        c6_1.intoArray(tile, 13 * l);
        c7_0.intoArray(tile, 14 * l);
        c7_1.intoArray(tile, 15 * l);
    }

    /** The 12×2-vector register tile: 24 accumulators, stored row by row into {@code tile}. */
    private void tile12x2(int kc, float[] ap, int ao, float[] bp, int bo, float[] tile) {
        VectorSpecies<Float> s = species.get();
        int l = s.length();
        FloatVector zero = FloatVector.zero(s);
        FloatVector c0_0 = zero, c0_1 = zero;
        FloatVector c1_0 = zero, c1_1 = zero;
        FloatVector c2_0 = zero, c2_1 = zero;
        FloatVector c3_0 = zero, c3_1 = zero;
        FloatVector c4_0 = zero, c4_1 = zero;
        FloatVector c5_0 = zero, c5_1 = zero;
        FloatVector c6_0 = zero, c6_1 = zero;
        FloatVector c7_0 = zero, c7_1 = zero;
        FloatVector c8_0 = zero, c8_1 = zero;
        FloatVector c9_0 = zero, c9_1 = zero;
        FloatVector c10_0 = zero, c10_1 = zero;
        FloatVector c11_0 = zero, c11_1 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 12;
            int bi = bo + p * 2 * l;
            FloatVector b0 = FloatVector.fromArray(s, bp, bi);
            FloatVector b1 = FloatVector.fromArray(s, bp, bi + l);
            FloatVector a0 = FloatVector.broadcast(s, ap[ai]);
            c0_0 = b0.fma(a0, c0_0); c0_1 = b1.fma(a0, c0_1);
            FloatVector a1 = FloatVector.broadcast(s, ap[ai + 1]);
            c1_0 = b0.fma(a1, c1_0); c1_1 = b1.fma(a1, c1_1);
            FloatVector a2 = FloatVector.broadcast(s, ap[ai + 2]);
            c2_0 = b0.fma(a2, c2_0); c2_1 = b1.fma(a2, c2_1);
            FloatVector a3 = FloatVector.broadcast(s, ap[ai + 3]);
            c3_0 = b0.fma(a3, c3_0); c3_1 = b1.fma(a3, c3_1);
            FloatVector a4 = FloatVector.broadcast(s, ap[ai + 4]);
            c4_0 = b0.fma(a4, c4_0); c4_1 = b1.fma(a4, c4_1);
            FloatVector a5 = FloatVector.broadcast(s, ap[ai + 5]);
            c5_0 = b0.fma(a5, c5_0); c5_1 = b1.fma(a5, c5_1);
            FloatVector a6 = FloatVector.broadcast(s, ap[ai + 6]);
            c6_0 = b0.fma(a6, c6_0); c6_1 = b1.fma(a6, c6_1);
            FloatVector a7 = FloatVector.broadcast(s, ap[ai + 7]);
            c7_0 = b0.fma(a7, c7_0); c7_1 = b1.fma(a7, c7_1);
            FloatVector a8 = FloatVector.broadcast(s, ap[ai + 8]);
            c8_0 = b0.fma(a8, c8_0); c8_1 = b1.fma(a8, c8_1);
            FloatVector a9 = FloatVector.broadcast(s, ap[ai + 9]);
            c9_0 = b0.fma(a9, c9_0); c9_1 = b1.fma(a9, c9_1);
            FloatVector a10 = FloatVector.broadcast(s, ap[ai + 10]);
            c10_0 = b0.fma(a10, c10_0); c10_1 = b1.fma(a10, c10_1);
            FloatVector a11 = FloatVector.broadcast(s, ap[ai + 11]);
            c11_0 = b0.fma(a11, c11_0); c11_1 = b1.fma(a11, c11_1);
        }
        c0_0.intoArray(tile, 0);
        c0_1.intoArray(tile, l);
        c1_0.intoArray(tile, 2 * l);
        c1_1.intoArray(tile, 3 * l);
        c2_0.intoArray(tile, 4 * l);
        c2_1.intoArray(tile, 5 * l);
        c3_0.intoArray(tile, 6 * l);
        c3_1.intoArray(tile, 7 * l);
        c4_0.intoArray(tile, 8 * l);
        c4_1.intoArray(tile, 9 * l);
        c5_0.intoArray(tile, 10 * l);
        c5_1.intoArray(tile, 11 * l);
        c6_0.intoArray(tile, 12 * l);
        c6_1.intoArray(tile, 13 * l);
        c7_0.intoArray(tile, 14 * l);
        c7_1.intoArray(tile, 15 * l);
        c8_0.intoArray(tile, 16 * l);
        c8_1.intoArray(tile, 17 * l);
        c9_0.intoArray(tile, 18 * l);
        c9_1.intoArray(tile, 19 * l);
        c10_0.intoArray(tile, 20 * l);
        c10_1.intoArray(tile, 21 * l);
        c11_0.intoArray(tile, 22 * l);
        c11_1.intoArray(tile, 23 * l);
    }

}
