package dev.mlbench.core.definition;

import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.measure.ProfileSettings;
import dev.mlbench.core.spi.Tolerance;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated track definition: what to run for one track.
 *
 * @param source      the file it came from, as given
 * @param track       the track's name
 * @param description what this definition measures
 * @param seed        seed of the input generator
 * @param tolerance   tolerance for correctness checks
 * @param baseline    the kernel every row is compared with on the same workload, when the definition names one
 * @param groups      workload groups
 * @param kernels     kernels to run, in order
 * @param profiles    settings of each profile after the definition's overrides
 */
public record TrackDefinition(String source, String track, String description, long seed, Tolerance tolerance,
                              Optional<String> baseline,
                              List<WorkloadGroup> groups, List<KernelSelection> kernels,
                              Map<Profile, ProfileSettings> profiles) {
}
