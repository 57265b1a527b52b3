package dev.mlbench.cli;

import dev.mlbench.core.definition.DefinitionException;
import dev.mlbench.core.definition.DefinitionLoader;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.util.Names;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the harness finds its definitions ({@code <home>/configs/tracks}) and how it loads them. The home
 * is the {@code bench.home} system property (set by the ./bench launcher to the repository root), else
 * the current folder.
 */
final class Workspace {

    /** System property naming the harness home. */
    static final String HOME_PROPERTY = "bench.home";

    private Workspace() {
    }

    static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    static Path definitionsDir() {
        return home().resolve("configs").resolve("tracks");
    }

    /** Where a definition comes from: a file, or a plugin jar's resource. */
    record Source(String name, Path file, String text) {

        static Source file(Path file) {
            return new Source(file.toString(), file, null);
        }
    }

    /** Where plugin jars keep their tracks' definitions: {@code META-INF/bench/tracks/NAME.yaml}. */
    static final String PLUGIN_DEFINITIONS = "META-INF/bench/tracks/";

    /**
     * The definition of a track: configs/tracks/NAME.yaml (or .yml, .json) under the harness home, else the
     * {@value #PLUGIN_DEFINITIONS}NAME.yaml a plugin jar carries.
     */
    static Source definitionOf(String track, Registry registry, ClassLoader plugins) {
        Path dir = definitionsDir();
        for (String ext : List.of(".yaml", ".yml", ".json")) {
            Path p = dir.resolve(track + ext);
            if (Files.isRegularFile(p)) {
                return Source.file(p);
            }
        }
        for (String ext : List.of(".yaml", ".yml", ".json")) {
            URL resource = plugins.getResource(PLUGIN_DEFINITIONS + track + ext);
            if (resource != null) {
                try (InputStream in = resource.openStream()) {
                    // bounded: one byte over the limit is enough for the loader to refuse it
                    byte[] bytes = in.readNBytes(DefinitionLoader.MAX_DEFINITION_BYTES + 1);
                    return new Source(resource.toString(), null, new String(bytes, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resource, e);
                }
            }
        }
        if (registry.track(track).isEmpty()) {
            throw new UsageError("unknown track '" + track + "'" + Names.suggestion(track, registry.tracks().keySet()));
        }
        throw new UsageError("track '" + track + "' has no definition file " + dir.resolve(track + ".yaml")
                + "; write one or pass --config FILE");
    }

    /** Loads every source, collecting the problems of all of them before failing. */
    static List<TrackDefinition> load(List<Source> sources, Registry registry) throws DefinitionException {
        DefinitionLoader loader = new DefinitionLoader(registry, Runtime.getRuntime().maxMemory());
        List<TrackDefinition> definitions = new ArrayList<>();
        List<dev.mlbench.core.definition.Problem> problems = new ArrayList<>();
        for (Source s : sources) {
            try {
                definitions.add(s.file() != null ? loader.load(s.file()) : loader.load(s.name(),
                        new java.io.ByteArrayInputStream(s.text().getBytes(StandardCharsets.UTF_8))));
            } catch (DefinitionException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new DefinitionException(problems);
        }
        return definitions;
    }

    /** Writes {@code text} to {@code file} as UTF-8, creating its folder. */
    static void writeText(Path file, String text) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads results files for analysis; a file that cannot be read stops the command with exit code 2. */
    static List<dev.mlbench.core.results.RunFile> readRuns(List<Path> files) {
        return files.stream().map(dev.mlbench.core.results.RunFile::read).toList();
    }
}
