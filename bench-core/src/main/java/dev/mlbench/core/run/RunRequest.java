package dev.mlbench.core.run;

import dev.mlbench.core.calibrate.Calibration;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.env.Environment;
import dev.mlbench.core.measure.Profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything a run needs, decided before it starts.
 *
 * @param definitions  validated definitions, one per track
 * @param profile      measurement profile
 * @param kernelGlob   kernel name filter
 * @param backend      backend filter
 * @param threads      threads per kernel
 * @param outDir       folder of the results file
 * @param environment  the environment fingerprint
 * @param calibration  this host's peaks, or null
 * @param forks        JMH forks per trial in place of the profile's (and the definitions'), when present
 */
public record RunRequest(List<TrackDefinition> definitions, Profile profile, Optional<String> kernelGlob,
                         Optional<String> backend, int threads, Path outDir, Environment environment, Calibration calibration,
                         Optional<Integer> forks) {

    /** A request that measures with the profile's forks. */
    public RunRequest(List<TrackDefinition> definitions, Profile profile, Optional<String> kernelGlob,
                      Optional<String> backend, int threads, Path outDir, Environment environment, Calibration calibration) {
        this(definitions, profile, kernelGlob, backend, threads, outDir, environment, calibration, Optional.empty());
    }
}
