package dev.mlbench.cli;

import dev.mlbench.core.plugin.Plugins;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --plugins DIR}, shared by the commands that load tracks and kernels. */
final class PluginOption {

    /** The folder of plugin jars used when no --plugins is given, if it exists. */
    static Path defaultDir() {
        return Workspace.home().resolve("plugins");
    }

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load the plugin jars in DIR (tracks, kernels, backends; repeatable). "
                    + "Default: the plugins/ folder beside results/, when it exists.")
    List<Path> dirs = new ArrayList<>();

    /**
     * Loads the plugins; a jar that cannot be used is reported on {@code err} and left out, and everything
     * else runs as if it were not there.
     */
    Plugins.Loaded load(PrintWriter err) {
        List<Path> locations = new ArrayList<>(dirs);
        if (locations.isEmpty() && Files.isDirectory(defaultDir())) {
            locations.add(defaultDir());
        }
        Plugins.Loaded loaded;
        try {
            loaded = Plugins.load(locations);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        loaded.problems().forEach(p -> err.println("bench: warning: " + p));
        err.flush();
        return loaded;
    }
}
