package dev.mlbench.tracks.checkpointing;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Model state in native memory, split over {@code ranks} ranks: rank r holds, of every tensor of n
 * elements, the contiguous elements {@code [n·r/ranks, n·(r+1)/ranks)} (a flattened, ZeRO-style partition).
 * One rank holds whole tensors. Bytes are little-endian, exactly as a safetensors file stores them.
 */
public final class StateBuffers {

    private final ModelLayout layout;
    private final int ranks;
    private final MemorySegment[][] data;

    private StateBuffers(ModelLayout layout, int ranks, MemorySegment[][] data) {
        this.layout = layout;
        this.ranks = ranks;
        this.data = data;
    }

    /** Zeroed buffers for {@code layout} over {@code ranks} ranks, owned by {@code arena}. */
    public static StateBuffers allocate(ModelLayout layout, int ranks, Arena arena) {
        if (ranks < 1) {
            throw new IllegalArgumentException("ranks must be at least 1, got " + ranks);
        }
        MemorySegment[][] data = new MemorySegment[ranks][layout.size()];
        for (int r = 0; r < ranks; r++) {
            for (int t = 0; t < layout.size(); t++) {
                TensorSpec spec = layout.tensor(t);
                long n = spec.elements();
                long count = ModelLayout.fragmentBegin(n, ranks, r + 1) - ModelLayout.fragmentBegin(n, ranks, r);
                data[r][t] = arena.allocate(Math.max(1, count * spec.dtype().size()), 64).asSlice(0, count * spec.dtype().size());
            }
        }
        return new StateBuffers(layout, ranks, data);
    }

    /** Whole tensors (one rank) filled by {@code generator}, tensors spread over {@code pool} when given. */
    public static StateBuffers generate(StateGenerator generator, Arena arena, ExecutorService pool) throws Exception {
        StateBuffers s = allocate(generator.layout(), 1, arena);
        s.forEachTensor(pool, t -> generator.fill(s.data[0][t], t, 0, s.layout.tensor(t).elements()));
        return s;
    }

    /** Runs {@code body} for every tensor index, spread over {@code pool} (here, in order, when null). */
    private void forEachTensor(ExecutorService pool, java.util.function.IntConsumer body) throws Exception {
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < layout.size(); t++) {
            int index = t;
            if (pool == null) {
                body.accept(index);
            } else {
                jobs.add(pool.submit(() -> body.accept(index)));
            }
        }
        for (Future<?> f : jobs) {
            f.get();
        }
    }

    /** The tensors. */
    public ModelLayout layout() {
        return layout;
    }

    /** How many ranks the tensors are split over. */
    public int ranks() {
        return ranks;
    }

    /** Rank {@code rank}'s fragment of tensor {@code tensor}. */
    public MemorySegment fragment(int rank, int tensor) {
        return data[rank][tensor];
    }

    /** The first element of tensor {@code tensor} that rank {@code rank} holds. */
    public long firstElement(int rank, int tensor) {
        return ModelLayout.fragmentBegin(layout.tensor(tensor).elements(), ranks, rank);
    }

    /**
     * Copies every byte of {@code source} (same layout and ranks) into these buffers, tensors spread over
     * {@code pool} when given.
     */
    public void copyFrom(StateBuffers source, ExecutorService pool) throws Exception {
        if (!source.layout.equals(layout) || source.ranks != ranks) {
            throw new IllegalArgumentException("cannot copy between different layouts or rank counts");
        }
        forEachTensor(pool, t -> {
            for (int r = 0; r < ranks; r++) {
                data[r][t].copyFrom(source.data[r][t]);
            }
        });
    }
}
