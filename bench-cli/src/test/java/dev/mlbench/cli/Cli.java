package dev.mlbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process with captured output, as a terminal user would call it. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** The repository root (the surefire configuration sets bench.home to it). */
    static Path home() {
        return Path.of(System.getProperty("bench.home")).toAbsolutePath().normalize();
    }

    /** A test definition file. */
    static String def(String name) {
        return home().resolve("bench-cli/src/test/resources/defs").resolve(name).toString();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
}
