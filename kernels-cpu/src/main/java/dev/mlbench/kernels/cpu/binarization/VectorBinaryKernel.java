package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.kernels.cpu.VectorBackend;

/** Vector API packing (compare to mask bits) and the unblocked LongVector XOR / BIT_COUNT dot per output. */
public final class VectorBinaryKernel extends BinaryKernel {

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
        return "Vector API packing; LongVector XOR + BIT_COUNT per output, lanes reduced at the end; multithreaded by rows";
    }

    @Override
    BinaryMath math(KernelConfig config) {
        return new VectorBinaryMath();
    }
}
