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
 * served; head_dim is a build-time constant and above {@value #MAX_HEAD_DIM} is declined. The timed operation is
 * one launch and {@code clFinish}.
 */
public final class OpenClFlashAttentionKernel extends AttentionKernel {

    static final String BQ = "bq";
    static final String BKV = "bkv";
    static final String SOURCE = "flash_attention.cl";
    static final int DEFAULT_BQ = 64;
    static final int DEFAULT_BKV = 32;
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
                ParamSpec.optionalInt(BKV, 1, 256, DEFAULT_BKV, "key/value rows per tile staged in local memory"));
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
        long localBytes = localBytes(bq, bkv, w.headDim());
        Closer closer = new Closer();
        try {
            ClContext context = closer.add(ClContext.open());
            if (localBytes > context.localMemoryBytes()) {
                throw new IllegalArgumentException("bq " + bq + ", bkv " + bkv + " at head_dim " + w.headDim() + " stage " + localBytes
                        + " bytes of local memory per work-group but " + context.deviceName() + " has " + context.localMemoryBytes()
                        + "; lower bkv");
            }
            String source = sourceEdit.apply(KernelSources.text(OpenClFlashAttentionKernel.class, SOURCE));
            ClProgram program = closer.add(context.program(source, SOURCE,
                    "-DBQ=" + bq + " -DBKV=" + bkv + " -DD=" + w.headDim()));
            ClKernel kernel = closer.add(program.kernel("flash_attention", bq));
            ClBuffer q = closer.add(context.upload(in.q()));
            ClBuffer k = closer.add(context.upload(in.k()));
            ClBuffer v = closer.add(context.upload(in.v()));
            ClBuffer o = closer.add(context.allocate(w.queryElements()));
            kernel.arg(0, w.heads()).arg(1, w.kvHeads()).arg(2, w.seqQ()).arg(3, w.seqKv()).arg(4, w.causal() ? 1 : 0)
                    .arg(5, (float) (1 / Math.sqrt(w.headDim())))
                    .arg(6, q).arg(7, k).arg(8, v).arg(9, o);
            long tiles = (w.seqQ() + bq - 1) / bq;
            long heads = (long) w.batch() * w.heads();
            Map<String, Double> metrics = Map.of(
                    "padded_query_ratio", (double) (tiles * bq) / w.seqQ(),
                    "local_bytes_per_work_group", (double) localBytes);
            return new ClPrepared(closer, context, () -> kernel.launch2d(tiles * bq, heads, bq, 1), o, metrics);
        } catch (RuntimeException e) {
            throw closer.closeAfter(e);
        }
    }

    /** Local memory one work-group stages: bkv rows of K and of V, and a bkv × bq tile of scores. */
    static long localBytes(int bq, int bkv, int headDim) {
        return (long) Float.BYTES * ((long) 2 * bkv * headDim + (long) bkv * bq);
    }
}
