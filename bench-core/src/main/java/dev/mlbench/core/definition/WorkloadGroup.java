package dev.mlbench.core.definition;

import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.spi.ParamValues;

import java.util.List;
import java.util.Set;

/**
 * A named group of workloads from a definition, sweeps already expanded.
 *
 * @param name      the group's name, e.g. {@code decode}
 * @param profiles  the profiles that run this group
 * @param workloads the parameter values of each workload, in definition order
 * @param cache     the memory level its rows measure ({@code cache} in the definition; warm unless it says cold)
 */
public record WorkloadGroup(String name, Set<Profile> profiles, List<ParamValues> workloads, CacheState cache) {
}
