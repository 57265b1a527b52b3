package dev.mlbench.kernels.cpu.binarization;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.OpenBlasBackend;
import dev.mlbench.tracks.binarization.BinarizationInputs;
import dev.mlbench.tracks.binarization.BinarizationKernel;
import dev.mlbench.tracks.binarization.BinarizationOutput;
import dev.mlbench.tracks.binarization.BinarizationWorkload;
import dev.mlbench.tracks.binarization.BinaryOp;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

import java.util.Map;
import java.util.Optional;

/**
 * The fp32 operator of the same shape with OpenBLAS {@code cblas_sgemm} (A·Wᵀ, W used as stored): the best
 * fp32 GEMM on this machine, so the baseline of the binary speedups. Operands live in native memory from
 * prepare; for conv3x3 the fp32 im2col and its copy to native memory are inside the timed run.
 */
public final class Fp32OpenBlasKernel extends BinarizationKernel {

    @Override
    public String name() {
        return "fp32-openblas";
    }

    @Override
    public String backend() {
        return OpenBlasBackend.NAME;
    }

    @Override
    public String description() {
        return "the fp32 operator (im2col for conv3x3) with OpenBLAS cblas_sgemm: the baseline of binary speedups";
    }

    @Override
    public Optional<String> unsupported(BinarizationWorkload w) {
        return Fp32Operands.unsupported(w);
    }

    @Override
    public Prepared<BinarizationOutput> prepare(BinarizationWorkload w, BinarizationInputs in, KernelConfig config) {
        Fp32Operands.unsupported(w).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        openblas.blas_set_num_threads(config.threads());
        int m = w.rows();
        int n = w.columns();
        int k = w.bits();
        boolean conv = w.op() == BinaryOp.CONV3X3;
        float[] patches = conv ? new float[m * k] : null;
        FloatPointer a = conv ? new FloatPointer((long) m * k) : new FloatPointer(in.activations());
        FloatPointer b = new FloatPointer(in.weights());
        FloatPointer c = new FloatPointer((long) m * n);
        return new Prepared<>() {
            @Override
            public void run() {
                if (conv) {
                    Im2col.fill(w, in.activations(), patches);
                    a.put(patches);
                }
                openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans,
                        m, n, k, 1f, a, k, b, k, 0f, c, n);
            }

            @Override
            public BinarizationOutput output() {
                float[] out = new float[m * n];
                c.get(out);
                return BinarizationOutput.fp32(out);
            }

            @Override
            public Map<String, Double> metrics() {
                return Map.of("weight_bytes", 4.0 * in.weights().length);
            }

            @Override
            public void close() {
                c.close();
                b.close();
                a.close();
            }
        };
    }
}
