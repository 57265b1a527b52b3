package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.VectorBackend;
import dev.mlbench.kernels.cpu.gemm.VectorGemmKernel;
import dev.mlbench.tracks.binarization.BinarizationInputs;
import dev.mlbench.tracks.binarization.BinarizationKernel;
import dev.mlbench.tracks.binarization.BinarizationOutput;
import dev.mlbench.tracks.binarization.BinarizationWorkload;
import dev.mlbench.tracks.binarization.BinaryOp;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.Map;
import java.util.Optional;

/**
 * The fp32 operator of the same shape through the gemm track's {@code vector} kernel: Y = A·Wᵀ with the
 * weights transposed once in prepare; for conv3x3 an fp32 im2col inside the timed run.
 */
public final class Fp32VectorKernel extends BinarizationKernel {

    @Override
    public String name() {
        return "fp32-vector";
    }

    @Override
    public String backend() {
        return VectorBackend.NAME;
    }

    @Override
    public String description() {
        return "the fp32 operator (im2col for conv3x3) on the gemm track's Vector API kernel: the comparison for binary speedups";
    }

    @Override
    public Optional<String> unsupported(BinarizationWorkload w) {
        return Fp32Operands.unsupported(w);
    }

    @Override
    public Prepared<BinarizationOutput> prepare(BinarizationWorkload w, BinarizationInputs in, KernelConfig config) throws Exception {
        Fp32Operands.unsupported(w).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        int m = w.rows();
        int n = w.columns();
        int k = w.bits();
        float[] b = Fp32Operands.transposedWeights(in.weights(), n, k);
        boolean conv = w.op() == BinaryOp.CONV3X3;
        float[] a = conv ? new float[m * k] : in.activations();
        Prepared<float[]> gemm = new VectorGemmKernel().prepare(new GemmWorkload(m, n, k), new GemmInputs(a, b), config);
        return new Prepared<>() {
            @Override
            public void run() throws Exception {
                if (conv) {
                    Im2col.fill(w, in.activations(), a);
                }
                gemm.run();
            }

            @Override
            public BinarizationOutput output() throws Exception {
                return BinarizationOutput.fp32(gemm.output());
            }

            @Override
            public Map<String, Double> metrics() {
                return Map.of("weight_bytes", 4.0 * in.weights().length);
            }

            @Override
            public void close() throws Exception {
                gemm.close();
            }
        };
    }
}
