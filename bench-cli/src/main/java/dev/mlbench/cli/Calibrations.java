package dev.mlbench.cli;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.calibrate.Calibrator;
import dev.mlbench.core.env.Environment;
import dev.mlbench.core.registry.Registry;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Finds this host's calibration in the cache or measures it, telling the user which. */
final class Calibrations {

    private Calibrations() {
    }

    static Calibration obtain(Registry registry, Environment env, int threads, Path cacheDir, boolean force, PrintWriter err)
            throws IOException, InterruptedException {
        Calibrator calibrator = new Calibrator(cacheDir);
        String key = Calibrator.hostKey(env, threads);
        if (!force) {
            var cached = calibrator.cached(key);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        err.println("Calibrating this host (FMA peak, memory and disk bandwidth; about 20 s, once per host, cached in " + cacheDir + ")");
        err.flush();
        return calibrator.measure(key, threads, registry.peakFlopsProbe(), step -> {
            err.println("  " + step);
            err.flush();
        });
    }
}
