package dev.mlbench.kernels.cpu.attention;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.kernels.cpu.TestBackends;
import dev.mlbench.tracks.attention.AttentionKernel;
import dev.mlbench.tracks.attention.AttentionWorkload;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every attention kernel matches the track's reference on awkward shapes (a single key, primes, seq_q ≠ seq_kv,
 * grouped-query heads, head dims off the vector length, hostile logits), causal and not, on one and two threads,
 * run after run; flash also at tile sizes whose every tail the shapes hit.
 */
class AttentionKernelShapeTest {

    /** Lanes of the preferred float species: head dims and tiles are chosen around it. */
    private static final int L = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();

    private static AttentionWorkload w(int batch, int heads, int kvHeads, int sq, int skv, int d, boolean causal, boolean large) {
        return new AttentionWorkload(batch, heads, kvHeads, sq, skv, d, causal, large);
    }

    /** Shapes every kernel runs on, each causal and not where the mask allows. */
    static Stream<AttentionWorkload> awkwardShapes() {
        List<AttentionWorkload> shapes = new ArrayList<>();
        for (boolean causal : new boolean[] {false, true}) {
            shapes.add(w(1, 1, 1, 1, 1, 1, causal, false));            // one query, one key, d = 1
            shapes.add(w(1, 2, 2, 1, 1, 64, causal, false));           // decode against a single key
            shapes.add(w(1, 3, 3, 13, 37, 7, causal, false));          // primes, d below one vector
            shapes.add(w(2, 2, 1, 17, 17, L + 3, causal, false));      // batch 2, GQA 2:1, d one vector plus a tail
            shapes.add(w(1, 4, 2, 5, 131, 64, causal, false));         // seq_q < seq_kv (chunked prefill), GQA
            shapes.add(w(1, 6, 2, 1, 1031, 64, causal, false));        // decode, GQA 3:1, prime cache length
            shapes.add(w(1, 2, 2, 67, 67, 80, causal, false));         // past one 64-tile, d = 80
            shapes.add(w(1, 2, 2, 29, 53, 64, causal, true));          // hostile: logits in the hundreds
            shapes.add(w(1, 2, 1, 1, 2053, 64, causal, true));         // hostile decode
        }
        shapes.add(w(1, 1, 1, 41, 19, 16, false, false));              // more queries than keys (no mask allows it)
        return shapes.stream();
    }

    /** Flash tile sizes: single rows, primes, one vector and its neighbours, 64-row tiles, and tiles beyond the shapes. */
    static final List<Map<String, Integer>> FLASH_TILES = List.of(
            Map.of("bq", 1, "bkv", 1),
            Map.of("bq", 4, "bkv", 5),
            Map.of("bq", 5, "bkv", 7),
            Map.of("bq", L, "bkv", L + 1),
            Map.of("bq", L + 1, "bkv", L - 1),
            Map.of("bq", 64, "bkv", 64),
            Map.of("bq", 128, "bkv", 256));

    /** Flash-decoding splits: the smallest, a prime, the default, and one split for everything. */
    static final List<Map<String, Integer>> DECODING_SPLITS = List.of(
            Map.of("split_kv", 16), Map.of("split_kv", 97), Map.of("split_kv", 1024), Map.of("split_kv", 1 << 20));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<AttentionWorkload> shapes = awkwardShapes().toList();
        for (AttentionKernel kernel : AttentionKernelsUnderTest.all()) {
            List<Map<String, Integer>> settings = switch (kernel.name()) {
                case "flash" -> FLASH_TILES;
                case "flash-decoding" -> DECODING_SPLITS;
                default -> List.of(Map.of());
            };
            for (AttentionWorkload shape : shapes) {
                if (!AttentionKernelsUnderTest.serves(kernel, shape)) {
                    continue;
                }
                for (Map<String, Integer> setting : settings) {
                    for (int threads : AttentionKernelsUnderTest.THREAD_COUNTS) {
                        cases.add(Arguments.of(Named.of(kernel.name(), kernel),
                                Named.of(AttentionKernelsUnderTest.TRACK.label(shape), shape), setting, threads));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2} on {1}, {3} thread(s)")
    @MethodSource("cases")
    void matchesReferenceAndRepeatsExactly(AttentionKernel kernel, AttentionWorkload w, Map<String, Integer> setting, int threads)
            throws Exception {
        AttentionKernelsUnderTest.assumeRunnable(kernel);
        AttentionKernelsUnderTest.assertMatchesReferenceTwice(kernel, w, setting, threads);
    }

    @Test
    void everyKernelOfTheIssueIsRegistered() {
        TestBackends.assumeEveryBackend();
        List<String> names = AttentionKernelsUnderTest.all().stream().map(AttentionKernel::name).toList();
        assertTrue(names.containsAll(List.of("reference", "naive", "flash", "flash-decoding")), names::toString);
    }

    @Test
    void flashDecodingRefusesPrefillWithAClearReason() throws Exception {
        TestBackends.assumeEveryBackend();
        AttentionKernel kernel = AttentionKernelsUnderTest.named("flash-decoding");
        AttentionWorkload prefill = w(1, 1, 1, 2, 8, 16, false, false);
        var inputs = AttentionKernelsUnderTest.TRACK.inputs(prefill, 1);
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kernel.prepare(prefill, inputs,
                    new KernelConfig(AttentionKernelsUnderTest.params(kernel, Map.of()), 1, pool)));
            assertTrue(e.getMessage().contains("seq_q = 1"), e.getMessage());
        }
        assertTrue(kernel.unsupported(prefill).orElseThrow().contains("seq_q = 1"), "planned as a skipped row");
        assertTrue(kernel.unsupported(w(1, 1, 1, 1, 8, 16, false, false)).isEmpty(), "a decode step is served");
    }

    @Test
    void theShapesHitEveryFlashTileTail() {
        // For each tile setting but the last (larger than any shape: one clamped tile) some shape must leave a
        // partial query tile and a partial key tile.
        for (Map<String, Integer> tiles : FLASH_TILES.subList(0, FLASH_TILES.size() - 1)) {
            int bq = tiles.get("bq");
            int bkv = tiles.get("bkv");
            boolean queryTail = awkwardShapes().anyMatch(s -> s.seqQ() > bq && s.seqQ() % bq != 0);
            boolean keyTail = awkwardShapes().anyMatch(s -> s.seqKv() > bkv && s.seqKv() % bkv != 0);
            assertTrue(bq == 1 || queryTail, () -> "no shape has a partial query tile for " + tiles);
            assertTrue(bkv == 1 || keyTail, () -> "no shape has a partial key tile for " + tiles);
        }
    }
}
