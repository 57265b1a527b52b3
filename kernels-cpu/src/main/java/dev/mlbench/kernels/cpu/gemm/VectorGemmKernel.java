package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A straightforward Vector API GEMM: for each row of C, blocks of columns are accumulated in vector
 * registers while streaming the rows of B; rows (or, for flat shapes, column ranges) are split over the
 * run's threads. No packing or cache blocking: the packed kernel is a separate piece of work.
 */
public final class VectorGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "Vector API, register-blocked rows of C, multithreaded on the run's pool";
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        float[] c = new float[w.m() * w.n()];
        List<int[]> tiles = VectorGemm.partition(w.m(), w.n(), config.threads());
        return new Prepared<>() {
            @Override
            public void run() throws Exception {
                if (tiles.size() == 1) {
                    int[] t = tiles.get(0);
                    VectorGemm.multiply(w.n(), w.k(), in.a(), in.b(), c, t[0], t[1], t[2], t[3]);
                    return;
                }
                List<Future<?>> running = new ArrayList<>(tiles.size());
                for (int[] t : tiles) {
                    running.add(config.pool().submit(() -> VectorGemm.multiply(w.n(), w.k(), in.a(), in.b(), c, t[0], t[1], t[2], t[3])));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }

            @Override
            public float[] output() {
                return c;
            }
        };
    }
}
