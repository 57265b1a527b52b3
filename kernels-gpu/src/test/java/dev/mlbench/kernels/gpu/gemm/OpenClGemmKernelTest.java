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

    /** Every tile with one element per work-item, and register blocking (work 2, 3, 4, 8) on a spread of tiles. */
    private static final int[][] TILINGS = {
            {1, 1}, {2, 1}, {4, 1}, {8, 1}, {16, 1}, {32, 1},
            {1, 2}, {4, 3}, {8, 4}, {16, 2}, {16, 4}, {16, 8}, {32, 4}};
    private final OpenClGemmKernel kernel = new OpenClGemmKernel();

    @BeforeEach
    void needsOpenCl() {
        GpuGemmTesting.assumeRunnable(kernel);
    }

    /** Single elements, primes that fit no tile, a long prime reduction, tall and flat shapes. */
    static Stream<Arguments> awkwardShapesForEveryTiling() {
        int[][] shapes = {{1, 1, 1}, {7, 13, 17}, {31, 37, 41}, {1, 1, 1031}, {97, 3, 5}, {2, 257, 3}};
        List<Arguments> cases = new ArrayList<>();
        for (int[] t : TILINGS) {
            for (int[] s : shapes) {
                cases.add(Arguments.of(t[0], t[1], new GemmWorkload(s[0], s[1], s[2])));
            }
        }
        return cases.stream();
    }

    /**
     * For each tiling: rows and columns one short of, at and one past a multiple of the block (tile·work),
     * and K one past a multiple of the tile, so every bounds check (rows, columns, the last K step, and the
     * register-blocked elements within a block) is crossed.
     */
    static Stream<Arguments> tailsOfEveryTiling() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] tw : TILINGS) {
            int t = tw[0];
            int b = t * tw[1];
            cases.add(Arguments.of(t, tw[1], new GemmWorkload(2 * b + 1, Math.max(1, b - 1), 3 * t + 1)));
            cases.add(Arguments.of(t, tw[1], new GemmWorkload(Math.max(1, 2 * b - 1), 2 * b + 1, t)));
            cases.add(Arguments.of(t, tw[1], new GemmWorkload(b, b, Math.max(1, 2 * t - 1))));
            cases.add(Arguments.of(t, tw[1], new GemmWorkload(b + 1, 3 * b, 4 * t + 1)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "tile {0}, work {1}, {2}")
    @MethodSource("awkwardShapesForEveryTiling")
    void matchesTheReferenceOnAwkwardShapes(int tile, int work, GemmWorkload w) throws Exception {
        GpuGemmTesting.assertMatchesReference(kernel, w, TRACK.inputs(w, 7), tiling(tile, work));
    }

    @ParameterizedTest(name = "tile {0}, work {1}, {2}")
    @MethodSource("tailsOfEveryTiling")
    void matchesTheReferenceOnTheTailsOfEveryTiling(int tile, int work, GemmWorkload w) throws Exception {
        GpuGemmTesting.assertMatchesReference(kernel, w, TRACK.inputs(w, 11), tiling(tile, work));
    }

    private static Map<String, Integer> tiling(int tile, int work) {
        return Map.of(OpenClGemmKernel.TILE, tile, OpenClGemmKernel.WORK, work);
    }

    @Test
    void matchesTheReferenceOnTheDecodeShape() throws Exception {
        GemmWorkload w = new GemmWorkload(1, 4096, 4096);
        GpuGemmTesting.assertMatchesReference(kernel, w, TRACK.inputs(w, 3), tiling(16, 1));
        GpuGemmTesting.assertMatchesReference(kernel, w, TRACK.inputs(w, 3), tiling(8, 4));
    }

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(floats = {1e18f, 1e-12f})
    void matchesTheReferenceOnHugeAndTinyValues(float scale) throws Exception {
        GemmWorkload w = new GemmWorkload(33, 35, 67);
        GemmInputs in = scaled(TRACK.inputs(w, 5), scale);
        GpuGemmTesting.assertMatchesReference(kernel, w, in, tiling(8, 1));
        GpuGemmTesting.assertMatchesReference(kernel, w, in, tiling(4, 4));
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
        GpuGemmTesting.assertMatchesReference(kernel, w, new GemmInputs(a, in.b()), tiling(16, 1));
        GpuGemmTesting.assertMatchesReference(kernel, w, new GemmInputs(a, in.b()), tiling(8, 3));
    }

    /** The test can fail: a kernel that skipped the last step of K (here: A's last column lost) is rejected. */
    @Test
    void aKernelThatDropsTheLastReductionStepIsCaught() throws Exception {
        GpuGemmTesting.assertDroppedLastReductionStepIsCaught(kernel, tiling(16, 1));
        GpuGemmTesting.assertDroppedLastReductionStepIsCaught(kernel, tiling(4, 4));
    }

    @Test
    void reportsThePaddingOfTheTileAsAMetric() throws Exception {
        GemmWorkload w = new GemmWorkload(1, 40, 16);
        try (var p = kernel.prepare(w, TRACK.inputs(w, 1), new KernelConfig(
                new ParamValues(tiling(8, 1)), 1, null))) {
            assertTrue(p.metrics().get("padded_flops_ratio") == 8.0, p.metrics().toString());
        }
    }

    @Test
    void tileSweepsFromOneToThirtyTwoAndWorkFromOneToEight() {
        var specs = kernel.tunables();
        assertTrue(specs.get(0).name().equals("tile") && specs.get(0).min() == 1 && specs.get(0).max() == 32
                && ((Number) specs.get(0).defaultValue()).intValue() == 16, specs.toString());
        assertTrue(specs.get(1).name().equals("work") && specs.get(1).min() == 1 && specs.get(1).max() == 8
                && ((Number) specs.get(1).defaultValue()).intValue() == 1, specs.toString());
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
