package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.kernels.cpu.VectorBackend;

/** Vector API packing and register-blocked inner products ({@link InnerBlockedBinaryMath}): the fastest on long rows. */
public final class InnerBlockedBinaryKernel extends BinaryKernel {

    @Override
    public String name() {
        return "blocked-inner";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "Vector API packing; XNOR-popcount inner products register-blocked 4 rows x 2 columns; multithreaded by rows";
    }

    @Override
    BinaryMath math(KernelConfig config) {
        return new InnerBlockedBinaryMath();
    }
}
