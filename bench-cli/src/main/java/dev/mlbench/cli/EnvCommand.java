package dev.mlbench.cli;

import dev.mlbench.core.env.Environment;
import dev.mlbench.core.env.EnvironmentProbeRunner;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.results.ResultStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench env}: the environment fingerprint recorded with every run. */
@Command(name = "env", mixinStandardHelpOptions = true, description = {"Prints the environment fingerprint recorded with every run (CPU, memory, JVM, vector size, backends).", "",
        "Examples:", "  bench env", "  bench env --format json", ""})
final class EnvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Mixin
    FormatOption output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Environment env = EnvironmentProbeRunner.probe(Registry.builtIn());
        if (output.json()) {
            out.println(ResultStore.toJson(env));
            return BenchCli.OK;
        }
        out.println("CPU:          " + env.cpuModel() + " (" + env.cores() + " cores)");
        out.println("Memory:       " + dev.mlbench.core.util.Bytes.format(env.memoryBytes()));
        out.println("OS:           " + env.os());
        out.println("JDK:          " + env.jdk());
        out.println("JVM flags:    " + String.join(" ", env.jvmArgs()));
        out.println("Vector size:  " + (env.vectorBitSize() == null ? "unavailable (Vector API not enabled)" : env.vectorBitSize() + " bits"));
        out.println("GPUs:         " + (env.gpus().isEmpty() ? "none found" : env.gpus()));
        for (Map.Entry<String, Environment.BackendInfo> b : env.backends().entrySet()) {
            out.printf("Backend %-12s %s: %s%s%n", b.getKey(), b.getValue().available() ? "yes" : "no", b.getValue().reason(),
                    b.getValue().details().isEmpty() ? "" : " " + b.getValue().details());
        }
        return BenchCli.OK;
    }
}
