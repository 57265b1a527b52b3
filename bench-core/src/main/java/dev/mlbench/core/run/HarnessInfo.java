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
        Properties p = properties();
        String version = clean(p.getProperty("version"));
        String commit = clean(p.getProperty("git.commit"));
        if (!"unknown".equals(commit) && "true".equals(p.getProperty("git.dirty"))) {
            commit += "-dirty";
        }
        return new RunRecord.Harness(version, commit);
    }

    /** The JUnit version the harness is built and tested with, for generated plugin projects. */
    public static String junitVersion() {
        return clean(properties().getProperty("junit.version"));
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = HarnessInfo.class.getResourceAsStream("/dev/mlbench/core/harness.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return p;
    }

    private static String clean(String v) {
        return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }
}
