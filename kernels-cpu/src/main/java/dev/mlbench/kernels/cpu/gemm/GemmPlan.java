package dev.mlbench.kernels.cpu.gemm;

/** One GEMM bound to its operands, buffers and threads: {@link #run()} computes the whole output. */
interface GemmPlan {

    /** Computes C; called many times, each call recomputes all of it. */
    void run() throws Exception;
}
