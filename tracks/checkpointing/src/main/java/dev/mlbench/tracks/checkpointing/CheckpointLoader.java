package dev.mlbench.tracks.checkpointing;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Loads the latest checkpoint of a {@link CheckpointStore} into any number of ranks (resharding): each rank
 * file is read once, start to end, every fragment's CRC32C is verified, and each byte goes straight to the
 * target rank whose slice holds it. Can also verify a checkpoint against a {@link StateGenerator} without
 * holding the state in memory.
 */
public final class CheckpointLoader {

    private CheckpointLoader() {
    }

    /** The checkpoint directory's index, checked against {@code layout}: same tensors, fragments covering each exactly. */
    public static CheckpointIndex index(Path dir, ModelLayout layout) throws IOException {
        Path file = dir.resolve(CheckpointIndex.FILE);
        CheckpointIndex index;
        try {
            index = CheckpointStore.JSON.readValue(file.toFile(), CheckpointIndex.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new CorruptCheckpointException(file + " is not a valid index: " + e.getOriginalMessage());
        }
        try {
            check(index, layout, file.toString());
        } catch (RuntimeException e) {
            throw new CorruptCheckpointException(file + " is not a valid index: " + e.getMessage());
        }
        return index;
    }

    private static void check(CheckpointIndex index, ModelLayout layout, String file) throws CorruptCheckpointException {
        if (!CheckpointIndex.FORMAT.equals(index.format())) {
            throw new CorruptCheckpointException(file + ": unknown format '" + index.format() + "'");
        }
        if (index.tensors().size() != layout.size()) {
            throw new CorruptCheckpointException(file + " lists " + index.tensors().size() + " tensors, the model has " + layout.size());
        }
        for (CheckpointIndex.Tensor t : index.tensors()) {
            int i = layout.indexOf(t.name());
            if (i < 0 || !layout.tensor(i).equals(new TensorSpec(t.name(), Dtype.parse(t.dtype()), t.shape()))) {
                throw new CorruptCheckpointException(file + ": tensor '" + t.name() + "' " + t.dtype() + t.shape() + " is not in the model");
            }
            long next = 0;
            for (CheckpointIndex.Fragment f : t.fragments()) {
                if (f.begin() != next || f.end() < f.begin() || f.dataOffsets().size() != 2) {
                    throw new CorruptCheckpointException(file + ": fragments of tensor '" + t.name() + "' do not cover it contiguously");
                }
                next = f.end();
            }
            if (next != layout.tensor(i).elements()) {
                throw new CorruptCheckpointException(file + ": fragments of tensor '" + t.name() + "' cover " + next + " of "
                        + layout.tensor(i).elements() + " elements");
            }
        }
    }

    /**
     * Loads the latest checkpoint under {@code store} into {@code target} (any number of ranks), one task per
     * rank file on {@code readers}, or all on this thread when null.
     */
    public static void load(CheckpointStore store, StateBuffers target, ExecutorService readers) throws IOException, InterruptedException {
        ModelLayout layout = target.layout();
        visit(store, layout, readers, (tensor, fragment) -> {
            int size = layout.tensor(tensor).dtype().size();
            long n = layout.tensor(tensor).elements();
            int ranks = target.ranks();
            return new SafetensorsReader.Sink() {
                @Override
                public MemorySegment target(long offset, long max) {
                    long element = fragment.begin() + offset / size;
                    int rank = rankOf(element, n, ranks);
                    long first = target.firstElement(rank, tensor);
                    long end = ModelLayout.fragmentBegin(n, ranks, rank + 1);
                    return target.fragment(rank, tensor).asSlice((element - first) * size, Math.min(max, (end - element) * size));
                }
            };
        });
    }

    /**
     * Reads the latest checkpoint under {@code store}, verifying every CRC32C and comparing every byte with
     * what {@code generator} produces. Throws {@link CorruptCheckpointException} naming the first bad tensor.
     */
    public static void verify(CheckpointStore store, StateGenerator generator) throws IOException, InterruptedException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(SafetensorsWriter.CHUNK_BYTES, 64);
            MemorySegment scratch = StateGenerator.scratch(arena);
            ModelLayout layout = generator.layout();
            visit(store, layout, null, (tensor, fragment) -> {
                int size = layout.tensor(tensor).dtype().size();
                return new SafetensorsReader.Sink() {
                    private String difference;

                    @Override
                    public MemorySegment target(long offset, long max) {
                        return buffer.asSlice(0, max);
                    }

                    @Override
                    public void accept(long offset, MemorySegment bytes) {
                        long first = fragment.begin() + offset / size;
                        long bad = difference != null ? -1 : generator.firstMismatch(bytes, tensor, first, bytes.byteSize() / size, scratch);
                        if (bad >= 0) {
                            difference = "tensor '" + layout.tensor(tensor).name() + "' differs from the saved state at element "
                                    + (first + bad) + " (in " + fragment.file() + ")";
                        }
                    }

                    /** Reported after the checksum, so corruption on disk is named as such. */
                    @Override
                    public void finished() throws CorruptCheckpointException {
                        if (difference != null) {
                            throw new CorruptCheckpointException(difference);
                        }
                    }
                };
            });
        }
    }

    /** The rank of {@code ranks} whose slice of an {@code n}-element tensor holds {@code element}. */
    static int rankOf(long element, long n, int ranks) {
        int r = (int) Math.min(ranks - 1, element * ranks / Math.max(1, n));
        while (r > 0 && ModelLayout.fragmentBegin(n, ranks, r) > element) {
            r--;
        }
        while (r < ranks - 1 && ModelLayout.fragmentBegin(n, ranks, r + 1) <= element) {
            r++;
        }
        return r;
    }

    private interface SinkFactory {
        SafetensorsReader.Sink sink(int tensor, CheckpointIndex.Fragment fragment);
    }

    private static void visit(CheckpointStore store, ModelLayout layout, ExecutorService readers, SinkFactory sinks)
            throws IOException, InterruptedException {
        Path dir = store.latest().orElseThrow(() -> new java.nio.file.NoSuchFileException(store.root().resolve(CheckpointStore.LATEST).toString(),
                null, "no checkpoint has been published here"));
        CheckpointIndex index = index(dir, layout);
        Map<String, List<Part>> byFile = new LinkedHashMap<>();
        for (CheckpointIndex.Tensor t : index.tensors()) {
            int tensor = layout.indexOf(t.name());
            for (CheckpointIndex.Fragment f : t.fragments()) {
                byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(new Part(tensor, f));
            }
        }
        List<IoTasks.Task> jobs = new ArrayList<>();
        for (Map.Entry<String, List<Part>> file : byFile.entrySet()) {
            jobs.add(() -> readFile(dir, file.getKey(), file.getValue(), layout, sinks));
        }
        IoTasks.runAll(jobs, readers);
    }

    /** One fragment of a tensor in a rank file. */
    private record Part(int tensor, CheckpointIndex.Fragment fragment) {
    }

    private static void readFile(Path dir, String file, List<Part> parts, ModelLayout layout, SinkFactory sinks) throws IOException {
        Path path = dir.resolve(file).normalize();
        if (!path.startsWith(dir) || !Files.isRegularFile(path)) {
            throw new CorruptCheckpointException(dir.resolve(CheckpointIndex.FILE) + " names a missing rank file " + file);
        }
        try (SafetensorsReader reader = SafetensorsReader.open(path)) {
            for (Part part : parts) {
                TensorSpec spec = layout.tensor(part.tensor());
                CheckpointIndex.Fragment f = part.fragment();
                SafetensorsHeader.Entry entry = reader.header().entry(spec.name());
                if (entry == null || entry.begin() != f.dataOffsets().get(0) || entry.end() != f.dataOffsets().get(1)
                        || entry.dtype() != spec.dtype() || entry.spec().elements() != f.end() - f.begin()) {
                    throw new CorruptCheckpointException("tensor '" + spec.name() + "' in " + path + " does not match the index");
                }
                reader.read(entry, sinks.sink(part.tensor(), f), true);
            }
        }
    }
}
