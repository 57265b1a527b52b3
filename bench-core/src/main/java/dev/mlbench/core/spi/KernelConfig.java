package dev.mlbench.core.spi;

import java.util.concurrent.ExecutorService;

/**
 * What the harness hands a kernel when preparing it.
 *
 * @param params  the kernel's tunable values, defaults filled in
 * @param threads how many threads the run allows the kernel to use
 * @param pool    the run's pool of exactly {@code threads} threads; kernels must not use the common pool
 */
public record KernelConfig(ParamValues params, int threads, ExecutorService pool) {

    /**
     * The parameter every kernel accepts in a definition's {@code params}: the threads it runs on, overriding
     * the run's {@code --threads} for that kernel (a list sweeps it, e.g. {@code threads: [1, 2]}).
     */
    public static final String THREADS = "threads";

    /** The specification of {@link #THREADS}. */
    public static final ParamSpec THREADS_SPEC = ParamSpec.optionalInt(THREADS, 1, 4096, 1,
            "threads this kernel runs on, overriding the run's --threads");
}
