package dev.mlbench.predict;

import dev.mlbench.core.spi.KernelConfig;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One way to run a workload that a model has seen: a kernel with its parameter values (tile sizes, {@code threads}).
 *
 * @param kernel  kernel name
 * @param backend its backend
 * @param params  its parameter values, sorted by name
 */
public record Setting(String kernel, String backend, Map<String, Object> params) {

    public Setting {
        Map<String, Object> sorted = new TreeMap<>();
        params.forEach((k, v) -> sorted.put(k, Values.normalize(v)));
        params = Collections.unmodifiableMap(sorted);
    }

    /** The threads it runs on, 0 when the row did not record them. */
    public int threads() {
        return params.get(KernelConfig.THREADS) instanceof Number n ? n.intValue() : 0;
    }

    /** {@code key=value} pairs sorted by key, separated by spaces. */
    public String paramsText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
