package dev.mlbench.core.run;

import dev.mlbench.core.results.RunRecord;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The harness's version and the commit it was built from, stamped into the jar at build time. */
public final class HarnessInfo {

    private HarnessInfo() {
    }

    /** Reads the build stamp; "unknown" for anything the build could not see (e.g. no git checkout). */
    public static RunRecord.Harness read() {
        Properties p = new Properties();
        try (InputStream in = HarnessInfo.class.getResourceAsStream("/dev/mlbench/core/harness.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        String version = clean(p.getProperty("version"));
        String commit = clean(p.getProperty("git.commit"));
        if (!"unknown".equals(commit) && "true".equals(p.getProperty("git.dirty"))) {
            commit += "-dirty";
        }
        return new RunRecord.Harness(version, commit);
    }

    private static String clean(String v) {
        return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }
}
