package dev.mlbench.kernels.torch;

import org.bytedeco.openblas.global.openblas;
import org.bytedeco.pytorch.global.torch;

/**
 * The threads a torch kernel runs on. {@code torch.set_num_threads} sizes ATen's OpenMP pool only: libtorch's
 * matrix products go to OpenBLAS (this preset's {@code BLAS_INFO=open}), whose pthread pool keeps its own count,
 * one thread per core, so a one-thread {@code torch.mm} row ran on every core until both were set.
 */
final class TorchThreads {

    private TorchThreads() {
    }

    /** Runs ATen's parallel loops and OpenBLAS, which libtorch calls for its GEMMs, on {@code threads} threads. */
    static void use(int threads) {
        torch.set_num_threads(threads);
        openblas.blas_set_num_threads(threads);
    }
}
