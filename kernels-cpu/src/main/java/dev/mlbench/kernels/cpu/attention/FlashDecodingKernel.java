package dev.mlbench.kernels.cpu.attention;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.attention.AttentionInputs;
import dev.mlbench.tracks.attention.AttentionKernel;
import dev.mlbench.tracks.attention.AttentionWorkload;

import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Flash-decoding for a decode step (seq_q = 1): the keys of every head are cut into splits of {@code split_kv}
 * keys, which the run's threads process independently, so even a single head keeps every thread busy. Each
 * split leaves its max logit m, its sum of exp(logit − m) and its unnormalized output; the splits of a head are
 * then merged by log-sum-exp: with M the largest m, O = Σ_s e^(m_s − M)·o_s / Σ_s e^(m_s − M)·l_s. Serves
 * decode workloads only: other workloads are skipped with the reason, and prepare refuses them too.
 */
public final class FlashDecodingKernel extends AttentionKernel {

    /** Default keys per split. */
    static final int DEFAULT_SPLIT = 1024;

    @Override
    public String name() {
        return "flash-decoding";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "Vector API flash-decoding (seq_q = 1 only): seq_kv split over threads, partials merged by log-sum-exp";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(ParamSpec.optionalInt("split_kv", 16, 1 << 20, DEFAULT_SPLIT, "keys per split"));
    }

    @Override
    public Optional<String> unsupported(AttentionWorkload w) {
        return w.decode() ? Optional.empty() : Optional.of("flash-decoding serves decode steps only (seq_q = 1), got seq_q = " + w.seqQ());
    }

    @Override
    public Prepared<float[]> prepare(AttentionWorkload w, AttentionInputs in, KernelConfig config) {
        if (!w.decode()) {
            throw new IllegalArgumentException("flash-decoding serves decode steps only (seq_q = 1), got seq_q = " + w.seqQ()
                    + "; list it under decode workload groups only");
        }
        int split = Math.min(config.params().getInt("split_kv"), w.seqKv());
        int splits = (w.seqKv() + split - 1) / split;
        int heads = w.batch() * w.heads();
        int tasks = heads * splits;
        int d = w.headDim();
        float[] out = new float[heads * d];
        int workers = AttentionWorkers.workers(config.threads(), tasks);
        return new Prepared<>() {
            @Override
            public void run() throws Exception {
                Partials partials = new Partials(tasks, d);
                AttentionWorkers.run(config.pool(), config.threads(), tasks, () -> new SplitWorker(w, in, split, splits, partials));
                partials.merge(splits, out);
            }

            @Override
            public float[] output() {
                return out;
            }

            /** The partial results of every split and one score row per worker, allocated by each run. */
            @Override
            public Map<String, Double> metrics() {
                return Map.of("workspace_bytes", 4.0 * ((double) tasks * (d + 2) + (double) workers * split + splits));
            }
        };
    }

    /** Each split's max logit, sum of exponentials and unnormalized output (d floats). */
    private record Partials(float[] max, float[] sum, float[] out, int d) {
        Partials(int tasks, int d) {
            this(new float[tasks], new float[tasks], new float[tasks * d], d);
        }

        /** Merges the splits of every head into {@code result}, one head after another. */
        void merge(int splits, float[] result) {
            float[] weight = new float[splits];
            int heads = max.length / splits;
            for (int head = 0; head < heads; head++) {
                int first = head * splits;
                float m = Float.NEGATIVE_INFINITY;
                for (int s = 0; s < splits; s++) {
                    m = Math.max(m, max[first + s]);
                }
                float total = 0;
                for (int s = 0; s < splits; s++) {
                    weight[s] = (float) Math.exp(max[first + s] - m);
                    total += weight[s] * sum[first + s];
                }
                for (int s = 0; s < splits; s++) {
                    weight[s] /= total;
                }
                AttentionVectors.gemm(1, d, splits, weight, 0, 1, 1, out, first * d, d, result, head * d, d, false);
            }
        }
    }

    /** One worker's score row and the computation of one split. */
    private static final class SplitWorker implements IntConsumer {
        private final AttentionWorkload w;
        private final AttentionInputs in;
        private final int split;
        private final int splits;
        private final Partials partials;
        private final float scale;
        private final float[] scores;

        SplitWorker(AttentionWorkload w, AttentionInputs in, int split, int splits, Partials partials) {
            this.w = w;
            this.in = in;
            this.split = split;
            this.splits = splits;
            this.partials = partials;
            this.scale = (float) (1 / Math.sqrt(w.headDim()));
            this.scores = new float[split];
        }

        /** Task t: split {@code t % splits} of head {@code t / splits} (b·heads + h). */
        @Override
        public void accept(int t) {
            int head = t / splits;
            int j0 = (t % splits) * split;
            int d = w.headDim();
            int skv = w.seqKv();
            int nk = Math.min(split, skv - j0);
            int kvTile = (((head / w.heads()) * w.kvHeads() + (head % w.heads()) / w.group()) * skv + j0) * d;
            AttentionVectors.dots(nk, d, in.k(), kvTile, in.q(), head * d, scores, 0, 1);
            float m = AttentionVectors.max(scores, nk) * scale;
            partials.max()[t] = m;
            partials.sum()[t] = AttentionVectors.expRow(scores, nk, scale, m);
            AttentionVectors.gemm(1, d, nk, scores, 0, 1, 1, in.v(), kvTile, d, partials.out(), t * d, d, false);
        }
    }
}
