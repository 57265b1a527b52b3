package dev.mlbench.tracks.checkpointing;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: saves checkpoints of {@code ranks} ranks into the folder,
 * forever, and prints {@value #MID_SAVE} once the first tensor of the first save has been written, so the
 * parent can kill it in the middle of a save.
 */
public final class SaveInChildJvm {

    static final String MID_SAVE = "MID-SAVE";

    private SaveInChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int ranks = Integer.parseInt(args[1]);
        int mib = Integer.parseInt(args[2]);
        StateGenerator generator = new StateGenerator(ModelLayout.transformer((long) mib << 20, Dtype.F32), 99);
        CheckpointStore store = new CheckpointStore(root);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Arena arena = Arena.ofShared()) {
            StateBuffers state = StateBuffers.generate(generator, arena, null);
            FlushTracker flushes = new FlushTracker(generator.layout(), ranks);
            flushes.start();
            Future<Path> first = writer.submit(() -> store.save(state, ranks, null, flushes));
            flushes.awaitFlushed(0);
            System.out.println(MID_SAVE);
            System.out.flush();
            first.get();
            while (true) {
                store.save(state, ranks, null, null);
            }
        }
    }
}
