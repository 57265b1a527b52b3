package dev.mlbench.kernels.cpu.attention;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.attention.AttentionInputs;
import dev.mlbench.tracks.attention.AttentionKernel;
import dev.mlbench.tracks.attention.AttentionWorkload;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * FlashAttention-2 on the CPU: each task takes a tile of {@code bq} query rows of one head and streams the keys
 * and values in tiles of {@code bkv}, keeping a running max and sum per query (online softmax) and rescaling its
 * output accumulator whenever the max grows; the output is divided by the sum once at the end. Only a
 * bkv × bq score tile ever exists. Under the causal mask, key tiles after the tile's last visible key are
 * skipped and only tiles crossing the diagonal are masked. Tasks (batch × heads × query tiles) go to the run's
 * threads, the query tiles with most keys first.
 */
public final class FlashAttentionKernel extends AttentionKernel {

    /** Default query rows per tile. */
    static final int DEFAULT_BQ = 128;
    /** Default key/value rows per tile. */
    static final int DEFAULT_BKV = 128;

    @Override
    public String name() {
        return "flash";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "Vector API FlashAttention-2: query tiles against key/value tiles with online softmax, no seq_q x seq_kv matrix";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(
                ParamSpec.optionalInt("bq", 1, 4096, DEFAULT_BQ, "query rows per tile"),
                ParamSpec.optionalInt("bkv", 1, 4096, DEFAULT_BKV, "key/value rows per tile"));
    }

    @Override
    public Prepared<float[]> prepare(AttentionWorkload w, AttentionInputs in, KernelConfig config) {
        int bq = Math.min(config.params().getInt("bq"), w.seqQ());
        int bkv = Math.min(config.params().getInt("bkv"), w.seqKv());
        float[] out = new float[Math.toIntExact(w.queryElements())];
        int heads = w.batch() * w.heads();
        int tiles = (w.seqQ() + bq - 1) / bq;
        int tasks = heads * tiles;
        int workers = AttentionWorkers.workers(config.threads(), tasks);
        return new Prepared<>() {
            @Override
            public void run() throws Exception {
                AttentionWorkers.run(config.pool(), config.threads(), tasks, () -> new TileWorker(w, in, out, bq, bkv));
            }

            @Override
            public float[] output() {
                return out;
            }

            /** The tiles, output accumulators and statistics the workers of one run allocate. */
            @Override
            public Map<String, Double> metrics() {
                return Map.of("workspace_bytes", 4.0 * workers * TileWorker.floats(w, bq, bkv));
            }
        };
    }

    /** One worker's tiles and the FlashAttention-2 loop over one query tile. */
    private static final class TileWorker implements IntConsumer {
        private final AttentionWorkload w;
        private final AttentionInputs in;
        private final float[] out;
        private final int bq;
        private final int bkv;
        private final int tiles;
        private final float scale;
        private final float[] qT;
        private final float[] scoresT;
        private final float[] acc;
        private float[] runningMax;
        private float[] newMax;
        private final float[] tileMax;
        private final float[] alpha;
        private final float[] sum;
        private final float[] tileSum;

        TileWorker(AttentionWorkload w, AttentionInputs in, float[] out, int bq, int bkv) {
            this.w = w;
            this.in = in;
            this.out = out;
            this.bq = bq;
            this.bkv = bkv;
            this.tiles = (w.seqQ() + bq - 1) / bq;
            this.scale = (float) (1 / Math.sqrt(w.headDim()));
            this.qT = new float[bq > AttentionVectors.DOT_QUERIES ? w.headDim() * bq : 0];
            this.scoresT = new float[bkv * bq];
            this.acc = new float[bq * w.headDim()];
            this.runningMax = new float[bq];
            this.newMax = new float[bq];
            this.tileMax = new float[bq];
            this.alpha = new float[bq];
            this.sum = new float[bq];
            this.tileSum = new float[bq];
        }

        /** Floats one worker allocates. */
        static double floats(AttentionWorkload w, int bq, int bkv) {
            double qT = bq > AttentionVectors.DOT_QUERIES ? (double) w.headDim() * bq : 0;
            return qT + (double) bkv * bq + (double) bq * w.headDim() + 6.0 * bq;
        }

        /** Task t: query tile {@code tiles − 1 − t / heads} (longest first under the mask) of head {@code t % heads}. */
        @Override
        public void accept(int t) {
            int heads = w.batch() * w.heads();
            int head = t % heads;
            int i0 = (tiles - 1 - t / heads) * bq;
            int nq = Math.min(bq, w.seqQ() - i0);
            int d = w.headDim();
            int skv = w.seqKv();
            int qOff = (head * w.seqQ() + i0) * d;
            int kvOff = ((head / w.heads()) * w.kvHeads() + (head % w.heads()) / w.group()) * skv * d;
            // Keys after the last query's position are masked for the whole tile: their tiles are never visited.
            int keys = w.visibleKeys(i0 + nq - 1);
            // The first query of the tile sees keys up to here; tiles ending at or before it need no mask.
            int unmaskedEnd = w.visibleKeys(i0);

            if (qT.length > 0) {
                AttentionVectors.transpose(in.q(), qOff, nq, d, qT, nq);
            }
            Arrays.fill(runningMax, 0, nq, Float.NEGATIVE_INFINITY);
            Arrays.fill(sum, 0, nq, 0f);
            Arrays.fill(acc, 0, nq * d, 0f);
            for (int j0 = 0; j0 < keys; j0 += bkv) {
                int nk = Math.min(bkv, keys - j0);
                int kvTile = kvOff + j0 * d;
                AttentionVectors.scoresT(nk, nq, d, in.k(), kvTile, in.q(), qOff, qT, scoresT);
                if (j0 + nk > unmaskedEnd) {
                    AttentionVectors.maskT(scoresT, nk, nq, j0, i0, w.causalOffset());
                }
                AttentionVectors.columnMax(scoresT, nk, nq, tileMax);
                AttentionVectors.onlineMax(runningMax, tileMax, scale, newMax, alpha, nq);
                AttentionVectors.expColumns(scoresT, nk, nq, scale, newMax, tileSum);
                AttentionVectors.rescaleSums(sum, alpha, tileSum, nq);
                for (int i = 0; i < nq; i++) {
                    if (alpha[i] != 1f) {
                        AttentionVectors.scale(acc, i * d, d, alpha[i]);
                    }
                }
                AttentionVectors.gemm(nq, d, nk, scoresT, 0, 1, nq, in.v(), kvTile, d, acc, 0, d, true);
                float[] swap = runningMax;
                runningMax = newMax;
                newMax = swap;
            }
            System.arraycopy(acc, 0, out, qOff, nq * d);
            for (int i = 0; i < nq; i++) {
                AttentionVectors.scale(out, qOff + i * d, d, 1 / sum[i]);
            }
        }
    }
}
