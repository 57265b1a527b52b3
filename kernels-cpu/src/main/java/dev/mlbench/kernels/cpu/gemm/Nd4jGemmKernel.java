package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.Nd4jBackend;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's {@code mmul} into a preallocated result ({@code mmuli}), as a Java user of ND4J would write it.
 * Operands are created once in prepare; the run's thread count caps ND4J's threads.
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
        return "ND4J INDArray.mmuli into a preallocated result";
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        Nd4j.getEnvironment().setMaxMasterThreads(config.threads());
        Nd4j.getEnvironment().setMaxThreads(config.threads());
        INDArray a = Nd4j.create(in.a(), new long[] {w.m(), w.k()}, 'c');
        INDArray b = Nd4j.create(in.b(), new long[] {w.k(), w.n()}, 'c');
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {w.m(), w.n()}, 'c');
        return new Prepared<>() {
            @Override
            public void run() {
                a.mmuli(b, c);
            }

            @Override
            public float[] output() {
                return c.dup('c').data().asFloat();
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
