package dev.mlbench.cli;

import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.Track;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench list}: tracks, kernels and backends, with availability and the reason. */
@Command(name = "list", mixinStandardHelpOptions = true, description = {"Lists tracks, kernels and backends, with whether each can run here and why not.", "",
        "Examples:", "  bench list", "  bench list --plugins plugins/", ""})
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOption plugins;


    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Registry registry = plugins.load(spec.commandLine().getErr()).registry();

        out.println("Tracks");
        TextTable tracks = new TextTable(List.of("TRACK", "KERNELS", "DEFINITION", "DESCRIPTION"));
        for (Track<?, ?, ?, ?> t : registry.tracks().values()) {
            var file = Workspace.definitionsDir().resolve(t.name() + ".yaml");
            tracks.add(List.of(t.name(), String.valueOf(registry.kernels(t.name()).size()),
                    Files.isRegularFile(file) ? file.toString() : "(none: use --config)", t.description()));
        }
        tracks.print(out);

        out.println();
        out.println("Kernels");
        TextTable kernels = new TextTable(List.of("TRACK", "KERNEL", "BACKEND", "AVAILABLE", "NOTE"));
        for (Map.Entry<String, Map<String, Kernel<?, ?, ?>>> e : registry.allKernels().entrySet()) {
            for (Kernel<?, ?, ?> k : e.getValue().values()) {
                Availability a = registry.kernelAvailability(k);
                kernels.add(List.of(e.getKey(), k.name(), k.backend(), a.available() ? "yes" : "no",
                        a.available() ? k.description() : a.reason()));
            }
        }
        kernels.print(out);

        out.println();
        out.println("Backends");
        TextTable backends = new TextTable(List.of("BACKEND", "AVAILABLE", "REASON / FOUND", "DESCRIPTION"));
        for (Backend b : registry.backends().values()) {
            Availability a = registry.backendAvailability(b.name());
            backends.add(List.of(b.name(), a.available() ? "yes" : "no", a.reason(), b.description()));
        }
        backends.print(out);
        return BenchCli.OK;
    }
}
