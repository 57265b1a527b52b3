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

    /** A write and a read back of a file evicted from the page cache: both positive where eviction works (Linux). */
    @Test
    void theDiskIsMeasuredWritingAndReadingAnEvictedFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        double[] disk = Calibrator.diskBytesPerSecond(dir);
        assertTrue(disk[0] > 0, "write");
        if (dev.mlbench.core.util.PageCache.available()) {
            assertTrue(disk[1] > 0, "read after eviction");
        } else {
            assertTrue(Double.isNaN(disk[1]), "no eviction: no read figure, rather than the page cache's");
        }
        try (var left = java.nio.file.Files.list(dir)) {
            assertEquals(0, left.count(), "the calibration files are removed");
        }
    }

    @Test
    void theReadRoofOfLoadsIsTheirOwnAndUnknownWhenUnmeasured() {
        Calibration none = new Calibration(100.0, 10.0, 1.5, "2026-12-07T00:00:00Z", 2, "test", "0123456789abcdef");
        assertEquals(0.0, none.bandwidthGbps(dev.mlbench.core.spi.Work.Roof.DISK_READ, 2));
        Calibration reads = new Calibration(100.0, 10.0, 1.5, "2026-12-07T00:00:00Z", 2, "test", "0123456789abcdef", java.util.List.of(), 2.5);
        assertEquals(2.5, reads.bandwidthGbps(dev.mlbench.core.spi.Work.Roof.DISK_READ, 1));
        assertEquals(1.5, reads.bandwidthGbps(dev.mlbench.core.spi.Work.Roof.DISK, 1));
    }

    @Test
    void aHeapTooSmallToLeaveTheCacheIsRefusedWithTheFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Calibrator.streamElements(480 * MIB, GIB));
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }
}
