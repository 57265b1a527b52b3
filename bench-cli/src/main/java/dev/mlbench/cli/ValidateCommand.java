package dev.mlbench.cli;

import dev.mlbench.core.definition.DefinitionException;
import dev.mlbench.core.definition.DefinitionLoader;
import dev.mlbench.core.definition.Problem;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.definition.WorkloadGroup;
import dev.mlbench.core.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench validate}: every problem in the given definitions, at once. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = {"Checks track definitions and reports every problem with file, line and key.",
        "Exits 2 when any file has a problem.", "",
        "Examples:", "  bench validate configs/tracks/gemm.yaml", "  bench validate configs/tracks/*.yaml", ""})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOption plugins;


    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Definition files (YAML, or JSON when named *.json).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DefinitionLoader loader = new DefinitionLoader(plugins.load(err).registry(), Runtime.getRuntime().maxMemory());
        List<Problem> problems = new ArrayList<>();
        for (Path f : files) {
            try {
                TrackDefinition d = loader.load(f);
                int workloads = d.groups().stream().mapToInt(g -> g.workloads().size()).sum();
                int settings = d.kernels().stream().mapToInt(k -> k.settings().size()).sum();
                out.println("ok: " + f + " (track " + d.track() + ", " + d.groups().size() + " group(s) "
                        + d.groups().stream().map(WorkloadGroup::name).toList() + ", " + workloads + " workload(s), "
                        + d.kernels().size() + " kernel(s), " + settings + " kernel setting(s))");
            } catch (DefinitionException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            err.println(new DefinitionException(problems).getMessage());
            return BenchCli.INVALID_INPUT;
        }
        return BenchCli.OK;
    }
}
