package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.kernels.cpu.ScalarBackend;

/** Scalar packing and {@code Long.bitCount} XNOR-popcount, rows split over the run's threads. */
public final class ScalarBinaryKernel extends BinaryKernel {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String backend() {
        return ScalarBackend.NAME;
    }

    @Override
    public String description() {
        return "scalar sign packing, Long.bitCount XNOR-popcount per word, multithreaded by rows";
    }

    @Override
    BinaryMath math(KernelConfig config) {
        return new ScalarBinaryMath();
    }
}
