package dev.mlbench.tracks.attention;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Scaled dot-product attention, O = softmax(Q·Kᵀ/√d + mask)·V in fp32: prefill shapes with and without the
 * causal mask, grouped-query attention, and decode steps (one query row against a long KV cache).
 */
public final class AttentionTrack implements Track<AttentionWorkload, AttentionInputs, float[], AttentionReference> {

    /** The track's name. */
    public static final String NAME = "attention";
    /** Largest tensor a Java array holds. */
    public static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE - 8;
    /** Largest sequence length accepted; longer ones are mistakes on any machine this runs on. */
    public static final int MAX_SEQUENCE = 1 << 20;
    /**
     * Q and K are drawn from [-LARGE_LOGIT_SCALE, LARGE_LOGIT_SCALE) in hostile workloads: at head_dim 64 the
     * logits then have a spread of several hundred, far beyond exp's fp32 range of about ±88.
     */
    public static final double LARGE_LOGIT_SCALE = 30;
    /**
     * Default tolerance: |o − ref| ≤ atol + rtol·(1 + A_i)·Σ_j p_ij|v_jc| (see {@link AttentionReference}). fp32
     * dot products of length d err by at most about d·2⁻²⁴ times A_i; the softmax turns that into the same
     * relative error of p, and the weighted sum over seq_kv values adds about √seq_kv·2⁻²⁴. rtol = 1e-5 covers
     * the worst case at d = 64 and typical sums over 16 Ki keys, and still catches one dropped key at 1 Ki keys.
     */
    public static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-30, 1e-5);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "fp32 scaled dot-product attention softmax(Q·Kᵀ/√d + mask)·V (prefill, causal, grouped-query, decode)";
    }

    @Override
    public List<ParamSpec> workloadParams() {
        return List.of(
                ParamSpec.optionalInt("batch", 1, 1 << 16, 1, "sequences in the batch"),
                ParamSpec.requiredInt("heads", 1, 1 << 12, "query heads"),
                ParamSpec.optionalInt("kv_heads", 0, 1 << 12, 0,
                        "key/value heads, dividing heads (fewer is grouped-query attention); 0 means as many as heads"),
                ParamSpec.requiredInt("seq_q", 1, MAX_SEQUENCE, "query rows per head (1 for a decode step)"),
                ParamSpec.requiredInt("seq_kv", 1, MAX_SEQUENCE, "key/value rows per head"),
                ParamSpec.requiredInt("head_dim", 1, 1 << 12, "dimension of each query, key and value row"),
                new ParamSpec("causal", ParamSpec.Type.BOOLEAN, 0, 0, false,
                        "mask keys after each query's position (bottom-right aligned when seq_q < seq_kv)"),
                new ParamSpec("large_logits", ParamSpec.Type.BOOLEAN, 0, 0, false,
                        "hostile inputs: Q and K scaled so the logits reach hundreds, beyond exp's fp32 range"));
    }

    @Override
    public AttentionWorkload workload(ParamValues values) {
        int heads = values.getInt("heads");
        int kvHeads = values.getInt("kv_heads");
        return new AttentionWorkload(values.getInt("batch"), heads, kvHeads == 0 ? heads : kvHeads,
                values.getInt("seq_q"), values.getInt("seq_kv"), values.getInt("head_dim"),
                flag(values, "causal"), flag(values, "large_logits"));
    }

    private static boolean flag(ParamValues values, String name) {
        return Boolean.TRUE.equals(values.asMap().get(name));
    }

    /** e.g. {@code b1 h8/kv2 1024x1024 d64 causal}: batch, heads (and kv heads under GQA), seq_q x seq_kv, d. */
    @Override
    public String label(AttentionWorkload w) {
        return "b" + w.batch() + " h" + w.heads() + (w.kvHeads() != w.heads() ? "/kv" + w.kvHeads() : "")
                + " " + w.seqQ() + "x" + w.seqKv() + " d" + w.headDim()
                + (w.causal() ? " causal" : "") + (w.largeLogits() ? " large-logits" : "");
    }

    @Override
    public Tolerance defaultTolerance() {
        return DEFAULT_TOLERANCE;
    }

    /**
     * Q, then K, then V, uniform in [-1, 1) from one seeded generator; with {@code large_logits} Q and K are
     * scaled by {@link #LARGE_LOGIT_SCALE}.
     */
    @Override
    public AttentionInputs inputs(AttentionWorkload w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double qkScale = w.largeLogits() ? LARGE_LOGIT_SCALE : 1;
        float[] q = uniform(random, w.queryElements(), qkScale);
        float[] k = uniform(random, w.keyElements(), qkScale);
        float[] v = uniform(random, w.keyElements(), 1);
        return new AttentionInputs(q, k, v);
    }

    private static float[] uniform(SplittableRandom random, long elements, double scale) {
        float[] x = new float[Math.toIntExact(elements)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    @Override
    public AttentionReference reference(AttentionWorkload w, AttentionInputs in) {
        double[] o = new double[Math.toIntExact(w.queryElements())];
        double[] scale = new double[o.length];
        double[] p = new double[w.seqKv()];
        for (int b = 0; b < w.batch(); b++) {
            for (int h = 0; h < w.heads(); h++) {
                for (int i = 0; i < w.seqQ(); i++) {
                    referenceRow(w, in, b, h, i, p, o, scale);
                }
            }
        }
        return new AttentionReference(o, scale);
    }

    /**
     * One output row (b, h, i) in double with the numerically stable softmax (max subtracted before exp),
     * written to {@code o} at the row's offset; when {@code scale} is not null, the row's error scale too
     * (see {@link AttentionReference}).
     *
     * @param p scratch of at least seq_kv doubles
     */
    public static void referenceRow(AttentionWorkload w, AttentionInputs in, int b, int h, int i, double[] p,
                                    double[] o, double[] scale) {
        int d = w.headDim();
        int qRow = ((b * w.heads() + h) * w.seqQ() + i) * d;
        int kvBase = (b * w.kvHeads() + h / w.group()) * w.seqKv() * d;
        float[] q = in.q();
        float[] k = in.k();
        float[] v = in.v();
        double invSqrtD = 1 / Math.sqrt(d);
        int keys = w.visibleKeys(i);
        double max = Double.NEGATIVE_INFINITY;
        double largest = 0;
        for (int j = 0; j < keys; j++) {
            int kRow = kvBase + j * d;
            double dot = 0;
            double magnitude = 0;
            for (int c = 0; c < d; c++) {
                double product = (double) q[qRow + c] * k[kRow + c];
                dot += product;
                magnitude += Math.abs(product);
            }
            p[j] = dot * invSqrtD;
            max = Math.max(max, p[j]);
            largest = Math.max(largest, magnitude);
        }
        double sum = 0;
        for (int j = 0; j < keys; j++) {
            p[j] = Math.exp(p[j] - max);
            sum += p[j];
        }
        java.util.Arrays.fill(o, qRow, qRow + d, 0);
        if (scale != null) {
            java.util.Arrays.fill(scale, qRow, qRow + d, 0);
        }
        for (int j = 0; j < keys; j++) {
            double pj = p[j] / sum;
            int vRow = kvBase + j * d;
            for (int c = 0; c < d; c++) {
                o[qRow + c] += pj * v[vRow + c];
            }
            if (scale != null) {
                for (int c = 0; c < d; c++) {
                    scale[qRow + c] += pj * Math.abs(v[vRow + c]);
                }
            }
        }
        if (scale != null) {
            double factor = 1 + largest * invSqrtD;
            for (int c = 0; c < d; c++) {
                scale[qRow + c] *= factor;
            }
        }
    }

    @Override
    public Correctness check(AttentionWorkload w, float[] out, AttentionReference ref, Tolerance tolerance) {
        double[] scale = ref.scale();
        return Correctness.compare(out, ref.o(), i -> scale[i], tolerance);
    }

    /**
     * FLOPs = 4·d·(visible query-key pairs) per head: 2·d for the score and 2·d for its weighted value row.
     * Without a mask that is 4·b·h·seq_q·seq_kv·d; with the causal mask the pairs are counted exactly
     * ({@link AttentionWorkload#visiblePairsPerHead()}: half the square plus the diagonal when seq_q = seq_kv, all
     * of them for a decode step). Softmax exps and the mask are not counted. Bytes = 4·(|Q| + |K| + |V| + |O|):
     * every input read once and the output written once, the least any implementation moves.
     */
    @Override
    public Work work(AttentionWorkload w) {
        double heads = (double) w.batch() * w.heads();
        double flops = 4.0 * w.headDim() * heads * w.visiblePairsPerHead();
        double bytes = 4.0 * (2.0 * w.queryElements() + 2.0 * w.keyElements());
        return new Work(flops, bytes);
    }

    /**
     * Inputs and a kernel's output in the harness and benchmark JVM views, the double reference with its error
     * scale (16 bytes per output element), and the score matrix the naive kernel materializes per worker, counted
     * for two workers.
     */
    @Override
    public long footprintBytes(AttentionWorkload w) {
        long q = 4L * w.queryElements();
        long kv = 2 * 4L * w.keyElements();
        long scores = 2 * 4L * w.seqQ() * w.seqKv();
        return 2 * (q + kv) + 2 * q + 4 * q + scores;
    }
}
