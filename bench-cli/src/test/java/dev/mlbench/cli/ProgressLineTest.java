package dev.mlbench.cli;

import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.results.Metrics;
import dev.mlbench.core.spi.Work;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What one finished trial's line says about its rate. */
class ProgressLineTest {

    private static Metrics metrics(double ops, double gops, double gbps) {
        return Metrics.builder().work(ops, Work.OpUnit.FLOP, 1e9, Work.Roof.MEMORY).gops(gops).gbps(gbps).energySource("unavailable")
                .cache(CacheState.WARM).build();
    }

    @Test
    void aRowThatCountsOperationsShowsItsThroughput() {
        assertEquals("197 GFLOP/s", ProgressLine.rate(metrics(2e9, 197, 1.5)));
    }

    @Test
    void anIoRowShowsItsBandwidthNotZeroOperations() {
        assertEquals("0.62 GB/s", ProgressLine.rate(metrics(0, 0, 0.62)), "a checkpoint save printed '0.00 GFLOP/s'");
    }
}
