package dev.mlbench.predict;

import dev.mlbench.core.spi.Work;

import java.util.Map;

/**
 * A measured row as a model sees it.
 *
 * @param file     the results file it came from
 * @param index    its index in that file's results
 * @param track    its track
 * @param setting  kernel and parameters
 * @param workload the workload map, normalised (whole numbers as Long), in the order the row lists it
 * @param host     the machine and its calibration
 * @param work     operations and minimum bytes per call, from the row's metrics
 * @param value    the target: median ns, or joules per operation
 */
public record TrainingRow(String file, int index, String track, Setting setting, Map<String, Object> workload, HostFacts host,
                          Work work, double value) {

    /** The row's roofline time in ns. */
    public double rooflineNs() {
        return host.rooflineNs(work, setting.threads());
    }

    /** What a split keeps together: the shape, and with it every kernel and setting measured on it. */
    public Map<String, Object> shape() {
        return workload;
    }
}
