package dev.mlbench.kernels.cpu.attention;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.attention.AttentionInputs;
import dev.mlbench.tracks.attention.AttentionKernel;
import dev.mlbench.tracks.attention.AttentionWorkload;

import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Attention written the usual way, one head at a time: the whole seq_q × seq_kv score matrix S = Q·Kᵀ is
 * materialized (a product against a transposed copy of K), masked, softmaxed row by row in three passes (max,
 * exp and sum, normalize) and multiplied by V. The mask
 * is applied after the full product, as masked_fill does, so causal workloads compute every score. Heads are
 * spread over the run's threads; each worker allocates its score matrix in every run, as a framework
 * allocates the softmax(QKᵀ) tensor per call, so the bytes allocated per operation are its real footprint.
 */
public final class NaiveAttentionKernel extends AttentionKernel {

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "Vector API, full score matrix per head: S = Q·Kᵀ, masked three-pass row softmax, S·V; heads over threads";
    }

    @Override
    public Prepared<float[]> prepare(AttentionWorkload w, AttentionInputs in, KernelConfig config) {
        float[] out = new float[Math.toIntExact(w.queryElements())];
        int heads = w.batch() * w.heads();
        int workers = AttentionWorkers.workers(config.threads(), heads);
        long perWorker = (long) w.seqQ() * w.seqKv() + (w.seqQ() > AttentionVectors.DOT_QUERIES ? (long) w.headDim() * w.seqKv() : 0);
        if (perWorker > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the score matrix of one head, " + w.seqQ() + " x " + w.seqKv()
                    + ", is larger than a Java array can hold");
        }
        return new Prepared<>() {
            @Override
            public void run() throws Exception {
                AttentionWorkers.run(config.pool(), config.threads(), heads, () -> new HeadWorker(w, in, out));
            }

            @Override
            public float[] output() {
                return out;
            }

            /** The score matrices and Kᵀ copies the workers of one run allocate. */
            @Override
            public Map<String, Double> metrics() {
                return Map.of("workspace_bytes", 4.0 * workers * perWorker);
            }
        };
    }

    /** One worker's scratch (a head's full score matrix and Kᵀ) and the computation of one head into it. */
    private static final class HeadWorker implements IntConsumer {
        private final AttentionWorkload w;
        private final AttentionInputs in;
        private final float[] out;
        private final float[] scores;
        private final float[] kT;

        HeadWorker(AttentionWorkload w, AttentionInputs in, float[] out) {
            this.w = w;
            this.in = in;
            this.out = out;
            this.scores = new float[w.seqQ() * w.seqKv()];
            this.kT = new float[w.seqQ() > AttentionVectors.DOT_QUERIES ? w.headDim() * w.seqKv() : 0];
        }

        /** Head {@code t} = b·heads + h. */
        @Override
        public void accept(int t) {
            int sq = w.seqQ();
            int skv = w.seqKv();
            int d = w.headDim();
            int qOff = t * sq * d;
            int kvOff = ((t / w.heads()) * w.kvHeads() + (t % w.heads()) / w.group()) * skv * d;
            float scale = (float) (1 / Math.sqrt(d));
            // S = Q·Kᵀ: a product against Kᵀ, or dot products for a few query rows.
            if (kT.length > 0) {
                AttentionVectors.transpose(in.k(), kvOff, skv, d, kT, skv);
                AttentionVectors.gemm(sq, skv, d, in.q(), qOff, d, 1, kT, 0, skv, scores, 0, skv, false);
            } else {
                for (int i = 0; i < sq; i++) {
                    AttentionVectors.dots(skv, d, in.k(), kvOff, in.q(), qOff + i * d, scores, i * skv, 1);
                }
            }
            for (int i = 0; i < sq; i++) {
                int row = i * skv;
                int visible = w.visibleKeys(i);
                java.util.Arrays.fill(scores, row + visible, row + skv, Float.NEGATIVE_INFINITY);
                float max = AttentionVectors.max(scores, row, skv) * scale;
                float sum = AttentionVectors.expRow(scores, row, skv, scale, max);
                AttentionVectors.scale(scores, row, skv, 1 / sum);
            }
            AttentionVectors.gemm(sq, d, skv, scores, 0, skv, 1, in.v(), kvOff, d, out, qOff, d, false);
        }
    }
}
