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
}
