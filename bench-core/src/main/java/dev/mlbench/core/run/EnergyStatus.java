package dev.mlbench.core.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Why energy is not in the results of this build. No energy profiler is wired in yet, so energy fields are
 * null and this reason is recorded instead; it says what was found so a reader knows whether it could be.
 */
final class EnergyStatus {

    private static final Path POWERCAP = Path.of("/sys/class/powercap");

    private EnergyStatus() {
    }

    static String unavailableReason() {
        if (!Files.isDirectory(POWERCAP)) {
            return "unavailable: no powercap interface (" + POWERCAP + " is absent)";
        }
        return "unavailable: this build has no energy profiler (powercap exists at " + POWERCAP + " but is not read)";
    }
}
