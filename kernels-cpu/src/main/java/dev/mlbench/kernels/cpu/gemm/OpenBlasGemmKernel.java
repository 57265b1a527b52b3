package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.OpenBlasBackend;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmLayout;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * {@code cblas_sgemm} from OpenBLAS, the peer every CPU GEMM is compared with. Operands are copied to
 * native memory once in prepare, so the timed call is exactly the library call; OpenBLAS uses the run's
 * thread count (its own threads, not the pool: that is how users call it). Layouts map to BLAS transpose
 * flags; when β ≠ 0 the initial C is copied into the output buffer at the start of every run, since
 * {@code cblas_sgemm} updates C in place.
 */
public final class OpenBlasGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public String backend() {
        return OpenBlasBackend.NAME;
    }

    @Override
    public String description() {
        return "OpenBLAS cblas_sgemm (row-major; every layout, alpha and beta)";
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        openblas.blas_set_num_threads(config.threads());
        FloatPointer a = new FloatPointer(in.a());
        FloatPointer b = new FloatPointer(in.b());
        FloatPointer c = new FloatPointer((long) w.m() * w.n());
        GemmLayout layout = w.layout();
        int transA = layout.transA() ? openblas.CblasTrans : openblas.CblasNoTrans;
        int transB = layout.transB() ? openblas.CblasTrans : openblas.CblasNoTrans;
        int lda = layout.transA() ? w.m() : w.k();
        int ldb = layout.transB() ? w.k() : w.n();
        return new Prepared<>() {
            @Override
            public void run() {
                if (w.readsC()) {
                    c.put(in.c());
                }
                openblas.cblas_sgemm(openblas.CblasRowMajor, transA, transB,
                        w.m(), w.n(), w.k(), w.alpha(), a, lda, b, ldb, w.beta(), c, w.n());
            }

            @Override
            public float[] output() {
                float[] out = new float[w.m() * w.n()];
                c.get(out);
                return out;
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
