package dev.mlbench.kernels.gpu.attention;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.gpu.Closer;
import dev.mlbench.kernels.gpu.KernelSources;
import dev.mlbench.kernels.gpu.OpenClBackend;
import dev.mlbench.kernels.gpu.opencl.ClBuffer;
import dev.mlbench.kernels.gpu.opencl.ClContext;
import dev.mlbench.kernels.gpu.opencl.ClKernel;
import dev.mlbench.kernels.gpu.opencl.ClPrepared;
import dev.mlbench.kernels.gpu.opencl.ClProgram;
import dev.mlbench.tracks.attention.AttentionInputs;
import dev.mlbench.tracks.attention.AttentionKernel;
import dev.mlbench.tracks.attention.AttentionWorkload;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * FlashAttention-style attention in OpenCL ({@code flash_attention.cl}): a work-group takes {@code bq} query rows
 * of one head, one work-item per row with its row of Q and its output accumulator in private memory, and streams
 * K and V through local memory {@code bkv} rows at a time with an online softmax (running max and sum, the
 * accumulator rescaled once per tile). Causal (bottom-right aligned), grouped-query and decode workloads are
 * served; head_dim is a build-time constant and above {@value #MAX_HEAD_DIM} is declined. Decode steps (seq_q = 1)
 * run flash-decoding instead: each head's keys in splits of {@code split_kv}, a work-group of up to {@code bq}
 * work-items per split, and a second launch merging the splits by log-sum-exp. The timed operation is the
 * launch (two for decode) and {@code clFinish}.
 */
public final class OpenClFlashAttentionKernel extends AttentionKernel {

    static final String BQ = "bq";
    static final String BKV = "bkv";
    static final String SPLIT_KV = "split_kv";
    static final String SOURCE = "flash_attention.cl";
    static final int DEFAULT_BQ = 64;
    static final int DEFAULT_BKV = 32;
    static final int DEFAULT_SPLIT_KV = 256;
    /** Largest head_dim served: a work-item holds 2·head_dim floats (its query row and accumulator) privately. */
    static final int MAX_HEAD_DIM = 256;

    /** Applied to the device source before it is built: the identity, except for tests' deliberately wrong variants. */
    private final UnaryOperator<String> sourceEdit;

    public OpenClFlashAttentionKernel() {
        this(UnaryOperator.identity());
    }

    OpenClFlashAttentionKernel(UnaryOperator<String> sourceEdit) {
        this.sourceEdit = sourceEdit;
    }

    @Override
    public String name() {
        return "opencl-flash";
    }

    @Override
    public String backend() {
        return OpenClBackend.NAME;
    }

    @Override
    public String description() {
        return "OpenCL FlashAttention: bq query rows per work-group against K/V tiles of bkv rows in local memory, online softmax";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(
                ParamSpec.optionalInt(BQ, 1, 1024, DEFAULT_BQ, "query rows per work-group (one work-item each)"),
                ParamSpec.optionalInt(BKV, 1, 256, DEFAULT_BKV, "key/value rows per tile staged in local memory"),
                ParamSpec.optionalInt(SPLIT_KV, 1, 1 << 20, DEFAULT_SPLIT_KV,
                        "decode steps (seq_q = 1): keys per split, each split one work-group of up to bq work-items"));
    }

    @Override
    public Optional<String> unsupported(AttentionWorkload w) {
        return w.headDim() > MAX_HEAD_DIM
                ? Optional.of("opencl-flash keeps a query row and its accumulator in private memory and serves head_dim up to "
                        + MAX_HEAD_DIM + ", got " + w.headDim())
                : Optional.empty();
    }

    @Override
    public Prepared<float[]> prepare(AttentionWorkload w, AttentionInputs in, KernelConfig config) {
        unsupported(w).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        int bq = config.params().getInt(BQ);
        int bkv = config.params().getInt(BKV);
        Closer closer = new Closer();
        try {
            ClContext context = closer.add(ClContext.open());
            String source = sourceEdit.apply(KernelSources.text(OpenClFlashAttentionKernel.class, SOURCE));
            ClBuffer q = closer.add(context.upload(in.q()));
            ClBuffer k = closer.add(context.upload(in.k()));
            ClBuffer v = closer.add(context.upload(in.v()));
            ClBuffer o = closer.add(context.allocate(w.queryElements()));
            float scale = (float) (1 / Math.sqrt(w.headDim()));
            long heads = (long) w.batch() * w.heads();
            if (w.decode()) {
                // No more work-items per split than it has keys, or than the device and its local memory allow.
                int split = Math.min(config.params().getInt(SPLIT_KV), w.seqKv());
                int group = Math.min(Math.min(bq, split), decodeGroupLimit(context, w.headDim()));
                return prepareDecode(w, context, closer, source, group, split, scale, q, k, v, o);
            }
            long localBytes = localBytes(bq, bkv, w.headDim());
            if (localBytes > context.localMemoryBytes()) {
                throw new IllegalArgumentException("bq " + bq + ", bkv " + bkv + " at head_dim " + w.headDim() + " stage " + localBytes
                        + " bytes of local memory per work-group but " + context.deviceName() + " has " + context.localMemoryBytes()
                        + "; lower bkv");
            }
            ClProgram program = closer.add(context.program(source, SOURCE,
                    "-DBQ=" + bq + " -DBKV=" + bkv + " -DD=" + w.headDim()));
            ClKernel kernel = closer.add(program.kernel("flash_attention", bq));
            kernel.arg(0, w.heads()).arg(1, w.kvHeads()).arg(2, w.seqQ()).arg(3, w.seqKv()).arg(4, w.causal() ? 1 : 0)
                    .arg(5, scale).arg(6, q).arg(7, k).arg(8, v).arg(9, o);
            long tiles = (w.seqQ() + bq - 1) / bq;
            Map<String, Double> metrics = Map.of(
                    "padded_query_ratio", (double) (tiles * bq) / w.seqQ(),
                    "local_bytes_per_work_group", (double) localBytes);
            return new ClPrepared(closer, context, () -> kernel.launch2d(tiles * bq, heads, bq, 1), o, metrics);
        } catch (RuntimeException e) {
            throw closer.closeAfter(e);
        }
    }

    /**
     * Flash-decoding: {@code flash_decode_split} on (splits × group, heads) leaves each split's (o, M, L) in a
     * partials buffer, {@code flash_decode_merge} on (head_dim, heads) merges them into O.
     */
    private static Prepared<float[]> prepareDecode(AttentionWorkload w, ClContext context, Closer closer, String source,
                                                   int group, int split, float scale, ClBuffer q, ClBuffer k, ClBuffer v, ClBuffer o) {
        int d = w.headDim();
        int splits = (w.seqKv() + split - 1) / split;
        long heads = (long) w.batch() * w.heads();
        ClProgram program = closer.add(context.program(source, SOURCE, "-DBQ=" + group + " -DD=" + d + " -DSPLIT=" + split));
        ClKernel partial = closer.add(program.kernel("flash_decode_split", group));
        ClKernel merge = closer.add(program.kernel("flash_decode_merge", d));
        ClBuffer partials = closer.add(context.allocate(heads * splits * (d + 2)));
        partial.arg(0, w.heads()).arg(1, w.kvHeads()).arg(2, w.seqKv()).arg(3, splits).arg(4, scale)
                .arg(5, q).arg(6, k).arg(7, v).arg(8, partials);
        merge.arg(0, splits).arg(1, partials).arg(2, o);
        Map<String, Double> metrics = Map.of(
                "splits", (double) splits,
                "work_items_per_split", (double) group,
                "local_bytes_per_work_group", (double) decodeLocalBytes(group, d));
        return new ClPrepared(closer, context, () -> {
            partial.launch2d((long) splits * group, heads, group, 1);
            merge.launch2d(d, heads, d, 1);
        }, o, metrics);
    }

    /** The most work-items per split the device allows and whose states fit its local memory for the merge. */
    private static int decodeGroupLimit(ClContext context, int headDim) {
        long fits = context.localMemoryBytes() / decodeLocalBytes(1, headDim);
        return (int) Math.max(1, Math.min(context.maxWorkGroupSize(), Math.min(Integer.MAX_VALUE, fits)));
    }

    /** Local memory of one decode work-group: each work-item's accumulator, max and sum. */
    static long decodeLocalBytes(int group, int headDim) {
        return (long) Float.BYTES * group * (headDim + 2);
    }

    /** Local memory one work-group stages: bkv rows of K and of V, and a bkv × bq tile of scores. */
    static long localBytes(int bq, int bkv, int headDim) {
        return (long) Float.BYTES * ((long) 2 * bkv * headDim + (long) bkv * bq);
    }
}
