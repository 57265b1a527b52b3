package dev.mlbench.cli;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.spi.Work;
import dev.mlbench.core.stats.SampleStatistics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the table states a row's memory level and precision. */
class ResultsTableTest {

    private static Metrics metrics(String roof, Double pctOfBandwidth, String cache) {
        return Metrics.builder().work(0, Work.OpUnit.FLOP, 1e9, Work.Roof.valueOf(roof.toUpperCase(Locale.ROOT))).gbps(2.0)
                .pctOfBandwidth(pctOfBandwidth).energySource("unavailable").cache(cache == null ? null : CacheState.valueOf(cache.toUpperCase(Locale.ROOT)))
                .build();
    }

    @Test
    void aShareAboveTheRoofNamesWhatServedIt() {
        Calibration calibrated = new Calibration(100.0, 10.0, 1.0, "2026-12-07T00:00:00Z", 2, "test", "0123456789abcdef");
        assertEquals("in cache", ResultsTable.bandwidthShare(metrics("memory", null, "warm"), calibrated));
        assertEquals("above roof", ResultsTable.bandwidthShare(metrics("disk", null, null), calibrated), "a disk has no CPU cache; a page cache served it");
        assertEquals("-", ResultsTable.bandwidthShare(metrics("memory", null, "warm"), null), "no calibration: nothing to compare with");
        Calibration noDisk = new Calibration(100.0, 10.0, 0.0, "2026-12-07T00:00:00Z", 2, "test", "0123456789abcdef");
        assertEquals("-", ResultsTable.bandwidthShare(metrics("disk", null, null), noDisk), "a disk measured at 0: no roof, not a cache");
        assertEquals("in cache", ResultsTable.bandwidthShare(metrics("memory", null, "warm"), noDisk));
        assertEquals("68.4% cold", ResultsTable.bandwidthShare(metrics("memory", 68.4, "cold"), calibrated));
        assertEquals("-", ResultsTable.bandwidthShare(metrics("disk_read", null, null), calibrated), "no read bandwidth calibrated");
        Calibration reads = new Calibration(100.0, 10.0, 1.0, "2026-12-07T00:00:00Z", 2, "test", "0123456789abcdef", List.of(), 2.0);
        assertEquals("above roof", ResultsTable.bandwidthShare(metrics("disk_read", null, null), reads));
    }

    @Test
    void threeLongSamplesThatDisagreeAreImpreciseThoughTenCloseOnesAreNot() {
        assertTrue(SampleStatistics.of(List.of(1.3e9, 1.4e9, 3.0e9)).imprecise(), "±160%: the sync saves measured here");
        assertTrue(SampleStatistics.of(List.of(1.0e9)).imprecise(), "one sample has no interval");
        assertFalse(SampleStatistics.of(List.of(100.0, 101.0, 99.0, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100.0)).imprecise());
    }
}
