package dev.mlbench.core.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statistics against values computed by hand. */
class SampleStatisticsTest {

    @Test
    void fiveSamplesGiveHandComputedMedianMeanStddevAndStudentTInterval() {
        // samples 10, 12, 11, 13, 14: mean 12, deviations -2 0 -1 1 2, sum of squares 10,
        // sample variance 10/4 = 2.5, sd = 1.5811388, t(0.975, 4) = 2.7764451,
        // half-width = 2.7764451 * 1.5811388 / sqrt(5) = 1.9632432
        SampleStatistics s = SampleStatistics.of(List.of(10.0, 12.0, 11.0, 13.0, 14.0));
        assertEquals(12.0, s.medianNs(), 1e-12);
        assertEquals(12.0, s.meanNs(), 1e-12);
        assertEquals(1.5811388300841898, s.stddevNs(), 1e-12);
        assertEquals(12.0 - 1.9632432, s.ci95LowNs(), 1e-6);
        assertEquals(12.0 + 1.9632432, s.ci95HighNs(), 1e-6);
        assertEquals(1.5811388300841898 / 12.0, s.cv(), 1e-12);
        assertEquals(5, s.n());
        assertTrue(s.noisy(), "cv 13% is above the 10% warning");
    }

    @Test
    void evenCountMedianIsTheMeanOfTheMiddleTwo() {
        SampleStatistics s = SampleStatistics.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(2.5, s.medianNs(), 1e-12);
    }

    @Test
    void twoSamplesUseTheWideT1Quantile() {
        // mean 101, sd = sqrt(2), t(0.975, 1) = 12.7062047, half = 12.7062047 * sqrt(2) / sqrt(2) = 12.7062047
        SampleStatistics s = SampleStatistics.of(List.of(100.0, 102.0));
        assertEquals(101 - 12.7062047, s.ci95LowNs(), 1e-6);
        assertEquals(101 + 12.7062047, s.ci95HighNs(), 1e-6);
    }

    @Test
    void steadySamplesAreNotNoisy() {
        SampleStatistics s = SampleStatistics.of(List.of(100.0, 101.0, 99.0, 100.0));
        assertFalse(s.noisy());
    }

    @Test
    void oneSampleHasNoSpreadOrInterval() {
        SampleStatistics s = SampleStatistics.of(List.of(7.0));
        assertEquals(7.0, s.medianNs());
        assertNull(s.stddevNs());
        assertNull(s.ci95LowNs());
        assertNull(s.cv());
        assertFalse(s.noisy());
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SampleStatistics.of(List.of()));
    }
}
