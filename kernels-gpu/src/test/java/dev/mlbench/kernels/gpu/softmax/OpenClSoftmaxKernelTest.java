package dev.mlbench.kernels.gpu.softmax;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.kernels.gpu.GpuTesting;
import dev.mlbench.tracks.softmax.SoftmaxDistribution;
import dev.mlbench.tracks.softmax.SoftmaxInputs;
import dev.mlbench.tracks.softmax.SoftmaxTrack;
import dev.mlbench.tracks.softmax.SoftmaxWorkload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenCL online softmax against the track's reference on whatever OpenCL device is present (PoCL on the CPU
 * in CI); skipped, with the probe's reason, where there is no OpenCL platform.
 */
class OpenClSoftmaxKernelTest {

    private static final SoftmaxTrack TRACK = new SoftmaxTrack();
    /** One work-item, an odd size (the tree reduction's unpaired tail), and the GPU-typical sizes. */
    private static final int[] WORK_GROUPS = {1, 7, 64, 256};
    private final OpenClSoftmaxKernel kernel = new OpenClSoftmaxKernel();

    @BeforeEach
    void needsOpenCl() {
        GpuTesting.assumeRunnable(kernel);
    }

    /**
     * For every work-group size: single elements, rows one short of, at and one past the work-group (idle
     * work-items, and the first work-item with a second element), two work-groups and one, and primes.
     */
    static Stream<Arguments> tailsOfEveryWorkGroup() {
        List<Arguments> cases = new ArrayList<>();
        for (int g : WORK_GROUPS) {
            for (int n : new int[] {1, 2, Math.max(1, g - 1), g, g + 1, 2 * g + 1, 1031, 4099}) {
                cases.add(Arguments.of(g, new SoftmaxWorkload(3, n, SoftmaxDistribution.NORMAL)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "work_group {0}, {1}")
    @MethodSource("tailsOfEveryWorkGroup")
    void matchesTheReferenceOnTheTailsOfEveryWorkGroup(int group, SoftmaxWorkload w) throws Exception {
        assertMatchesReference(w, TRACK.inputs(w, 7), group);
    }

    /** Logits of ±1e4, -inf everywhere but one logit, all-equal rows, each on single elements, odd and long rows. */
    static Stream<Arguments> hostileRows() {
        List<Arguments> cases = new ArrayList<>();
        for (SoftmaxDistribution d : List.of(SoftmaxDistribution.LARGE, SoftmaxDistribution.MASKED, SoftmaxDistribution.CONSTANT)) {
            for (int n : new int[] {1, 5, 1000, 4096}) {
                for (int g : new int[] {7, 256}) {
                    cases.add(Arguments.of(g, new SoftmaxWorkload(17, n, d)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "work_group {0}, {1}")
    @MethodSource("hostileRows")
    void matchesTheReferenceOnHostileRows(int group, SoftmaxWorkload w) throws Exception {
        assertMatchesReference(w, TRACK.inputs(w, 11), group);
    }

    @Test
    void allEqualRowsComeOutExactlyUniformInFloat() throws Exception {
        SoftmaxWorkload w = new SoftmaxWorkload(5, 1000, SoftmaxDistribution.CONSTANT);
        float[] y = GpuTesting.runTwice(kernel, w, TRACK.inputs(w, 3), Map.of(OpenClSoftmaxKernel.WORK_GROUP, 64));
        for (float v : y) {
            assertEquals(1f / 1000, v, Math.ulp(1f / 1000) * 2);
        }
    }

    /** A row of 2^20 elements: 16 Ki per work-item at work_group 64, summed by each work-item alone. */
    @Test
    void matchesTheReferenceOnALongRow() throws Exception {
        for (SoftmaxDistribution d : List.of(SoftmaxDistribution.NORMAL, SoftmaxDistribution.LARGE)) {
            SoftmaxWorkload w = new SoftmaxWorkload(1, 1 << 20, d);
            assertMatchesReference(w, TRACK.inputs(w, 5), 64);
        }
    }

    /** The test can fail: a kernel that does not rescale its running sum when the maximum grows is caught. */
    @Test
    void aKernelThatForgetsToRescaleTheSumIsCaught() throws Exception {
        assertWrongVariantIsCaught(GpuTesting.breaking("s *= e;", ""), 64);
    }

    /** The test can fail: a tree reduction that never merges the last work-item's pair (odd work-groups) is caught. */
    @Test
    void aReductionThatDropsTheUnpairedWorkItemIsCaught() throws Exception {
        assertWrongVariantIsCaught(GpuTesting.breaking("t + stride < WG", "t + stride < WG - 1"), 7);
    }

    /** The test can fail: an output with the last element of every row lost (set to -inf) fails against the true reference. */
    @Test
    void aLostElementIsCaught() throws Exception {
        SoftmaxWorkload w = new SoftmaxWorkload(4, 1000, SoftmaxDistribution.NORMAL);
        SoftmaxInputs in = TRACK.inputs(w, 13);
        float[] x = in.x().clone();
        for (int i = 0; i < w.rows(); i++) {
            x[i * w.n() + w.n() - 1] = Float.NEGATIVE_INFINITY;
        }
        float[] y = GpuTesting.runTwice(kernel, w, new SoftmaxInputs(x), Map.of(OpenClSoftmaxKernel.WORK_GROUP, 64));
        assertFalse(check(w, y, in).passed(), "a lost element went unnoticed");
    }

    private void assertWrongVariantIsCaught(java.util.function.UnaryOperator<String> edit, int group) throws Exception {
        OpenClSoftmaxKernel wrong = new OpenClSoftmaxKernel(edit);
        SoftmaxWorkload w = new SoftmaxWorkload(4, 1000, SoftmaxDistribution.NORMAL);
        SoftmaxInputs in = TRACK.inputs(w, 17);
        Correctness result = check(w, GpuTesting.runTwice(wrong, w, in, Map.of(OpenClSoftmaxKernel.WORK_GROUP, group)), in);
        assertFalse(result.passed(), "the wrong variant passed: " + result.detail());
        assertMatchesReference(w, in, group);
    }

    @Test
    void reportsIdleWorkItems() throws Exception {
        SoftmaxWorkload w = new SoftmaxWorkload(2, 64, SoftmaxDistribution.NORMAL);
        try (var p = kernel.prepare(w, TRACK.inputs(w, 1), config(256))) {
            assertEquals(0.75, (double) p.metrics().get("idle_work_item_fraction"), p.metrics().toString());
        }
    }

    @Test
    void aWorkGroupLargerThanTheDeviceAllowsFailsSayingSo() {
        SoftmaxWorkload w = new SoftmaxWorkload(1, 8, SoftmaxDistribution.NORMAL);
        // Above any real device's limit only if the device allows fewer than the tunable's maximum; otherwise skip.
        org.junit.jupiter.api.Assumptions.assumeTrue(maxWorkGroupSize() < OpenClSoftmaxKernel.MAX_WORK_GROUP,
                "this device allows work-groups of " + OpenClSoftmaxKernel.MAX_WORK_GROUP);
        var e = assertThrows(IllegalArgumentException.class,
                () -> kernel.prepare(w, TRACK.inputs(w, 1), config(OpenClSoftmaxKernel.MAX_WORK_GROUP)).close());
        assertTrue(e.getMessage().contains("work-groups of " + OpenClSoftmaxKernel.MAX_WORK_GROUP), e.getMessage());
    }

    @Test
    void workGroupTunableDefaultsTo256() {
        var spec = kernel.tunables().get(0);
        assertTrue(spec.name().equals("work_group") && spec.min() == 1 && spec.max() == 1024
                && ((Number) spec.defaultValue()).intValue() == 256, spec.toString());
    }

    @Test
    void powerOfTwoAtLeast() {
        assertEquals(1, OpenClSoftmaxKernel.powerOfTwoAtLeast(1));
        assertEquals(8, OpenClSoftmaxKernel.powerOfTwoAtLeast(7));
        assertEquals(64, OpenClSoftmaxKernel.powerOfTwoAtLeast(64));
        assertEquals(128, OpenClSoftmaxKernel.powerOfTwoAtLeast(65));
    }

    private static long maxWorkGroupSize() {
        try (var context = dev.mlbench.kernels.gpu.opencl.ClContext.open()) {
            return context.maxWorkGroupSize();
        }
    }

    private void assertMatchesReference(SoftmaxWorkload w, SoftmaxInputs in, int group) throws Exception {
        float[] y = GpuTesting.runTwice(kernel, w, in, Map.of(OpenClSoftmaxKernel.WORK_GROUP, group));
        Correctness result = check(w, y, in);
        assertTrue(result.passed(), () -> "work_group " + group + " on " + TRACK.label(w) + ": " + result.detail());
    }

    private static Correctness check(SoftmaxWorkload w, float[] y, SoftmaxInputs in) {
        return TRACK.check(w, y, TRACK.reference(w, in), SoftmaxTrack.DEFAULT_TOLERANCE);
    }

    private static KernelConfig config(int group) {
        return new KernelConfig(new ParamValues(Map.of(OpenClSoftmaxKernel.WORK_GROUP, group)), 1, null);
    }
}
