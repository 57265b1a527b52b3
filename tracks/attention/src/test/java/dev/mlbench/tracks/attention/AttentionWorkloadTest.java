package dev.mlbench.tracks.attention;

import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Work;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workload validation, the causal convention, the work model, seeded inputs and the reference on hand-checkable cases. */
class AttentionWorkloadTest {

    private static final AttentionTrack TRACK = new AttentionTrack();

    @Test
    void headsMustBeAMultipleOfKvHeads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AttentionWorkload(1, 6, 4, 8, 8, 64, false, false));
        assertTrue(e.getMessage().contains("multiple of kv_heads"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AttentionWorkload(1, 2, 4, 8, 8, 64, false, false));
    }

    @Test
    void causalNeedsNoMoreQueriesThanKeys() {
        assertThrows(IllegalArgumentException.class, () -> new AttentionWorkload(1, 1, 1, 9, 8, 64, true, false));
        new AttentionWorkload(1, 1, 1, 9, 8, 64, false, false);
    }

    @Test
    void zeroAndOversizedDimensionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AttentionWorkload(1, 1, 1, 0, 8, 64, false, false));
        assertThrows(IllegalArgumentException.class, () -> new AttentionWorkload(64, 64, 64, 1 << 20, 1, 64, false, false));
    }

    @Test
    void kvHeadsZeroMeansOnePerQueryHead() {
        AttentionWorkload w = TRACK.workload(new ParamValues(Map.of("batch", 1L, "heads", 8L, "kv_heads", 0L,
                "seq_q", 4L, "seq_kv", 4L, "head_dim", 64L, "causal", true, "large_logits", false)));
        assertEquals(8, w.kvHeads());
        assertTrue(w.causal());
        assertEquals("b1 h8 4x4 d64 causal", TRACK.label(w));
    }

    @Test
    void causalMaskIsAlignedToTheBottomRight() {
        AttentionWorkload square = new AttentionWorkload(1, 1, 1, 4, 4, 8, true, false);
        assertEquals(1, square.visibleKeys(0));
        assertEquals(4, square.visibleKeys(3));
        AttentionWorkload chunk = new AttentionWorkload(1, 1, 1, 2, 10, 8, true, false);
        assertEquals(9, chunk.visibleKeys(0));
        assertEquals(10, chunk.visibleKeys(1));
        AttentionWorkload decode = new AttentionWorkload(1, 1, 1, 1, 100, 8, true, false);
        assertEquals(100, decode.visibleKeys(0));
    }

    @Test
    void workCountsVisiblePairsExactly() {
        Work full = TRACK.work(new AttentionWorkload(2, 8, 2, 256, 512, 64, false, false));
        assertEquals(4.0 * 2 * 8 * 256 * 512 * 64, full.ops());
        assertEquals(4.0 * (2 * 2 * 8 * 256 * 64 + 2 * 2 * 2 * 512 * 64), full.bytesMoved());
        Work causal = TRACK.work(new AttentionWorkload(1, 1, 1, 4, 4, 64, true, false));
        assertEquals(4.0 * 64 * (1 + 2 + 3 + 4), causal.ops());
        Work chunk = TRACK.work(new AttentionWorkload(1, 1, 1, 2, 10, 64, true, false));
        assertEquals(4.0 * 64 * (9 + 10), chunk.ops());
        Work decode = TRACK.work(new AttentionWorkload(1, 1, 1, 1, 100, 64, true, false));
        assertEquals(4.0 * 64 * 100, decode.ops());
    }

    @Test
    void inputsAreDeterministicAndLargeLogitsScaleOnlyQueriesAndKeys() {
        AttentionWorkload w = new AttentionWorkload(1, 2, 1, 3, 5, 8, false, false);
        AttentionWorkload large = new AttentionWorkload(1, 2, 1, 3, 5, 8, false, true);
        AttentionInputs a = TRACK.inputs(w, 11);
        assertArrayEquals(a.q(), TRACK.inputs(w, 11).q());
        assertFalse(java.util.Arrays.equals(a.q(), TRACK.inputs(w, 12).q()));
        AttentionInputs b = TRACK.inputs(large, 11);
        assertEquals(a.q()[0] * AttentionTrack.LARGE_LOGIT_SCALE, b.q()[0], 1e-4);
        assertEquals(a.k()[3] * AttentionTrack.LARGE_LOGIT_SCALE, b.k()[3], 1e-4);
        assertEquals(a.v()[2], b.v()[2]);
    }

    @Test
    void referenceOfOneKeyIsItsValueAndOfEqualScoresTheMean() {
        AttentionWorkload one = new AttentionWorkload(1, 1, 1, 1, 1, 2, false, false);
        AttentionInputs in = new AttentionInputs(new float[] {3, -1}, new float[] {1e4f, 2}, new float[] {0.5f, -2});
        assertArrayEquals(new double[] {0.5, -2}, TRACK.reference(one, in).o());

        AttentionWorkload two = new AttentionWorkload(1, 1, 1, 1, 2, 1, false, false);
        AttentionInputs equal = new AttentionInputs(new float[] {1}, new float[] {2, 2}, new float[] {1, 4});
        assertArrayEquals(new double[] {2.5}, TRACK.reference(two, equal).o(), 1e-15);
    }

    @Test
    void referenceIsFiniteWhereAnUnshiftedExpOverflows() {
        AttentionWorkload w = new AttentionWorkload(1, 1, 1, 1, 2, 1, false, false);
        AttentionInputs in = new AttentionInputs(new float[] {1e4f}, new float[] {1e4f, 0}, new float[] {1, 3});
        assertArrayEquals(new double[] {1}, TRACK.reference(w, in).o(), 1e-15);
    }
}
