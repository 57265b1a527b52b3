package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.gpu.Closer;
import dev.mlbench.kernels.gpu.cuda.CudaBuffer;
import dev.mlbench.kernels.gpu.cuda.CudaContext;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.Map;

/**
 * A and B copied to device 0 and room for C, in the device's primary context; every handle is registered
 * with {@code closer} so a failing prepare releases what it made.
 */
record CudaGemmOperands(CudaContext context, CudaBuffer a, CudaBuffer b, CudaBuffer c, Closer closer) {

    static CudaGemmOperands upload(GemmWorkload w, GemmInputs in, Closer closer) {
        CudaContext context = closer.add(CudaContext.open(0));
        CudaBuffer a = closer.add(context.upload(in.a()));
        CudaBuffer b = closer.add(context.upload(in.b()));
        CudaBuffer c = closer.add(context.allocate((long) w.m() * w.n()));
        return new CudaGemmOperands(context, a, b, c, closer);
    }

    /**
     * The timed operation: {@code launch} (asynchronous) followed by a synchronize, so the time is the
     * device's; output copies C back outside the timed region; close releases everything in the closer.
     * {@code metrics} are the kernel's own figures for the row.
     */
    Prepared<float[]> prepared(Runnable launch, Map<String, Double> metrics) {
        context.synchronize();
        return new Prepared<>() {
            @Override
            public void run() {
                context.makeCurrent();
                launch.run();
                context.synchronize();
            }

            @Override
            public float[] output() {
                context.makeCurrent();
                return c.download();
            }

            @Override
            public Map<String, Double> metrics() {
                return metrics;
            }

            @Override
            public void close() throws Exception {
                context.makeCurrent();
                closer.close();
            }
        };
    }
}
