package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmLayout;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The vector kernel's packed and streaming paths against the reference on every tail of every block: m, n and k
 * around one, two and three blocks of the register tile and of kc, mc and nc (made small so the blocks are
 * crossed many times), every layout, α and β with C preloaded, one and two threads, and vectors of 128, 256
 * and 512 bits, so every path runs whatever this machine prefers.
 */
class VectorGemmPathsTest {

    private static final GemmTrack TRACK = new GemmTrack();
    private static final int[] VECTOR_BITS = {128, 256, 512};
    /** (α, β) cycled over the shapes: plain, scaled, update of C. */
    private static final float[][] SCALES = {{1f, 0f}, {-1.5f, 0f}, {0.75f, 2f}, {1f, -1f}};
    private static final int KC = 8;
    private static final int STREAM_KC = 5;

    private static final Map<Integer, ExecutorService> POOLS = new LinkedHashMap<>();

    @BeforeAll
    static void startPools() {
        for (int threads : GemmKernelsUnderTest.THREAD_COUNTS) {
            POOLS.put(threads, Executors.newFixedThreadPool(threads));
        }
    }

    @AfterAll
    static void stopPools() {
        POOLS.values().forEach(ExecutorService::shutdownNow);
    }

    static Stream<Arguments> packedCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int bits : VECTOR_BITS) {
            for (PackedSgemm.Tile tile : PackedSgemm.Tile.values()) {
                for (int threads : GemmKernelsUnderTest.THREAD_COUNTS) {
                    cases.add(Arguments.of(bits, tile.label(), threads));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> streamingCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int bits : VECTOR_BITS) {
            for (int threads : GemmKernelsUnderTest.THREAD_COUNTS) {
                cases.add(Arguments.of(bits, threads));
            }
        }
        return cases.stream();
    }

    /**
     * Blocks: the tile is MR×NR, mc = 2·MR and nc = 2·NR, kc = {@value #KC}, and the streaming path is off;
     * m runs over the tails of MR and mc up to 3·mc + 1, n over the tails of NR and nc up to 3·nc + 1,
     * k over the tails of kc up to 3·kc + 1, with primes among them.
     */
    @ParameterizedTest(name = "{0}-bit vectors, tile {1}, {2} thread(s)")
    @MethodSource("packedCases")
    void packedPathMatchesTheReferenceOnEveryTail(int bits, String tileLabel, int threads) throws Exception {
        PackedSgemm.Tile tile = PackedSgemm.Tile.parse(tileLabel);
        int mr = tile.rows;
        int nr = tile.vectors * bits / 32;
        int mc = 2 * mr;
        int nc = 2 * nr;
        int[] ms = distinct(1, mr - 1, mr, mr + 1, mc + 1, 2 * mc + 1, 3 * mc + 1, 29);
        int[] ns = distinct(1, nr - 1, nr, nr + 1, nc + 1, 2 * nc + 3, 3 * nc + 1, 13);
        int[] ks = distinct(1, KC - 1, KC, KC + 1, 2 * KC + 1, 3 * KC + 1, 23);
        ParamValues params = params(tileLabel, KC, mc, nc, 0);
        int c = 0;
        for (int m : ms) {
            for (int n : ns) {
                int k = ks[c % ks.length];
                GemmLayout layout = GemmLayout.values()[c % GemmLayout.values().length];
                float[] scale = SCALES[c / GemmLayout.values().length % SCALES.length];
                c++;
                assertMatches(bits, params, new GemmWorkload(m, n, k, layout, scale[0], scale[1]), threads);
            }
        }
        // Every k with one shape crossing every block boundary.
        for (int k : ks) {
            for (GemmLayout layout : GemmLayout.values()) {
                assertMatches(bits, params, new GemmWorkload(3 * mc + 1, 3 * nc + 1, k, layout, 1f, 0.5f), threads);
            }
        }
    }

    /** m from 1 to 16 against n around the four-vector column tile and k around the pass length. */
    @ParameterizedTest(name = "{0}-bit vectors, {1} thread(s)")
    @MethodSource("streamingCases")
    void streamingPathMatchesTheReferenceOnEveryTail(int bits, int threads) throws Exception {
        int width = 4 * bits / 32;
        int[] ns = distinct(1, width - 1, width, width + 1, 2 * width + 3, 3 * width + 1, 4 * width, 31);
        int[] ks = distinct(1, STREAM_KC - 1, STREAM_KC, STREAM_KC + 1, 3 * STREAM_KC + 1, bits / 32 + 1, 2 * bits / 32 + 3);
        ParamValues params = params("auto", KC, 12, 64, StreamingGemm.MAX_ROWS);
        int c = 0;
        for (int m = 1; m <= StreamingGemm.MAX_ROWS; m++) {
            for (int n : ns) {
                for (GemmLayout layout : GemmLayout.values()) {
                    int k = ks[c % ks.length];
                    float[] scale = SCALES[c % SCALES.length];
                    c++;
                    assertMatches(bits, params, new GemmWorkload(m, n, k, layout, scale[0], scale[1]), threads);
                }
            }
        }
    }

    @ParameterizedTest(name = "m = {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 16, 17})
    @SuppressWarnings("try") // Prepared.close() declares Exception, as the SPI allows
    void reportsThePathAndBlocksItRan(int m) throws Exception {
        GemmWorkload w = new GemmWorkload(m, 40, 30);
        try (Prepared<float[]> prepared = new VectorGemmKernel(256).prepare(w, TRACK.inputs(w, 1),
                new KernelConfig(params("6x2", KC, 12, 64, StreamingGemm.MAX_ROWS), 1, POOLS.get(1)))) {
            Map<String, Double> metrics = prepared.metrics();
            assertEquals(256.0, metrics.get("vector_bits"));
            assertEquals(m <= StreamingGemm.MAX_ROWS ? 1.0 : 0.0, metrics.get("streaming"));
            if (m > StreamingGemm.MAX_ROWS) {
                assertEquals(6.0, metrics.get("tile_rows"));
                assertEquals(16.0, metrics.get("tile_cols"));
                assertEquals((double) KC, metrics.get("kc"));
                assertEquals(12.0, metrics.get("mc"));
                assertEquals(48.0, metrics.get("nc"), "nc rounds down to a multiple of the tile's 16 columns");
            }
            assertTrue(metrics.get("packed_bytes") > 0);
        }
    }

    @org.junit.jupiter.api.Test
    void aGemmTooSmallToShareRunsOnFewerThreadsThanTheRuns() {
        int least = VectorGemmKernel.DEFAULT_MIN_FLOP_PER_THREAD;
        assertEquals(1, VectorGemmKernel.threadsFor(new GemmWorkload(35, 189, 528), 2, least), "7 MFLOP");
        assertEquals(1, VectorGemmKernel.threadsFor(new GemmWorkload(1, 1, 1), 2, least));
        assertEquals(2, VectorGemmKernel.threadsFor(new GemmWorkload(433, 24, 1068), 2, least), "22 MFLOP");
        assertEquals(2, VectorGemmKernel.threadsFor(new GemmWorkload(1024, 1024, 1024), 2, least), "never more than the run's");
        assertEquals(3, VectorGemmKernel.threadsFor(new GemmWorkload(100, 100, 1500), 8, least), "30 MFLOP: three threads' worth");
        assertEquals(2, VectorGemmKernel.threadsFor(new GemmWorkload(1, 1, 1), 2, 1), "1 FLOP per thread: always the run's");
        assertEquals(2, VectorGemmKernel.threadsFor(new GemmWorkload(40000, 40000, 1), 2, least), "3.2 GFLOP: 2mnk does not overflow an int");
        assertEquals(1, VectorGemmKernel.threadsFor(new GemmWorkload(1024, 1024, 1024), 1, least), "one is one");
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @org.junit.jupiter.params.provider.CsvSource({"30, 62, 41, 1", "433, 24, 1068, 2", "4, 1000, 3000, 2"})
    @SuppressWarnings("try") // Prepared.close() declares Exception, as the SPI allows
    void reportsTheThreadsItRanOnWithTheDefaults(int m, int n, int k, int expected) throws Exception {
        GemmWorkload w = new GemmWorkload(m, n, k);
        GemmInputs in = TRACK.inputs(w, 5);
        try (Prepared<float[]> prepared = new VectorGemmKernel().prepare(w, in, new KernelConfig(new ParamValues(Map.of()), 2, POOLS.get(2)))) {
            prepared.run();
            assertTrue(TRACK.check(w, prepared.output(), TRACK.reference(w, in), GemmTrack.DEFAULT_TOLERANCE).passed());
            assertEquals((double) expected, prepared.metrics().get("threads_used"));
        }
    }

    @org.junit.jupiter.api.Test
    @SuppressWarnings("try") // Prepared.close() declares Exception, as the SPI allows
    void runsWithTheDefaultsWhenCalledWithOtherKernelsParams() throws Exception {
        // Kernels of other tracks call this one with their own params (binarization's fp32 baseline).
        GemmWorkload w = new GemmWorkload(20, 33, 17);
        GemmInputs in = TRACK.inputs(w, 3);
        try (Prepared<float[]> prepared = new VectorGemmKernel().prepare(w, in,
                new KernelConfig(new ParamValues(Map.of("bits", 64L)), 1, POOLS.get(1)))) {
            prepared.run();
            assertTrue(TRACK.check(w, prepared.output(), TRACK.reference(w, in), GemmTrack.DEFAULT_TOLERANCE).passed());
            assertEquals(1024.0 > w.k() ? (double) w.k() : 1024.0, prepared.metrics().get("kc"), "the default kc, capped at k");
        }
    }

    private static ParamValues params(String tile, int kc, int mc, int nc, int streamRows) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(VectorGemmKernel.TILE, tile);
        values.put(VectorGemmKernel.KC, (long) kc);
        values.put(VectorGemmKernel.MC, (long) mc);
        values.put(VectorGemmKernel.NC, (long) nc);
        values.put(VectorGemmKernel.STREAM_KC, (long) STREAM_KC);
        values.put(VectorGemmKernel.STREAM_ROWS, (long) streamRows);
        values.put(VectorGemmKernel.MIN_FLOP_PER_THREAD, 1L); // every shape on every thread: the paths' splits are what is tested
        return new ParamValues(values);
    }

    @SuppressWarnings("try") // Prepared.close() declares Exception, as the SPI allows
    private static void assertMatches(int bits, ParamValues params, GemmWorkload w, int threads) throws Exception {
        GemmInputs in = TRACK.inputs(w, 17L * w.hashCode() + bits);
        String context = bits + "-bit " + params + " on " + TRACK.label(w) + ", " + threads + " thread(s)";
        try (Prepared<float[]> prepared = new VectorGemmKernel(bits).prepare(w, in, new KernelConfig(params, threads, POOLS.get(threads)))) {
            prepared.run();
            float[] first = prepared.output().clone();
            Correctness result = TRACK.check(w, first, TRACK.reference(w, in), GemmTrack.DEFAULT_TOLERANCE);
            if (!result.passed()) {
                fail(context + ": " + result.detail());
            }
            prepared.run();
            assertArrayEquals(first, prepared.output(), () -> context + ": the second run gave a different output");
        }
        assertTrue(in.c().length == (w.readsC() ? w.m() * w.n() : 0));
    }

    private static int[] distinct(int... values) {
        return java.util.Arrays.stream(values).filter(v -> v >= 1).distinct().sorted().toArray();
    }
}
