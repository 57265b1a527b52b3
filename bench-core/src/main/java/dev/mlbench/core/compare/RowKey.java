package dev.mlbench.core.compare;

import dev.mlbench.core.definition.CacheState;
import dev.mlbench.core.results.TrialResult;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What makes two rows the same measurement in different runs: track, kernel, backend, parameters (including
 * {@code threads}) and workload, with {@code cache=cold} among the workload's values for a cold row (a workload
 * measured cold and warm is two measurements). The workload group and label are not part of it: a renamed group still matches.
 * Values are kept as canonical text so {@code 4}, {@code 4L} and {@code 4.0} match.
 *
 * @param track    track
 * @param kernel   kernel
 * @param backend  backend
 * @param params   kernel parameters, sorted by name
 * @param workload workload parameters, sorted by name
 */
public record RowKey(String track, String kernel, String backend, Map<String, String> params, Map<String, String> workload) {

    /** The workload key a cold row's state is kept under. */
    public static final String CACHE = "cache";

    /** The key of {@code row}. */
    public static RowKey of(TrialResult row) {
        Map<String, String> workload = canonical(row.workload());
        if (cacheOf(row) == CacheState.COLD) {
            workload.put(CACHE, CacheState.COLD.key());
        }
        return new RowKey(row.track(), row.kernel(), row.backend(), canonical(row.params()), workload);
    }

    /**
     * The cache state {@code row}'s group asked for: the row's own, whatever became of it; in files older than that
     * field, its metrics' (and warm for rows without metrics, and for files older than either field).
     */
    public static CacheState cacheOf(TrialResult row) {
        if (row.cache() != null) {
            return row.cache();
        }
        return row.metrics() != null && row.metrics().cache() != null ? row.metrics().cache() : CacheState.WARM;
    }

    /** The parameters as {@code k=v k=v}, {@code threads} included. */
    public String paramsText() {
        return text(params);
    }

    /** The workload as {@code k=v k=v}. */
    public String workloadText() {
        return text(workload);
    }

    /** The same key with another kernel and backend (to find a baseline row for the same workload). */
    public RowKey withKernel(String otherKernel, String otherBackend) {
        return new RowKey(track, otherKernel, otherBackend, params, workload);
    }

    private static String text(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static Map<String, String> canonical(Map<String, Object> values) {
        Map<String, String> out = new TreeMap<>();
        if (values != null) {
            values.forEach((k, v) -> out.put(k, canonical(v)));
        }
        return out;
    }

    private static String canonical(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        return String.valueOf(v);
    }
}
