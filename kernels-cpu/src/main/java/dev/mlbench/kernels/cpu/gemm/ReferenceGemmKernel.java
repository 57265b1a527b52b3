package dev.mlbench.kernels.cpu.gemm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.cpu.ScalarBackend;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;

/**
 * The scalar reference as a measurable kernel: one thread, double accumulation, i-p-j loop order.
 * It is the baseline that shows what the other kernels gain, and is as exact as fp32 output allows.
 */
public final class ReferenceGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String backend() {
        return ScalarBackend.NAME;
    }

    @Override
    public String description() {
        return "scalar Java, one thread, double accumulation";
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        float[] c = new float[w.m() * w.n()];
        double[] acc = new double[w.n()];
        return new Prepared<>() {
            @Override
            public void run() {
                multiply(w.m(), w.n(), w.k(), in.a(), in.b(), c, acc);
            }

            @Override
            public float[] output() {
                return c;
            }
        };
    }

    static void multiply(int m, int n, int k, float[] a, float[] b, float[] c, double[] acc) {
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(acc, 0);
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                int row = p * n;
                for (int j = 0; j < n; j++) {
                    acc[j] += aip * b[row + j];
                }
            }
            for (int j = 0; j < n; j++) {
                c[i * n + j] = (float) acc[j];
            }
        }
    }
}
