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
 * materialized, masked, softmaxed in three passes (max, exp and sum, normalize) and multiplied by V. The mask
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
        return "Vector API, full score matrix per head: S = Q·Kᵀ, masked three-pass softmax, S·V; heads over threads";
    }

    @Override
    public Prepared<float[]> prepare(AttentionWorkload w, AttentionInputs in, KernelConfig config) {
        float[] out = new float[Math.toIntExact(w.queryElements())];
        int heads = w.batch() * w.heads();
        int workers = AttentionWorkers.workers(config.threads(), heads);
        long perWorker = (long) w.seqQ() * w.seqKv() + (long) w.headDim() * w.seqQ() + 2L * w.seqQ();
        if (perWorker > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the score matrix of one head, " + w.seqQ() + " x " + w.seqKv()
                    + ", is larger than a Java array can hold");
        }
        return new Prepared<float[]>() {
            @Override
            public void run() throws Exception {
                AttentionWorkers.run(config.pool(), config.threads(), heads, () -> new HeadWorker(w, in, out));
            }

            @Override
            public float[] output() {
                return out;
            }

            /** The score matrices, Qᵀ and softmax statistics the workers of one run allocate. */
            public Map<String, Double> metrics() {
                return Map.of("workspace_bytes", 4.0 * workers * perWorker);
            }
        };
    }

    /** One worker's scratch (a head's full score matrix) and the computation of one head into it. */
    private static final class HeadWorker implements IntConsumer {
        private final AttentionWorkload w;
        private final AttentionInputs in;
        private final float[] out;
        private final float[] scoresT;
        private final float[] qT;
        private final float[] max;
        private final float[] sum;

        HeadWorker(AttentionWorkload w, AttentionInputs in, float[] out) {
            this.w = w;
            this.in = in;
            this.out = out;
            this.scoresT = new float[w.seqQ() * w.seqKv()];
            this.qT = new float[w.seqQ() > AttentionVectors.DOT_QUERIES ? w.headDim() * w.seqQ() : 0];
            this.max = new float[w.seqQ()];
            this.sum = new float[w.seqQ()];
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
            if (qT.length > 0) {
                AttentionVectors.transpose(in.q(), qOff, sq, d, qT, sq);
            }
            AttentionVectors.scoresT(skv, sq, d, in.k(), kvOff, in.q(), qOff, qT, scoresT);
            if (w.causal()) {
                AttentionVectors.maskT(scoresT, skv, sq, 0, 0, w.causalOffset());
            }
            AttentionVectors.columnMax(scoresT, skv, sq, max);
            AttentionVectors.scale(max, 0, sq, scale);
            AttentionVectors.expColumns(scoresT, skv, sq, scale, max, sum);
            for (int i = 0; i < sq; i++) {
                sum[i] = 1 / sum[i];
            }
            AttentionVectors.scaleColumns(scoresT, skv, sq, sum);
            AttentionVectors.gemm(sq, d, skv, scoresT, 0, 1, sq, in.v(), kvOff, d, out, qOff, d, false);
        }
    }
}
