package dev.mlbench.core.plan;

import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;

/**
 * One row of a run: a kernel with one setting of its tunables on one workload.
 *
 * @param track     track name
 * @param kernel    kernel name
 * @param backend   backend name
 * @param group     the workload group it came from
 * @param workload  workload parameter values
 * @param params    kernel tunable values
 * @param tolerance correctness tolerance
 * @param seed      input seed
 * @param cache     the memory level it measures (its workload group's)
 * @param skipReason why it will not run, or null when it will
 */
public record Trial(String track, String kernel, String backend, String group, ParamValues workload,
                    ParamValues params, Tolerance tolerance, long seed, CacheState cache, String skipReason) {

    /** Whether this trial is planned to run. */
    public boolean runnable() {
        return skipReason == null;
    }
}
