package dev.mlbench.predict;

import dev.mlbench.core.spi.Work;

import java.util.Map;
import java.util.TreeMap;

/**
 * The features of one row or estimate, by name. Nothing here knows a track: every numeric workload entry is a
 * dimension (with its log), every other entry a category; the work model's operations and bytes come from the row's
 * metrics (or, for an estimate, the track's work model), and the roofline from the host's calibration.
 * Categories (kernel, string parameters, string workload entries) are one-hot, named {@code key=value}.
 */
final class Features {

    /** The log of the roofline time: with it a tree needs no split to know the scale. */
    static final String LOG_ROOFLINE = "log.roofline_ns";

    private Features() {
    }

    /** The features of {@code setting} on {@code workload} (whose work is {@code work}) on {@code host}. */
    static Map<String, Double> of(Setting setting, Map<String, Object> workload, Work work, HostFacts host) {
        Map<String, Double> f = new TreeMap<>();
        workload.forEach((k, v) -> put(f, "workload." + k, v));
        number(f, "ops", work.ops());
        number(f, "bytes", work.bytesMoved());
        if (work.bytesMoved() > 0) {
            number(f, "intensity", work.ops() / work.bytesMoved());
        }
        f.put(LOG_ROOFLINE, Math.log(host.rooflineNs(work, setting.threads())));
        f.put("kernel=" + setting.kernel(), 1.0);
        setting.params().forEach((k, v) -> put(f, "param." + k, v));
        f.put("host.peak_gflops", host.peakGflopsAt(setting.threads()));
        f.put("host.bandwidth_gbps", host.calibration().bandwidthGbps(work.roof(), setting.threads()));
        f.put("host.vector_bits", (double) host.vectorBits());
        f.put("host.cores", (double) host.cores());
        return f;
    }

    /** Whether an estimate checks {@code name} against the training range: the inputs, not what follows from them. */
    static boolean isChecked(String name) {
        return name.startsWith("workload.") || name.startsWith("param.") || name.startsWith("host.") || name.equals("intensity");
    }

    /** Whether {@code name} is a category indicator rather than a number. */
    static boolean isCategory(String name) {
        return name.indexOf('=') >= 0;
    }

    private static void put(Map<String, Double> f, String name, Object value) {
        if (value instanceof Number n) {
            number(f, name, n.doubleValue());
        } else {
            f.put(name + "=" + value, 1.0);
        }
    }

    /** The value, and its log when it is positive (sizes span decades; a tree splits on either). */
    private static void number(Map<String, Double> f, String name, double value) {
        f.put(name, value);
        if (value > 0) {
            f.put("log." + name, Math.log(value));
        }
    }
}
