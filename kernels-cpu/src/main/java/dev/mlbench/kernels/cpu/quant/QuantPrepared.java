package dev.mlbench.kernels.cpu.quant;

import dev.mlbench.core.spi.Prepared;

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
