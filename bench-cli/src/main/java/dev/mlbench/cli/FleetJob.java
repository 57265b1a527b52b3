package dev.mlbench.cli;

import dev.mlbench.core.fleet.FleetManifest;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** The fleet a {@code bench fleet status} or {@code collect} command is about: its id and the results root. */
final class FleetJob {

    @Parameters(index = "0", paramLabel = "JOB", description = "The fleet's id (the first array's job id, as 'bench fleet submit' printed).")
    String job;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "results", description = "The results root it was submitted with (default: results).")
    Path out;

    /** The fleet's manifest, read from the results root. */
    FleetManifest manifest() throws IOException {
        return FleetCommand.manifest(out.toAbsolutePath().normalize(), job);
    }
}
