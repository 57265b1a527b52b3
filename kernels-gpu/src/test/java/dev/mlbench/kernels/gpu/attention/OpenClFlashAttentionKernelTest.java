package dev.mlbench.kernels.gpu.attention;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.kernels.gpu.GpuTesting;
import dev.mlbench.tracks.attention.AttentionInputs;
import dev.mlbench.tracks.attention.AttentionTrack;
import dev.mlbench.tracks.attention.AttentionWorkload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenCL flash attention against the track's reference on whatever OpenCL device is present (PoCL on the
 * CPU in CI); skipped, with the probe's reason, where there is no OpenCL platform.
 */
class OpenClFlashAttentionKernelTest {

    private static final AttentionTrack TRACK = new AttentionTrack();
    /** (bq, bkv): one row and one key per tile, odd sizes, the default, and more rows than keys. */
    private static final int[][] TILINGS = {{1, 1}, {4, 3}, {7, 5}, {64, 32}, {16, 8}};
    private final OpenClFlashAttentionKernel kernel = new OpenClFlashAttentionKernel();

    @BeforeEach
    void needsOpenCl() {
        GpuTesting.assumeRunnable(kernel);
    }

    private static AttentionWorkload shape(int batch, int heads, int kvHeads, int seqQ, int seqKv, int d, boolean causal) {
        return new AttentionWorkload(batch, heads, kvHeads, seqQ, seqKv, d, causal, false);
    }

    /**
     * For every tiling, at head_dim 64: one query and one key, primes, causal with seq_q below seq_kv (the
     * bottom-right alignment) and square, and query rows and keys one short of, at and one past the tiles.
     */
    static Stream<Arguments> awkwardShapesForEveryTiling() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] t : TILINGS) {
            int bq = t[0];
            int bkv = t[1];
            List<AttentionWorkload> shapes = List.of(
                    shape(1, 1, 1, 1, 1, 64, false),
                    shape(1, 1, 1, 1, 1, 64, true),
                    shape(2, 3, 3, 13, 29, 64, false),
                    shape(1, 2, 2, 13, 29, 64, true),
                    shape(1, 2, 2, 37, 37, 64, true),
                    shape(1, 2, 2, bq + 1, 2 * bkv + 1, 64, true),
                    shape(1, 1, 1, Math.max(1, bq - 1), bkv, 64, false),
                    shape(1, 1, 1, bq, bq + bkv - 1, 64, true),
                    shape(1, 1, 1, 2 * bq + 1, Math.max(2 * bq + 1, 3 * bkv + 1), 64, true));
            for (AttentionWorkload w : shapes) {
                cases.add(Arguments.of(bq, bkv, w));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "bq {0}, bkv {1}, {2}")
    @MethodSource("awkwardShapesForEveryTiling")
    void matchesTheReferenceOnAwkwardShapes(int bq, int bkv, AttentionWorkload w) throws Exception {
        assertMatchesReference(kernel, w, TRACK.inputs(w, 7), bq, bkv);
    }

    /** Grouped-query (4 and 8 query heads per key/value head, and one key/value head for all), causal and not, batched. */
    static Stream<AttentionWorkload> groupedQuery() {
        return Stream.of(
                shape(2, 8, 2, 19, 19, 64, true),
                shape(2, 8, 2, 19, 41, 64, false),
                shape(1, 8, 1, 23, 47, 64, true),
                shape(3, 4, 2, 5, 70, 64, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupedQuery")
    void matchesTheReferenceUnderGroupedQueryAttention(AttentionWorkload w) throws Exception {
        assertMatchesReference(kernel, w, TRACK.inputs(w, 9), 16, 8);
        assertMatchesReference(kernel, w, TRACK.inputs(w, 9), 7, 5);
    }

    /** Decode steps: one query row against a prime number of keys, causal (sees every key) and not, with GQA. */
    static Stream<AttentionWorkload> decode() {
        return Stream.of(
                shape(1, 8, 8, 1, 1031, 64, true),
                shape(1, 8, 2, 1, 1031, 64, false),
                shape(2, 4, 1, 1, 300, 64, true));
    }

    /**
     * (work-items per split, keys per split): the defaults; one work-item; one key per split (as many splits as
     * keys); splits that leave a partial last split and work-items without a key; one split for everything.
     */
    private static final int[][] DECODE_SPLITS = {
            {OpenClFlashAttentionKernel.DEFAULT_BQ, OpenClFlashAttentionKernel.DEFAULT_SPLIT_KV}, {1, 7}, {7, 1}, {64, 13},
            {16, 100}, {16, 1 << 20}};

    @ParameterizedTest(name = "{0}")
    @MethodSource("decode")
    void matchesTheReferenceOnDecodeSteps(AttentionWorkload w) throws Exception {
        for (int[] split : DECODE_SPLITS) {
            assertMatchesReference(kernel, w, TRACK.inputs(w, 3), decodeSplit(split[0], split[1]));
        }
    }

    @Test
    void matchesTheReferenceOnDecodeStepsWithLargeLogitsAndOtherHeadDims() throws Exception {
        for (int d : new int[] {1, 80, 256}) {
            AttentionWorkload w = new AttentionWorkload(2, 4, 2, 1, 777, d, true, true);
            assertMatchesReference(kernel, w, TRACK.inputs(w, 29), decodeSplit(16, 100));
        }
    }

    /** The test can fail: splits merged without rescaling each by e^(M_s − M). */
    @Test
    void aDecodeMergeThatDoesNotRescaleTheSplitsIsCaught() throws Exception {
        assertWrongDecodeIsCaught(GpuTesting.breaking("const float w = exp(part[s * (D + 2) + D] - mMax);", "const float w = 1.0f;"));
    }

    /** The test can fail: the work-items of a split merged without rescaling each by e^(m_t − M). */
    @Test
    void aSplitThatDoesNotRescaleItsWorkItemsIsCaught() throws Exception {
        assertWrongDecodeIsCaught(GpuTesting.breaking("const float f = exp(m - mMax);", "const float f = 1.0f;"));
    }

    /** The test can fail: a work-item that does not rescale its accumulator when a key raises its maximum. */
    @Test
    void aDecodeAccumulatorThatIsNotRescaledIsCaught() throws Exception {
        assertWrongDecodeIsCaught(GpuTesting.breaking("acc[c] = fma(acc[c], a, v[c]);", "acc[c] += v[c];"));
    }

    private void assertWrongDecodeIsCaught(UnaryOperator<String> edit) throws Exception {
        AttentionWorkload w = shape(1, 4, 2, 1, 300, 64, true);
        AttentionInputs in = TRACK.inputs(w, 37);
        Map<String, Integer> params = decodeSplit(8, 50);
        Correctness result = check(w, GpuTesting.runTwice(new OpenClFlashAttentionKernel(edit), w, in, params), in);
        assertFalse(result.passed(), "the wrong variant passed on " + TRACK.label(w) + ": " + result.detail());
        assertMatchesReference(kernel, w, in, params);
    }

    @Test
    void reportsTheSplitsOfADecodeStep() throws Exception {
        AttentionWorkload w = shape(1, 2, 2, 1, 1000, 64, true);
        try (var p = kernel.prepare(w, TRACK.inputs(w, 1), config(decodeSplit(16, 300)))) {
            assertEquals(4.0, (double) p.metrics().get("splits"), p.metrics().toString());
            assertEquals(16.0, (double) p.metrics().get("work_items_per_split"), p.metrics().toString());
        }
    }

    private static Map<String, Integer> decodeSplit(int group, int split) {
        return Map.of(OpenClFlashAttentionKernel.BQ, group, OpenClFlashAttentionKernel.SPLIT_KV, split);
    }

    /** Head dimensions other than 64, up to the largest served, each compiled as its own constant. */
    @ParameterizedTest(name = "head_dim {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3, 80, 128, 256})
    void matchesTheReferenceAtOtherHeadDims(int d) throws Exception {
        AttentionWorkload w = shape(1, 2, 1, 21, 45, d, true);
        assertMatchesReference(kernel, w, TRACK.inputs(w, 5), 8, 8);
    }

    /** Logits in the hundreds (beyond exp's fp32 range), causal and not: the softmax is nearly one-hot. */
    @Test
    void matchesTheReferenceWithLargeLogits() throws Exception {
        for (boolean causal : new boolean[] {true, false}) {
            AttentionWorkload w = new AttentionWorkload(1, 4, 2, 67, 67, 64, causal, true);
            assertMatchesReference(kernel, w, TRACK.inputs(w, 21), 16, 8);
            assertMatchesReference(kernel, w, TRACK.inputs(w, 21), 64, 32);
        }
    }

    /** Outlier channels: two channels of Q and K far larger than the rest, as in LLM activations. */
    @Test
    void matchesTheReferenceWithOutlierChannels() throws Exception {
        AttentionWorkload w = shape(1, 2, 2, 33, 65, 64, true);
        AttentionInputs in = TRACK.inputs(w, 23);
        float[] q = in.q().clone();
        float[] k = in.k().clone();
        for (int row = 0; row < q.length / 64; row++) {
            q[row * 64 + 5] *= 40;
        }
        for (int row = 0; row < k.length / 64; row++) {
            k[row * 64 + 5] *= 40;
            k[row * 64 + 60] *= -25;
        }
        assertMatchesReference(kernel, w, new AttentionInputs(q, k, in.v()), 16, 8);
    }

    /** The test can fail: causal masking aligned to the top left (row i sees keys 0 ..= i) instead of the bottom right. */
    @Test
    void aTopLeftAlignedCausalMaskIsCaught() throws Exception {
        assertWrongVariantIsCaught(GpuTesting.breaking("const int offset = seqKv - seqQ;", "const int offset = 0;"),
                shape(1, 2, 2, 5, 40, 64, true));
    }

    /** The test can fail: an accumulator not rescaled when a later key tile raises the maximum. */
    @Test
    void anAccumulatorThatIsNotRescaledIsCaught() throws Exception {
        assertWrongVariantIsCaught(GpuTesting.breaking("acc[c] *= alpha;", ""), shape(1, 2, 2, 9, 64, 64, false));
    }

    /** The test can fail: query heads mapped to key/value heads round-robin instead of in groups. */
    @Test
    void aWrongGroupedQueryMappingIsCaught() throws Exception {
        assertWrongVariantIsCaught(GpuTesting.breaking("h / (heads / kvHeads)", "h % kvHeads"), shape(1, 4, 2, 9, 20, 64, false));
    }

    /** The test can fail: a causal mask that lets each row see one key too many. */
    @Test
    void anOffByOneCausalMaskIsCaught() throws Exception {
        assertWrongVariantIsCaught(GpuTesting.breaking("min(seqKv, i + offset + 1)", "min(seqKv, i + offset + 2)"),
                shape(1, 2, 2, 9, 20, 64, true));
    }

    private void assertWrongVariantIsCaught(UnaryOperator<String> edit, AttentionWorkload w) throws Exception {
        AttentionInputs in = TRACK.inputs(w, 31);
        float[] o = GpuTesting.runTwice(new OpenClFlashAttentionKernel(edit), w, in, tiling(4, 4));
        Correctness result = check(w, o, in);
        assertFalse(result.passed(), "the wrong variant passed on " + TRACK.label(w) + ": " + result.detail());
        assertMatchesReference(kernel, w, in, 4, 4);
    }

    @Test
    void headDimsAboveTheLimitAreDeclinedWithAReason() {
        AttentionWorkload w = shape(1, 1, 1, 4, 4, OpenClFlashAttentionKernel.MAX_HEAD_DIM + 1, false);
        String reason = kernel.unsupported(w).orElseThrow();
        assertTrue(reason.contains("head_dim up to 256") && reason.contains("257"), reason);
        assertTrue(kernel.unsupported(shape(1, 1, 1, 4, 4, 256, false)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> kernel.prepare(w, TRACK.inputs(w, 1), config(tiling(4, 4))));
    }

    @Test
    void reportsQueryPaddingAndLocalMemory() throws Exception {
        AttentionWorkload w = shape(1, 1, 1, 4, 8, 64, true);
        try (var p = kernel.prepare(w, TRACK.inputs(w, 1), config(tiling(16, 8)))) {
            assertEquals(4.0, (double) p.metrics().get("padded_query_ratio"), p.metrics().toString());
            assertEquals(4.0 * (2 * 8 * 64 + 8 * 16), (double) p.metrics().get("local_bytes_per_work_group"), p.metrics().toString());
        }
    }

    @Test
    void tilesAreTunable() {
        var specs = kernel.tunables();
        assertTrue(specs.get(0).name().equals("bq") && ((Number) specs.get(0).defaultValue()).intValue() == 64, specs.toString());
        assertTrue(specs.get(1).name().equals("bkv") && ((Number) specs.get(1).defaultValue()).intValue() == 32, specs.toString());
        assertTrue(specs.get(2).name().equals("split_kv") && ((Number) specs.get(2).defaultValue()).intValue() == 256, specs.toString());
    }

    private static Map<String, Integer> tiling(int bq, int bkv) {
        return Map.of(OpenClFlashAttentionKernel.BQ, bq, OpenClFlashAttentionKernel.BKV, bkv);
    }

    private static KernelConfig config(Map<String, Integer> params) {
        return new KernelConfig(new ParamValues(GpuTesting.withDefaults(new OpenClFlashAttentionKernel(), params)), 1, null);
    }

    private static void assertMatchesReference(OpenClFlashAttentionKernel kernel, AttentionWorkload w, AttentionInputs in,
                                               int bq, int bkv) throws Exception {
        assertMatchesReference(kernel, w, in, tiling(bq, bkv));
    }

    private static void assertMatchesReference(OpenClFlashAttentionKernel kernel, AttentionWorkload w, AttentionInputs in,
                                               Map<String, Integer> params) throws Exception {
        float[] o = GpuTesting.runTwice(kernel, w, in, params);
        Correctness result = check(w, o, in);
        assertTrue(result.passed(), () -> params + " on " + TRACK.label(w) + ": " + result.detail());
    }

    private static Correctness check(AttentionWorkload w, float[] o, AttentionInputs in) {
        return TRACK.check(w, o, TRACK.reference(w, in), AttentionTrack.DEFAULT_TOLERANCE);
    }
}
