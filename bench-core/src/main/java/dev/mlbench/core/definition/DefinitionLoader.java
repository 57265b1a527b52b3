package dev.mlbench.core.definition;

import dev.mlbench.core.registry.Registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a track definition (YAML, or JSON when the name ends in {@code .json}) and validates all of it
 * against the registry: every problem is collected with its file, line and key path, then reported at once.
 * Reading bounds the input; each section of the definition has a validator of its own ({@code TopLevelValidator}
 * hands the workloads, kernels, tolerances and profiles to theirs), and all of them report into one
 * {@code ProblemCollector}.
 */
public final class DefinitionLoader {

    /** Seed used when a definition gives none. */
    public static final long DEFAULT_SEED = 42;
    /** Sweeps expanding to more workloads or settings than this are refused as mistakes. */
    public static final int MAX_SWEEP_SIZE = 10_000;

    private final Registry registry;
    private final long heapBytes;

    /**
     * @param registry  tracks and kernels to validate names and parameters against
     * @param heapBytes the heap each trial's JVM has; workloads needing more are refused
     */
    public DefinitionLoader(Registry registry, long heapBytes) {
        this.registry = registry;
        this.heapBytes = heapBytes;
    }

    /** The largest definition read, in bytes: a real one is a few kilobytes; checked before anything is parsed. */
    public static final int MAX_DEFINITION_BYTES = 1 << 20;
    /** The longest scalar (a key or a value), in characters. */
    public static final int MAX_SCALAR_CHARS = 64 * 1024;
    /** The deepest nesting of lists and maps. */
    public static final int MAX_NESTING = 32;

    /** Reads and validates the file at {@code path}; one larger than {@link #MAX_DEFINITION_BYTES} is refused unread. */
    public TrackDefinition load(Path path) throws DefinitionException {
        String text;
        try {
            long size = Files.size(path);
            if (size > MAX_DEFINITION_BYTES) {
                throw new DefinitionException(List.of(new Problem(path.toString(), 0, 0, "",
                        "is " + size + " bytes; definitions are limited to " + MAX_DEFINITION_BYTES + " bytes")));
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DefinitionException(List.of(new Problem(path.toString(), 0, 0, "",
                    "cannot be read: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()))));
        }
        return parse(path.toString(), text);
    }

    /**
     * Reads at most {@link #MAX_DEFINITION_BYTES} from {@code in} (standard input, a plugin's resource) and validates
     * it as a definition named {@code name}; longer input is refused without reading the rest.
     */
    public TrackDefinition load(String name, java.io.InputStream in) throws DefinitionException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_DEFINITION_BYTES + 1);
        } catch (IOException e) {
            throw new DefinitionException(List.of(new Problem(name, 0, 0, "", "cannot be read: " + e)));
        }
        if (bytes.length > MAX_DEFINITION_BYTES) {
            throw new DefinitionException(List.of(new Problem(name, 0, 0, "",
                    "is longer than " + MAX_DEFINITION_BYTES + " bytes, the limit of a definition")));
        }
        return parse(name, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Validates {@code text}, read from a file named {@code fileName}. */
    public TrackDefinition parse(String fileName, String text) throws DefinitionException {
        LocatedTree tree = LocatedTree.read(fileName, text);
        ProblemCollector problems = new ProblemCollector(fileName, tree);
        TrackDefinition definition = tree.root() == null ? null
                : new TopLevelValidator(problems, registry, heapBytes).validate(tree.root());
        if (!problems.isEmpty()) {
            throw new DefinitionException(problems.problems());
        }
        return definition;
    }
}
