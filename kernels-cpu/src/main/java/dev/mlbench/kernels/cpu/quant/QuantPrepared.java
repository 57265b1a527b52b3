package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.Prepared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A prepared quantization kernel: the timed action, how to read its output, and the figures it reports. */
final class QuantPrepared implements Prepared<float[]> {

    /** The timed operation. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private final Action action;
    private final Supplier<float[]> output;
    private final Supplier<Map<String, Double>> metrics;

    QuantPrepared(Action action, Supplier<float[]> output, Supplier<Map<String, Double>> metrics) {
        this.action = action;
        this.output = output;
        this.metrics = metrics;
    }

    /** Figures for a product kernel holding weights of {@code weightBytes} for n×k weights. */
    /**
     * {@link #weightMetrics} and the bytes a call of a kernel that reads the quantized weights moves at least
     * ({@link Prepared#BYTES_MOVED}): its weights as stored, the fp32 activations it reads and the fp32 result it writes.
     */
    static Map<String, Double> codeMetrics(long weightBytes, int m, int n, int k) {
        Map<String, Double> metrics = weightMetrics(weightBytes, n, k);
        metrics.put(Prepared.BYTES_MOVED, weightBytes + 4.0 * m * k + 4.0 * m * n);
        return metrics;
    }

    static Map<String, Double> weightMetrics(long weightBytes, int n, int k) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("weight_bytes", (double) weightBytes);
        m.put("bits_per_weight", 8.0 * weightBytes / ((double) n * k));
        m.put("compression", 4.0 * n * k / weightBytes);
        return m;
    }

    @Override
    public void run() throws Exception {
        action.run();
    }

    @Override
    public float[] output() {
        return output.get();
    }

    @Override
    public Map<String, Double> metrics() {
        return metrics.get();
    }
}
