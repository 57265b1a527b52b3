package dev.mlbench.core.definition;

import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A kernel chosen by a definition, with the settings to run it under.
 *
 * @param name       the kernel's name within the track
 * @param settings   each combination of tunable values to measure (sweeps expanded, defaults filled)
 * @param groups     the workload groups it runs on; empty means all
 * @param tolerance  a kernel-specific tolerance overriding the definition's
 */
public record KernelSelection(String name, List<ParamValues> settings, Set<String> groups, Optional<Tolerance> tolerance) {

    /** Whether this kernel runs on workloads of {@code group}. */
    public boolean runsOn(String group) {
        return groups.isEmpty() || groups.contains(group);
    }
}
