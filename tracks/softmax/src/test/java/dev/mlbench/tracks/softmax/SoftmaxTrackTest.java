package dev.mlbench.tracks.softmax;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workloads, seeded inputs, the reference and the work model of the softmax track. */
class SoftmaxTrackTest {

    private static final SoftmaxTrack TRACK = new SoftmaxTrack();

    @Test
    void workloadsRejectEmptyShapesAndTensorsLargerThanAnArray() {
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxWorkload(0, 8, SoftmaxDistribution.NORMAL));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxWorkload(8, 0, SoftmaxDistribution.NORMAL));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxWorkload(1 << 16, 1 << 16, SoftmaxDistribution.NORMAL));
    }

    @Test
    void anUnknownDistributionIsRejectedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                TRACK.workload(new ParamValues(Map.of("rows", 1L, "n", 4L, "distribution", "gaussian"))));
        assertTrue(e.getMessage().contains("normal, large, masked, constant"), e.getMessage());
    }

    @Test
    void theDistributionDefaultsToNormalAndHostileOnesShowInTheLabel() {
        assertEquals(SoftmaxDistribution.NORMAL.key(), TRACK.workloadParams().get(2).defaultValue());
        assertEquals("4x1024", TRACK.label(new SoftmaxWorkload(4, 1024, SoftmaxDistribution.NORMAL)));
        assertEquals("4x1024 masked", TRACK.label(new SoftmaxWorkload(4, 1024, SoftmaxDistribution.MASKED)));
    }

    @ParameterizedTest
    @EnumSource(SoftmaxDistribution.class)
    void theSameSeedGivesTheSameInputs(SoftmaxDistribution d) {
        SoftmaxWorkload w = new SoftmaxWorkload(3, 101, d);
        assertArrayEquals(TRACK.inputs(w, 5).x(), TRACK.inputs(w, 5).x());
    }

    @Test
    void largeLogitsOverflowANaiveFloatExp() {
        float[] x = TRACK.inputs(new SoftmaxWorkload(4, 1000, SoftmaxDistribution.LARGE), 1).x();
        assertTrue(Arrays.stream(box(x)).allMatch(v -> Math.abs(v) <= SoftmaxDistribution.LARGE_MAGNITUDE));
        assertTrue(Arrays.stream(box(x)).anyMatch(v -> Float.isInfinite((float) Math.exp(v))), "no logit overflows exp in fp32");
    }

    @Test
    void maskedRowsHaveExactlyOneFiniteLogit() {
        int n = 37;
        float[] x = TRACK.inputs(new SoftmaxWorkload(5, n, SoftmaxDistribution.MASKED), 1).x();
        for (int i = 0; i < 5; i++) {
            long finite = Arrays.stream(box(Arrays.copyOfRange(x, i * n, (i + 1) * n))).filter(Double::isFinite).count();
            assertEquals(1, finite, "row " + i);
        }
    }

    @Test
    void theReferenceOfAConstantRowIsUniformAndOfAMaskedRowOneHot() {
        int n = 7;
        double[] constant = reference(new SoftmaxWorkload(2, n, SoftmaxDistribution.CONSTANT));
        for (double y : constant) {
            assertEquals(1.0 / n, y, 1e-16);
        }
        SoftmaxWorkload masked = new SoftmaxWorkload(3, n, SoftmaxDistribution.MASKED);
        float[] x = TRACK.inputs(masked, 42).x();
        double[] y = TRACK.reference(masked, TRACK.inputs(masked, 42)).y();
        for (int j = 0; j < x.length; j++) {
            assertEquals(Float.isFinite(x[j]) ? 1.0 : 0.0, y[j], "element " + j);
        }
    }

    @ParameterizedTest
    @EnumSource(SoftmaxDistribution.class)
    void referenceRowsSumToOne(SoftmaxDistribution d) {
        int n = 1031;
        double[] y = reference(new SoftmaxWorkload(3, n, d));
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, Arrays.stream(y, i * n, (i + 1) * n).sum(), 1e-12, "row " + i);
        }
    }

    @Test
    void workCountsOneReadAndOneWriteOfFourBytesAndFiveFlopsPerElement() {
        Work work = TRACK.work(new SoftmaxWorkload(1024, 1024, SoftmaxDistribution.NORMAL));
        assertEquals(8.0 * 1024 * 1024, work.bytesMoved());
        assertEquals(5.0 * 1024 * 1024, work.ops());
        assertEquals(Work.OpUnit.FLOP, work.unit());
    }

    private static double[] reference(SoftmaxWorkload w) {
        return TRACK.reference(w, TRACK.inputs(w, 42)).y();
    }

    static double[] box(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    static Correctness check(SoftmaxWorkload w, float[] out, SoftmaxReference ref) {
        return TRACK.check(w, out, ref, SoftmaxTrack.DEFAULT_TOLERANCE);
    }
}
