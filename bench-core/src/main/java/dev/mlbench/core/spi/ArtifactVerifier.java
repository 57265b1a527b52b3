package dev.mlbench.core.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * Checks a file or folder a track writes (a checkpoint, for instance) on its own, independently of any run:
 * {@code bench <kind> verify PATH}. Found through {@link java.util.ServiceLoader}, so the harness names no track.
 */
public interface ArtifactVerifier {

    /**
     * What was found.
     *
     * @param summary  what was checked, e.g. "2 files, 14 tensors, 1048576 bytes"
     * @param problems one line each, naming file, tensor and field; empty when all is well
     */
    record Report(String summary, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        /** Whether nothing was wrong. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The artifact's kind, the command's name: {@code checkpoint}. */
    String kind();

    /** Checks {@code path}; never throws for a fault of the artifact. */
    Report verify(Path path);
}
