package dev.mlbench.cli;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.calibrate.Calibrator;
import dev.mlbench.core.env.EnvironmentProbeRunner;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.results.ResultStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench calibrate}: measure (or show the cached) peaks of this host. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, description = {"Measures and caches this host's FP32 peak, memory bandwidth and disk bandwidth.", "",
        "Measures the FP32 FMA peak, STREAM-triad memory bandwidth and fsync'ed disk write bandwidth and caches them; runs then report %% of peak. Shows the cached values unless --force.", "",
        "Examples:", "  bench calibrate", "  bench calibrate --force", ""})
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Option(names = "--force", description = "Measure again even when a cached calibration exists.")
    boolean force;

    @Option(names = "--threads", paramLabel = "N", description = "Threads to measure with (default: every core the JVM sees).")
    Integer threads;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where calibration is cached (default: ~/.cache/bench).")
    Path cacheDir;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Registry registry = Registry.builtIn();
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new UsageError("--threads must be at least 1, got " + n);
        }
        Path dir = cacheDir == null ? Calibrator.defaultCacheDir() : cacheDir;
        Calibration c = Calibrations.obtain(registry, EnvironmentProbeRunner.probe(registry), n, dir, force, spec.commandLine().getErr());
        if (output.json()) {
            out.println(ResultStore.toJson(c));
            return BenchCli.OK;
        }
        out.printf(Locale.ROOT, "FP32 peak:        %s%n", c.peakGflops() == null ? c.peakMethod()
                : String.format(Locale.ROOT, "%.1f GFLOP/s (%s)", c.peakGflops(), c.peakMethod()));
        out.printf(Locale.ROOT, "Memory bandwidth: %.1f GB/s (STREAM triad, %d thread(s))%n", c.memBandwidthGbps(), c.threads());
        for (Calibration.ThreadRoof r : c.perThreads()) {
            out.printf(Locale.ROOT, "On %d thread(s):  %s, %.1f GB/s%n", r.threads(),
                    r.peakGflops() == null ? "no peak" : String.format(Locale.ROOT, "%.1f GFLOP/s", r.peakGflops()), r.memBandwidthGbps());
        }
        out.printf(Locale.ROOT, "Disk write:       %.2f GB/s (best of 3 × 256 MiB then fsync, in %s)%n", c.diskWriteGbps(), dir);
        out.printf(Locale.ROOT, "Disk read:        %s%n", c.diskReadGbps() == null
                ? "unavailable: the page cache could not be evicted here (posix_fadvise), so a read would measure memory"
                : String.format(Locale.ROOT, "%.2f GB/s (best of 3 × 256 MiB, evicted from the page cache first)", c.diskReadGbps()));
        out.printf(Locale.ROOT, "Measured at:      %s (host key %s)%n", c.measuredAt(), c.hostKey());
        return BenchCli.OK;
    }
}
