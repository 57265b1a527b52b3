package dev.mlbench.kernels.cpu.softmax;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.softmax.SoftmaxDistribution;
import dev.mlbench.tracks.softmax.SoftmaxTrack;
import dev.mlbench.tracks.softmax.SoftmaxWorkload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each kernel reports how many passes it makes over a row, and how its work was spread over the threads. */
class SoftmaxKernelMetricsTest {

    @ParameterizedTest(name = "{0}: {1} passes")
    @CsvSource({"reference, 3", "three-pass-recompute, 3", "three-pass-reload, 3", "two-pass, 2", "online, 2"})
    @SuppressWarnings("try")
    void reportsItsPassCount(String name, double passes) throws Exception {
        SoftmaxKernelsUnderTest.Setup setup = SoftmaxKernelsUnderTest.all().stream()
                .filter(s -> s.kernel().name().equals(name)).findFirst().orElseThrow();
        SoftmaxKernelsUnderTest.assumeRunnable(setup.kernel());
        SoftmaxWorkload w = new SoftmaxWorkload(2, 100, SoftmaxDistribution.NORMAL);
        try (ExecutorService pool = Executors.newFixedThreadPool(1);
             Prepared<float[]> prepared = setup.kernel().prepare(w, new SoftmaxTrack().inputs(w, 1),
                     new KernelConfig(SoftmaxKernelsUnderTest.params(setup), 1, pool))) {
            assertEquals(passes, prepared.metrics().get("passes"));
        }
    }

    @ParameterizedTest(name = "{0} rows of {1} on {2} threads: {3} tasks, split rows {4}")
    @CsvSource({"1, 1000, 2, 2, 1", "3, 1000, 2, 2, 0", "1, 100, 2, 1, 0", "64, 64, 4, 4, 0", "1, 1, 2, 1, 0"})
    @SuppressWarnings("try")
    void splitsLongRowsOnlyWhenThereAreFewerRowsThanThreads(int rows, int n, int threads, double tasks, double split) throws Exception {
        SoftmaxKernelsUnderTest.Setup setup = SoftmaxKernelsUnderTest.all().stream()
                .filter(s -> s.kernel().name().equals("two-pass")).findFirst().orElseThrow();
        SoftmaxKernelsUnderTest.assumeRunnable(setup.kernel());
        SoftmaxWorkload w = new SoftmaxWorkload(rows, n, SoftmaxDistribution.NORMAL);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads);
             Prepared<float[]> prepared = setup.kernel().prepare(w, new SoftmaxTrack().inputs(w, 1),
                     new KernelConfig(SoftmaxKernelsUnderTest.params(setup), threads, pool))) {
            Map<String, Double> metrics = prepared.metrics();
            assertEquals(tasks, metrics.get("tasks"), "tasks");
            assertEquals(split, metrics.get("split_rows"), "split_rows");
        }
    }
}
