package dev.mlbench.tracks.checkpointing;

import dev.mlbench.core.spi.ArtifactVerifier;
import dev.mlbench.core.util.IoErrors;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench checkpoint verify PATH}: a checkpoint checked on its own, with the reader the loads use
 * ({@link SafetensorsReader}, {@link SafetensorsHeader}, {@link CheckpointLoader#index}). PATH is a checkpoint folder
 * with {@code LATEST} (its latest checkpoint is checked), a checkpoint directory (its {@code index.json} and every
 * rank file), a folder of safetensors files, or one file. Every file's header is validated, every tensor's CRC32C
 * recomputed, and the index's fragments compared with the files' headers; each problem is one line.
 */
public final class CheckpointVerifier implements ArtifactVerifier {

    @Override
    public String kind() {
        return "checkpoint";
    }

    @Override
    public Report verify(Path path) {
        List<String> problems = new ArrayList<>();
        int[] counts = {0, 0};
        long[] bytes = {0};
        try {
            Path target = path;
            if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(CheckpointStore.LATEST))) {
                target = new CheckpointStore(path).latest().orElseThrow();
                if (!Files.isDirectory(target)) {
                    return new Report("", List.of(path.resolve(CheckpointStore.LATEST) + " names " + target.getFileName()
                            + ", which does not exist"));
                }
            }
            Map<Path, SafetensorsHeader> headers = new HashMap<>();
            Path dir = target;
            if (Files.isDirectory(target) && Files.isRegularFile(target.resolve(CheckpointIndex.FILE))) {
                CheckpointIndex index = readIndex(target, problems);
                Set<Path> files = new LinkedHashSet<>();
                if (index != null) {
                    index.tensors().forEach(t -> t.fragments().forEach(f -> files.add(dir.resolve(f.file()))));
                }
                for (Path f : files) {
                    verifyFile(f, problems, counts, bytes, headers);
                }
                if (index != null) {
                    compareWithIndex(target, index, headers, problems);
                }
            } else if (Files.isDirectory(target)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(target)) {
                    files = s.filter(f -> f.getFileName().toString().endsWith(".safetensors")).sorted().toList();
                }
                if (files.isEmpty()) {
                    problems.add(target + ": no index.json, LATEST or .safetensors file: not a checkpoint");
                }
                for (Path f : files) {
                    verifyFile(f, problems, counts, bytes, headers);
                }
            } else if (Files.isRegularFile(target)) {
                verifyFile(target, problems, counts, bytes, headers);
            } else {
                problems.add(target + ": no such file or folder");
            }
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        return new Report(counts[0] + " file(s), " + counts[1] + " tensor(s), " + bytes[0] + " data bytes, CRC32C verified", problems);
    }

    private static CheckpointIndex readIndex(Path dir, List<String> problems) {
        Path file = dir.resolve(CheckpointIndex.FILE);
        try {
            CheckpointIndex index = CheckpointStore.JSON.readValue(file.toFile(), CheckpointIndex.class);
            List<TensorSpec> specs = new ArrayList<>();
            for (CheckpointIndex.Tensor t : index.tensors()) {
                specs.add(new TensorSpec(t.name(), Dtype.parse(t.dtype()), t.shape()));
            }
            // the loader's own checks: format, fragments covering each tensor contiguously
            return CheckpointLoader.index(dir, new ModelLayout(specs));
        } catch (IOException | RuntimeException e) {
            problems.add(e instanceof CorruptCheckpointException ? e.getMessage() : file + " is not a valid index: " + e.getMessage());
            return null;
        }
    }

    private static void verifyFile(Path file, List<String> problems, int[] counts, long[] bytes, Map<Path, SafetensorsHeader> headers) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + ": missing");
            return;
        }
        try (SafetensorsReader reader = SafetensorsReader.open(file); Arena arena = Arena.ofConfined()) {
            counts[0]++;
            headers.put(file, reader.header());
            MemorySegment scratch = arena.allocate(SafetensorsWriter.CHUNK_BYTES);
            for (SafetensorsHeader.Entry e : reader.header().entries()) {
                try {
                    reader.read(e, (offset, max) -> scratch.asSlice(0, max), true);
                    counts[1]++;
                    bytes[0] += e.end() - e.begin();
                } catch (CorruptCheckpointException x) {
                    problems.add(x.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(e instanceof CorruptCheckpointException ? e.getMessage() : file + ": " + IoErrors.reason(e));
        }
    }

    private static void compareWithIndex(Path dir, CheckpointIndex index, Map<Path, SafetensorsHeader> headers, List<String> problems) {
        for (CheckpointIndex.Tensor t : index.tensors()) {
            for (CheckpointIndex.Fragment f : t.fragments()) {
                SafetensorsHeader h = headers.get(dir.resolve(f.file()));
                if (h == null) {
                    continue; // the file's own problem is reported already
                }
                SafetensorsHeader.Entry e = h.entry(t.name());
                String where = dir.resolve(f.file()) + ": tensor '" + t.name() + "'";
                if (e == null) {
                    problems.add(where + " is in index.json but not in the file");
                } else if (!e.dtype().name().equals(t.dtype())) {
                    problems.add(where + ": dtype " + e.dtype().name() + ", index.json says " + t.dtype());
                } else if (e.begin() != f.dataOffsets().get(0) || e.end() != f.dataOffsets().get(1)) {
                    problems.add(where + ": data_offsets [" + e.begin() + ", " + e.end() + "], index.json says " + f.dataOffsets());
                } else if ((e.end() - e.begin()) != (f.end() - f.begin()) * e.dtype().size()) {
                    problems.add(where + ": " + (e.end() - e.begin()) + " bytes, index.json's elements [" + f.begin() + ", " + f.end()
                            + ") need " + (f.end() - f.begin()) * e.dtype().size());
                }
            }
        }
    }
}
