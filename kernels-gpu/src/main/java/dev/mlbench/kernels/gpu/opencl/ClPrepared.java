package dev.mlbench.kernels.gpu.opencl;

import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.gpu.Closer;

import java.util.Map;

/**
 * A prepared OpenCL operation whose operands are already on the device: the timed {@link #run()} is one
 * launch followed by {@code clFinish}, so it measures the device's work rather than the enqueue; the output
 * buffer is copied back in {@link #output()}, outside the timed region; closing releases every handle the
 * preparation opened.
 */
public final class ClPrepared implements Prepared<float[]> {

    private final Closer closer;
    private final ClContext context;
    private final Runnable launch;
    private final ClBuffer output;
    private final Map<String, Double> metrics;

    /**
     * @param closer  the handles the preparation opened, closed by {@link #close()}
     * @param context the context the launch queues on
     * @param launch  queues the kernel (arguments already set); does not wait
     * @param output  the buffer holding the result
     * @param metrics figures about the launch (padding, local memory), recorded with the row
     *                Waits for the queue (the uploads) before returning.
     */
    public ClPrepared(Closer closer, ClContext context, Runnable launch, ClBuffer output, Map<String, Double> metrics) {
        this.closer = closer;
        this.context = context;
        this.launch = launch;
        this.output = output;
        this.metrics = Map.copyOf(metrics);
        context.finish();
    }

    @Override
    public void run() {
        launch.run();
        context.finish();
    }

    @Override
    public float[] output() {
        return output.download();
    }

    @Override
    public Map<String, Double> metrics() {
        return metrics;
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
