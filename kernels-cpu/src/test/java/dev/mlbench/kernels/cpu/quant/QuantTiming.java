package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.quantization.Activations;
import dev.mlbench.tracks.quantization.QuantFormat;
import dev.mlbench.tracks.quantization.QuantInputs;
import dev.mlbench.tracks.quantization.QuantKernel;
import dev.mlbench.tracks.quantization.QuantOp;
import dev.mlbench.tracks.quantization.QuantTrack;
import dev.mlbench.tracks.quantization.QuantWorkload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Not a test: a best-of-N timing of the decode kernels against fp32 on one shape, the kernels interleaved
 * round by round, for a machine too busy for medians to mean much (the minimum of many interleaved runs is
 * what contention disturbs least). The harness's JMH run is the measurement of record; this is a cross-check.
 * Usage: QuantTiming [m] [rounds] [threads].
 */
public final class QuantTiming {

    private QuantTiming() {
    }

    public static void main(String[] args) throws Exception {
        int m = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        QuantOp op = m == 1 ? QuantOp.GEMV : QuantOp.GEMM;
        Object[][] cases = {
                {new Fp32QuantKernel(), QuantFormat.INT8_VW, Activations.GAUSSIAN},
                {new W8A8Kernel(), QuantFormat.INT8_VW, Activations.GAUSSIAN},
                {new W8A8Kernel(), QuantFormat.INT8, Activations.GAUSSIAN},
                {new LlmInt8Kernel(), QuantFormat.LLM_INT8, Activations.OUTLIERS},
                {new W4A16Kernel(), QuantFormat.INT4_G32, Activations.GAUSSIAN},
                {new W4A16Kernel(), QuantFormat.INT4_G128, Activations.GAUSSIAN},
                {new W4A16Kernel(), QuantFormat.INT4_G128_ASYM, Activations.GAUSSIAN},
                {new Mxfp4Kernel(), QuantFormat.MXFP4, Activations.GAUSSIAN},
                {new LutKernel(), QuantFormat.INT4_G128, Activations.GAUSSIAN},
        };
        QuantTrack track = new QuantTrack();
        List<Prepared<float[]>> prepared = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Object[] c : cases) {
                QuantWorkload w = new QuantWorkload(op, m, 4096, 4096, (QuantFormat) c[1], (Activations) c[2]);
                QuantInputs in = track.inputs(w, 42);
                QuantKernel k = (QuantKernel) c[0];
                prepared.add(k.prepare(w, in, new KernelConfig(ParamValues.empty(), threads, pool)));
                names.add(k.name() + " " + w.format().label());
            }
            long[] best = new long[cases.length];
            java.util.Arrays.fill(best, Long.MAX_VALUE);
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < cases.length; i++) {
                    long t0 = System.nanoTime();
                    prepared.get(i).run();
                    best[i] = Math.min(best[i], System.nanoTime() - t0);
                }
            }
            System.out.printf(Locale.ROOT, "m=%d n=k=4096, %d threads, best of %d interleaved rounds%n", m, threads, rounds);
            for (int i = 0; i < cases.length; i++) {
                System.out.printf(Locale.ROOT, "%-26s %9.3f ms  %5.2fx fp32%n", names.get(i), best[i] / 1e6, (double) best[0] / best[i]);
            }
        }
    }
}
