package dev.mlbench.cli;

import dev.mlbench.core.definition.DefinitionException;
import dev.mlbench.core.results.ResultFileException;
import dev.mlbench.core.run.HarnessInfo;
import dev.mlbench.core.util.IoErrors;
import dev.mlbench.core.util.Names;
import dev.mlbench.predict.PredictInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code bench} command line. {@link #run} is the whole CLI with its streams passed in, so tests drive
 * it exactly as a terminal does; {@link #main} only exits with its code.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = BenchCli.Version.class,
        description = {"Measures how fast, how accurate and how costly ML kernels are on this machine.", ""},
        subcommands = {ListCommand.class, RunCommand.class, ShowCommand.class, ValidateCommand.class, CalibrateCommand.class, EnvCommand.class, NewTrackCommand.class,
                CompareCommand.class, GateCommand.class, LeaderboardCommand.class, ReportCommand.class, ExportCommand.class, FleetCommand.class, PredictCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  runtime failure (including a kernel that threw or a trial that failed)",
                "  2  invalid input: usage, track definitions, results files or model files",
                "  3  a kernel failed its correctness check", "  4  regression found by compare"})
public final class BenchCli implements Runnable {

    /** Success. */
    public static final int OK = 0;
    /** A runtime failure. */
    public static final int RUNTIME_FAILURE = 1;
    /** Bad usage or invalid definitions. */
    public static final int INVALID_INPUT = 2;
    /** A kernel's output disagreed with the reference. */
    public static final int INCORRECT_KERNEL = 3;
    /** {@code bench compare} found a row SLOWER or INVALID. */
    public static final int REGRESSION = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Inherited: every command takes it, before or after its name, and it sets this one field. */
    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    /**
     * Errors in what the user gave (usage, track definitions, results and model files) exit with
     * {@link #INVALID_INPUT}; anything else that escapes a command is a {@link #RUNTIME_FAILURE}.
     */
    static final List<Class<? extends Exception>> INPUT_ERRORS =
            List.of(UsageError.class, DefinitionException.class, ResultFileException.class, PredictInputException.class);

    @Override
    public void run() {
        var names = spec.commandLine().getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: " + String.join(", ", names));
    }

    /** Entry point of the launcher. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        BenchCli bench = new BenchCli();
        CommandLine cli = new CommandLine(bench);
        VerifyCommand.addTo(cli); // before the settings below, which reach only the subcommands added so far
        cli.setOut(out);
        cli.setErr(err);
        // Help wraps at the terminal's width (80 columns when it cannot tell, as in a pipe), for every subcommand.
        cli.setUsageHelpAutoWidth(true);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("bench: " + ex.getMessage());
            if (cmd == cli && ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
                String given = u.getUnmatched().get(0);
                Names.closest(given, cli.getSubcommands().keySet())
                        .ifPresent(c -> cmd.getErr().println("Did you mean 'bench " + c + "'?"));
            }
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr())) {
                cmd.getErr().println("See 'bench " + (cmd == cli ? "" : cmd.getCommandName() + " ") + "--help'.");
            }
            return INVALID_INPUT;
        });
        cli.setExitCodeExceptionMapper(BenchCli::exitCode);
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            int code = cli.getExitCodeExceptionMapper().getExitCode(ex);
            PrintWriter e = cmd.getErr();
            if (code == INVALID_INPUT) { // the message says what to fix; a stack trace would bury it
                e.println("bench: " + ex.getMessage());
                return code;
            }
            e.println("bench: " + (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException ? IoErrors.reason(ex)
                    : ex.getMessage() == null ? ex.toString() : ex.getMessage())
                    + (bench.verbose ? "" : " (run with --verbose for the stack trace)"));
            if (bench.verbose) {
                ex.printStackTrace(e);
            }
            return code;
        });
        return cli.execute(args);
    }

    /** The exit code of an exception that escaped a command. */
    static int exitCode(Throwable ex) {
        return INPUT_ERRORS.stream().anyMatch(type -> type.isInstance(ex)) ? INVALID_INPUT : RUNTIME_FAILURE;
    }

    /** Prints the harness version and the commit it was built from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var h = HarnessInfo.read();
            return new String[] {"bench " + h.version() + " (commit " + h.gitCommit() + ")",
                    "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")};
        }
    }
}
