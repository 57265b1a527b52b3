package dev.mlbench.tracks.checkpointing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlbench.core.util.IoErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of checkpoints with crash-safe publication. Each save writes a new directory {@code ckpt-NNNNNN}
 * (one safetensors file per rank, each written to a temporary name, fsynced and renamed, then
 * {@code index.json} the same way, then the directory is fsynced), and only then replaces the one-line
 * {@code LATEST} file naming it (temporary file, fsync, rename, fsync of the folder). A crash at any point
 * leaves {@code LATEST} naming the previous complete checkpoint; leftovers are removed by the next save.
 */
public final class CheckpointStore {

    /** The file naming the current checkpoint directory. */
    public static final String LATEST = "LATEST";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHECKPOINT_DIR = Pattern.compile("ckpt-(\\d{6,})");

    private final Path root;

    /** A store in {@code root} (created on the first save). */
    public CheckpointStore(Path root) {
        this.root = root;
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** The directory of the latest published checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        Path latest = root.resolve(LATEST);
        if (!Files.isRegularFile(latest)) {
            return Optional.empty();
        }
        String name = Files.readString(latest, StandardCharsets.UTF_8).strip();
        if (!CHECKPOINT_DIR.matcher(name).matches()) {
            throw new CorruptCheckpointException(latest + " names '" + name + "', not a checkpoint directory");
        }
        return Optional.of(root.resolve(name));
    }

    /**
     * Saves {@code state} (whole tensors, one rank) as a checkpoint written by {@code ranks} ranks, rank
     * files on {@code writers} (one task each) or, when null, one after another on this thread. Each
     * fragment is reported to {@code flushes} (may be null) once written. Returns the new checkpoint's
     * directory. On failure the partial checkpoint is removed, the previous one stays the latest, and the
     * exception says so.
     */
    public Path save(StateBuffers state, int ranks, ExecutorService writers, FlushTracker flushes) throws IOException, InterruptedException {
        if (state.ranks() != 1) {
            throw new IllegalArgumentException("save takes whole tensors (one rank), got " + state.ranks() + " ranks");
        }
        Optional<Path> previous = Optional.empty();
        Path dir = null;
        try {
            Files.createDirectories(root);
            previous = latest();
            removeLeftovers(previous);
            long sequence = previous.map(p -> Long.parseLong(p.getFileName().toString().substring(5)) + 1).orElse(1L);
            dir = root.resolve(String.format("ckpt-%06d", sequence));
            Files.createDirectory(dir);
            CheckpointIndex index = writeRanks(state, ranks, dir, writers, flushes);
            Durable.writeAtomically(dir.resolve(CheckpointIndex.FILE), JSON.writeValueAsBytes(index));
            Durable.fsyncDirectory(dir);
            Durable.writeAtomically(root.resolve(LATEST), (dir.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (flushes != null) {
                flushes.fail(e);
            }
            if (dir != null) {
                deleteQuietly(dir);
            }
            if (e instanceof InterruptedException) {
                throw (InterruptedException) e;
            }
            throw new IOException("checkpoint not saved in " + root + ": " + IoErrors.reason(e) + "; "
                    + previous.map(p -> "the previous checkpoint " + p.getFileName() + " is intact and still the latest")
                              .orElse("there is no previous checkpoint"), e);
        }
        removeLeftovers(Optional.of(dir));
        return dir;
    }

    private CheckpointIndex writeRanks(StateBuffers state, int ranks, Path dir, ExecutorService writers, FlushTracker flushes)
            throws IOException, InterruptedException {
        ModelLayout layout = state.layout();
        List<List<CheckpointIndex.Fragment>> fragments = new ArrayList<>();
        List<List<SafetensorsWriter.Item>> items = new ArrayList<>();
        for (int t = 0; t < layout.size(); t++) {
            fragments.add(new ArrayList<>());
        }
        for (int r = 0; r < ranks; r++) {
            String file = CheckpointIndex.rankFile(r, ranks);
            List<SafetensorsWriter.Item> mine = new ArrayList<>();
            long offset = 0;
            for (int t = 0; t < layout.size(); t++) {
                TensorSpec spec = layout.tensor(t);
                long n = spec.elements();
                long begin = ModelLayout.fragmentBegin(n, ranks, r);
                long end = ModelLayout.fragmentBegin(n, ranks, r + 1);
                if (end == begin && ranks > 1) {
                    continue;
                }
                int size = spec.dtype().size();
                List<Long> shape = ranks == 1 ? spec.shape() : List.of(end - begin);
                mine.add(new SafetensorsWriter.Item(t, spec.name(), spec.dtype(), shape,
                        state.fragment(0, t).asSlice(begin * size, (end - begin) * size)));
                long bytes = (end - begin) * size;
                fragments.get(t).add(new CheckpointIndex.Fragment(r, file, begin, end, List.of(offset, offset + bytes)));
                offset += bytes;
            }
            items.add(mine);
        }
        List<IoTasks.Task> jobs = new ArrayList<>();
        for (int r = 0; r < ranks; r++) {
            Path target = dir.resolve(CheckpointIndex.rankFile(r, ranks));
            List<SafetensorsWriter.Item> mine = items.get(r);
            jobs.add(() -> {
                Path tmp = Durable.temporary(target);
                SafetensorsWriter.write(tmp, mine, Map.of("format", "pt", "writer", "bench"), t -> {
                    if (flushes != null) {
                        flushes.fragmentFlushed(t);
                    }
                });
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            });
        }
        IoTasks.runAll(jobs, writers);
        List<CheckpointIndex.Tensor> tensors = new ArrayList<>();
        for (int t = 0; t < layout.size(); t++) {
            TensorSpec spec = layout.tensor(t);
            tensors.add(new CheckpointIndex.Tensor(spec.name(), spec.dtype().name(), spec.shape(), fragments.get(t)));
        }
        return new CheckpointIndex(CheckpointIndex.FORMAT, ranks, tensors);
    }

    /** Removes checkpoint directories and temporary files other than {@code keep}: leftovers of crashed or older saves. */
    private void removeLeftovers(Optional<Path> keep) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            children.forEach(p -> {
                String name = p.getFileName().toString();
                boolean checkpoint = CHECKPOINT_DIR.matcher(name).matches();
                boolean temporary = name.startsWith(".") && name.endsWith(".tmp");
                if ((checkpoint || temporary) && keep.map(k -> !k.equals(p)).orElse(true)) {
                    stale.add(p);
                }
            });
        }
        for (Path p : stale) {
            deleteQuietly(p);
        }
    }

    /** Deletes {@code path} and everything under it, ignoring what cannot be deleted. */
    public static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: a leftover is removed by the next save
        }
    }
}
