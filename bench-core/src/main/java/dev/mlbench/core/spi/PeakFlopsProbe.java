package dev.mlbench.core.spi;

/**
 * Measures this host's peak FP32 floating-point rate for calibration. Lives in a backend module because
 * the harness core does not use the Vector API. Found through {@link java.util.ServiceLoader}.
 */
public interface PeakFlopsProbe {

    /** What is measured, e.g. "Vector API FMA, 256-bit, 2 threads". */
    String method(int threads);

    /**
     * Runs a compute-bound loop on {@code threads} threads for about {@code millis} milliseconds and returns
     * the FP32 FLOP/s achieved (an FMA counts as two).
     */
    double measureFlops(int threads, long millis) throws InterruptedException;
}
