package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.mlbench.kernels.gpu.gemm.GpuGemmTesting.TRACK;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenCL tiled GEMM against the track's reference on whatever OpenCL device is present (PoCL on CPU in
 * CI); skipped, with the probe's reason, where there is no OpenCL platform.
 */
class OpenClGemmKernelTest {

    private static final int[] TILES = {1, 2, 4, 8, 16, 32};
    private final OpenClGemmKernel kernel = new OpenClGemmKernel();

    @BeforeEach
    void needsOpenCl() {
        GpuGemmTesting.assumeRunnable(kernel);
    }

    /** Single elements, primes that fit no tile, a long prime reduction, tall and flat shapes. */
    static Stream<Arguments> awkwardShapesForEveryTile() {
        int[][] shapes = {{1, 1, 1}, {7, 13, 17}, {31, 37, 41}, {1, 1, 1031}, {97, 3, 5}, {2, 257, 3}};
        List<Arguments> cases = new ArrayList<>();
        for (int tile : TILES) {
            for (int[] s : shapes) {
                cases.add(Arguments.of(tile, new GemmWorkload(s[0], s[1], s[2])));
            }
        }
        return cases.stream();
    }

    /**
     * For each tile t: dimensions one short of, exactly at and one past a multiple of t, so every edge of the
     * bounds checks (rows, columns, and a partial last K step) is crossed.
     */
    static Stream<Arguments> tailsOfEveryTile() {
        List<Arguments> cases = new ArrayList<>();
        for (int t : TILES) {
            cases.add(Arguments.of(t, new GemmWorkload(2 * t + 1, Math.max(1, t - 1), 3 * t + 1)));
            cases.add(Arguments.of(t, new GemmWorkload(Math.max(1, 2 * t - 1), 2 * t + 1, t)));
            cases.add(Arguments.of(t, new GemmWorkload(t, t, Math.max(1, 2 * t - 1))));
            cases.add(Arguments.of(t, new GemmWorkload(t + 1, 3 * t, 4 * t + 1)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "tile {0}, {1}")
    @MethodSource("awkwardShapesForEveryTile")
    void matchesTheReferenceOnAwkwardShapes(int tile, GemmWorkload w) throws Exception {
        GpuGemmTesting.assertMatchesReference(kernel, w, TRACK.inputs(w, 7), Map.of(OpenClGemmKernel.TILE, tile));
    }

    @ParameterizedTest(name = "tile {0}, {1}")
    @MethodSource("tailsOfEveryTile")
    void matchesTheReferenceOnTheTailsOfEveryTile(int tile, GemmWorkload w) throws Exception {
        GpuGemmTesting.assertMatchesReference(kernel, w, TRACK.inputs(w, 11), Map.of(OpenClGemmKernel.TILE, tile));
    }

    @Test
    void matchesTheReferenceOnTheDecodeShape() throws Exception {
        GemmWorkload w = new GemmWorkload(1, 4096, 4096);
        GpuGemmTesting.assertMatchesReference(kernel, w, TRACK.inputs(w, 3), Map.of(OpenClGemmKernel.TILE, 16));
    }

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(floats = {1e18f, 1e-12f})
    void matchesTheReferenceOnHugeAndTinyValues(float scale) throws Exception {
        GemmWorkload w = new GemmWorkload(33, 35, 67);
        GemmInputs in = scaled(TRACK.inputs(w, 5), scale);
        GpuGemmTesting.assertMatchesReference(kernel, w, in, Map.of(OpenClGemmKernel.TILE, 8));
    }

    @Test
    void matchesTheReferenceWithOutlierChannels() throws Exception {
        GemmWorkload w = new GemmWorkload(17, 40, 129);
        GemmInputs in = TRACK.inputs(w, 9);
        float[] a = in.a().clone();
        for (int i = 0; i < w.m(); i++) {
            a[i * w.k() + 5] *= 1e4f;   // one activation channel far larger than the rest, as in LLMs
            a[i * w.k() + 100] *= -3e3f;
        }
        GpuGemmTesting.assertMatchesReference(kernel, w, new GemmInputs(a, in.b()), Map.of(OpenClGemmKernel.TILE, 16));
    }

    /** The test can fail: a kernel that skipped the last step of K (here: A's last column lost) is rejected. */
    @Test
    void aKernelThatDropsTheLastReductionStepIsCaught() throws Exception {
        GpuGemmTesting.assertDroppedLastReductionStepIsCaught(kernel, Map.of(OpenClGemmKernel.TILE, 16));
    }

    @Test
    void reportsThePaddingOfTheTileAsAMetric() throws Exception {
        GemmWorkload w = new GemmWorkload(1, 40, 16);
        try (var p = kernel.prepare(w, TRACK.inputs(w, 1), new KernelConfig(
                new ParamValues(Map.of(OpenClGemmKernel.TILE, 8)), 1, null))) {
            assertTrue(p.metrics().get("padded_flops_ratio") == 8.0, p.metrics().toString());
        }
    }

    @Test
    void theTileIsSweepableFromOneToThirtyTwoAndDefaultsToSixteen() {
        var spec = kernel.tunables().getFirst();
        assertTrue(spec.name().equals("tile") && spec.min() == 1 && spec.max() == 32
                && ((Number) spec.defaultValue()).intValue() == 16, spec.toString());
    }

    private static GemmInputs scaled(GemmInputs in, float scale) {
        float[] a = in.a().clone();
        float[] b = in.b().clone();
        for (int i = 0; i < a.length; i++) {
            a[i] *= scale;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] *= scale;
        }
        return new GemmInputs(a, b);
    }
}
