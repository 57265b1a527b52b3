package dev.mlbench.kernels.nd4j;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmLayout;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's {@code mmul} into a preallocated result ({@code mmuli}), as a Java user of ND4J would write it, for
 * the plain product; {@code Nd4j.gemm} with transpose flags, α and β otherwise (the initial C is assigned to
 * the result at the start of every run when β ≠ 0, since gemm updates it in place). Operands are created
 * once in prepare, in their stored shapes; the run's thread count caps ND4J's threads.
 */
public final class Nd4jGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public String backend() {
        return Nd4jBackend.NAME;
    }

    @Override
    public String description() {
        return "ND4J INDArray.mmuli into a preallocated result (Nd4j.gemm for other layouts, alpha and beta)";
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        Nd4j.getEnvironment().setMaxMasterThreads(config.threads());
        Nd4j.getEnvironment().setMaxThreads(config.threads());
        Nd4j.factory().blas().setMaxThreads(config.threads()); // the BLAS under ND4J's matmul has a thread pool of its own
        GemmLayout layout = w.layout();
        INDArray a = Nd4j.create(in.a(), layout.transA() ? new long[] {w.k(), w.m()} : new long[] {w.m(), w.k()}, 'c');
        INDArray b = Nd4j.create(in.b(), layout.transB() ? new long[] {w.n(), w.k()} : new long[] {w.k(), w.n()}, 'c');
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {w.m(), w.n()}, 'c');
        INDArray initialC = w.readsC() ? Nd4j.create(in.c(), new long[] {w.m(), w.n()}, 'c') : null;
        boolean plain = w.isPlainProduct();
        return new Prepared<>() {
            @Override
            public void run() {
                if (plain) {
                    a.mmuli(b, c);
                    return;
                }
                if (initialC != null) {
                    c.assign(initialC);
                }
                Nd4j.gemm(a, b, c, layout.transA(), layout.transB(), w.alpha(), w.beta());
            }

            @Override
            public float[] output() {
                return c.dup('c').data().asFloat();
            }

            @Override
            public void close() {
                if (initialC != null) {
                    initialC.close();
                }
                c.close();
                b.close();
                a.close();
            }
        };
    }
}
