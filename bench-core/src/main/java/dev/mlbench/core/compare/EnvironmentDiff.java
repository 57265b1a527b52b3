package dev.mlbench.core.compare;

import dev.mlbench.core.env.Environment;
import dev.mlbench.core.results.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The differences between two runs that make their timings hard to compare: CPU model, cores, JDK, vector size,
 * threads and profile (every row), and the version details of each backend (rows of that backend).
 */
public final class EnvironmentDiff {

    private EnvironmentDiff() {
    }

    /** Differences that apply to every row. */
    public static List<String> global(RunRecord base, RunRecord cur) {
        List<String> w = new ArrayList<>();
        Environment a = base.environment();
        Environment b = cur.environment();
        if (a != null && b != null) {
            differ(w, "CPU model", a.cpuModel(), b.cpuModel());
            differ(w, "cores", a.cores(), b.cores());
            differ(w, "JDK", a.jdk(), b.jdk());
            differ(w, "vector size (bits)", a.vectorBitSize(), b.vectorBitSize());
            differ(w, "OS", a.os(), b.os());
        }
        if (base.settings() != null && cur.settings() != null) {
            differ(w, "threads", base.settings().threads(), cur.settings().threads());
            differ(w, "profile", base.settings().profile(), cur.settings().profile());
        }
        return w;
    }

    /** Differences in {@code backend}'s availability or version details. */
    public static List<String> backend(String backend, RunRecord base, RunRecord cur) {
        List<String> w = new ArrayList<>();
        Environment.BackendInfo a = info(base, backend);
        Environment.BackendInfo b = info(cur, backend);
        if (a == null || b == null) {
            return w;
        }
        differ(w, "backend " + backend + " available", a.available(), b.available());
        var keys = new java.util.TreeSet<String>();
        if (a.details() != null) {
            keys.addAll(a.details().keySet());
        }
        if (b.details() != null) {
            keys.addAll(b.details().keySet());
        }
        for (String k : keys) {
            differ(w, "backend " + backend + " " + k, a.details() == null ? null : a.details().get(k), b.details() == null ? null : b.details().get(k));
        }
        return w;
    }

    private static Environment.BackendInfo info(RunRecord r, String backend) {
        return r.environment() == null || r.environment().backends() == null ? null : r.environment().backends().get(backend);
    }

    private static void differ(List<String> w, String what, Object a, Object b) {
        if (!Objects.equals(a == null ? null : a.toString(), b == null ? null : b.toString())) {
            w.add(what + " differs: BASE " + a + ", CUR " + b);
        }
    }
}
