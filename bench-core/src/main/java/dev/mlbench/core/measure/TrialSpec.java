package dev.mlbench.core.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.plan.Trial;
import dev.mlbench.core.spi.ParamValues;

import java.util.Map;

/**
 * What a benchmark JVM needs to rebuild one trial: passed to the JMH fork as a JSON string parameter.
 *
 * @param track    track name
 * @param kernel   kernel name
 * @param workload workload parameter values
 * @param params   kernel tunable values
 * @param seed     input seed
 * @param threads  threads the kernel may use
 * @param cold     whether every call must find its operands evicted ({@link ColdRotation})
 * @param settleMs the longest the fork runs the operation before its warm-up, waiting for a steady time per call
 *                 ({@link SteadyState}); 0: not at all
 */
public record TrialSpec(String track, String kernel, Map<String, Object> workload, Map<String, Object> params,
                        long seed, int threads, boolean cold, int settleMs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The spec of a planned trial. */
    public static TrialSpec of(Trial trial, int threads) {
        return new TrialSpec(trial.track(), trial.kernel(), trial.workload().asMap(), trial.params().asMap(), trial.seed(), threads,
                trial.cache() == CacheState.COLD, 0);
    }

    /** This spec with {@code ms} as its {@link #settleMs()}. */
    public TrialSpec settling(int ms) {
        return new TrialSpec(track, kernel, workload, params, seed, threads, cold, ms);
    }

    /** Encodes this spec for a JMH {@code @Param}. */
    public String encode() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode trial " + this, e);
        }
    }

    /** Decodes a spec written by {@link #encode()}. */
    public static TrialSpec decode(String json) {
        try {
            return JSON.readValue(json, TrialSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed trial spec: " + json, e);
        }
    }

    /** Workload values as {@link ParamValues}. */
    public ParamValues workloadValues() {
        return new ParamValues(workload);
    }

    /** Kernel tunables as {@link ParamValues}. */
    public ParamValues paramValues() {
        return new ParamValues(params);
    }
}
