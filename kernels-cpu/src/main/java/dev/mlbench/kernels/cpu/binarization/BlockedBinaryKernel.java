package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.kernels.cpu.VectorBackend;

import java.util.List;

/**
 * Vector API packing and the register-blocked outer-product XNOR-popcount GEMM ({@link BlockedBinaryMath});
 * tunable {@code csa}: 1 for Harley-Seal carry-save popcount accumulation, 0 for one BIT_COUNT per word.
 */
public final class BlockedBinaryKernel extends BinaryKernel {

    @Override
    public String name() {
        return "blocked-outer";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "Vector API packing; register-blocked outer-product XNOR-popcount (4 rows x 2 vectors of output channels), optional Harley-Seal; multithreaded by rows";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(ParamSpec.optionalInt("csa", 0, 1, 0,
                "1: Harley-Seal carry-save popcount (2 rows x 2 vectors); 0: BIT_COUNT per word"));
    }

    @Override
    BinaryMath math(KernelConfig config) {
        return new BlockedBinaryMath(config.params().getInt("csa") == 1);
    }
}
