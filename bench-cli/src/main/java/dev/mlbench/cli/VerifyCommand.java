package dev.mlbench.cli;

import dev.mlbench.core.spi.ArtifactVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * {@code bench <kind> verify PATH}: an artifact a track writes, checked on its own by that track's
 * {@link ArtifactVerifier}. One {@code <kind>} command per verifier on the harness's class path, added by
 * {@link #addTo}, so the CLI names no track.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {"Checks an artifact on its own and names each problem.",
        "Exits 0 when nothing is wrong and 2 when something is, with one line per problem naming file and field.", ""})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Parameters(paramLabel = "PATH", description = "The artifact: a file or a folder.")
    Path path;

    private final ArtifactVerifier verifier;

    private VerifyCommand(ArtifactVerifier verifier) {
        this.verifier = verifier;
    }

    /** Adds {@code <kind> verify} to {@code cli} for every verifier found whose kind names no command yet. */
    static void addTo(CommandLine cli) {
        for (ArtifactVerifier v : ServiceLoader.load(ArtifactVerifier.class, VerifyCommand.class.getClassLoader())) {
            String kind = v.kind();
            if (kind == null || kind.isBlank() || cli.getSubcommands().containsKey(kind)) {
                continue; // a verifier may not shadow a command
            }
            CommandSpec group = CommandSpec.create().name(kind).mixinStandardHelpOptions(true);
            group.usageMessage().description("Commands on " + kind + "s a track writes.", "",
                    "Example:", "  bench " + kind + " verify PATH", "");
            CommandLine groupLine = new CommandLine(group);
            groupLine.addSubcommand("verify", new CommandLine(new VerifyCommand(v)));
            cli.addSubcommand(kind, groupLine);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArtifactVerifier.Report report = verifier.verify(path);
        if (report.ok()) {
            out.println("ok: " + path + ": " + report.summary());
            return BenchCli.OK;
        }
        for (String p : report.problems()) {
            err.println("bench: " + p);
        }
        err.println("bench: " + path + ": " + report.problems().size() + " problem(s)"
                + (report.summary().isEmpty() ? "" : "; checked " + report.summary()));
        return BenchCli.INVALID_INPUT;
    }
}
