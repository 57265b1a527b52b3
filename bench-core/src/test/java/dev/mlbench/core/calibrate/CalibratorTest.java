package dev.mlbench.core.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibratorTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void streamArraysKeepTheirFloorBelowLargeCaches() {
        assertEquals(Calibrator.MIN_STREAM_ELEMENTS, Calibrator.streamElements(32 * MIB, 8 * GIB));
        assertEquals(Calibrator.MIN_STREAM_ELEMENTS, Calibrator.streamElements(0, 8 * GIB));
    }

    @Test
    void streamArraysGrowToFourTimesALargeLastLevelCache() {
        long llc = 480 * MIB; // a server L3 that held the 384 MiB floor
        int elements = Calibrator.streamElements(llc, 8 * GIB);
        assertTrue(24L * elements >= 4 * llc, "three arrays hold four times the cache");
        assertTrue(24L * (elements - 1) < 4 * llc, "and no more than that");
    }

    @Test
    void streamArraysStayWithinHalfTheHeap() {
        long llc = 480 * MIB;
        long heap = 3 * GIB;
        int elements = Calibrator.streamElements(llc, heap);
        assertTrue(24L * elements <= heap / 2);
        assertTrue(24L * elements > 2 * llc);
    }

    @Test
    void aHeapTooSmallToLeaveTheCacheIsRefusedWithTheFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Calibrator.streamElements(480 * MIB, GIB));
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }
}
