package dev.mlbench.kernels.cpu.softmax;

/** Vector API softmax, {@link ThreePassReload}: max; y = exp(x - max) stored while summed; y *= 1/sum (3 passes, exp once). */
public final class ThreePassReloadSoftmaxKernel extends VectorSoftmaxKernel {

    @Override
    public String name() {
        return "three-pass-reload";
    }

    @Override
    public String description() {
        return "Vector API, max; y = exp(x - max) stored while summed; y *= 1/sum (3 passes, exp once)";
    }

    @Override
    SoftmaxAlgorithm algorithm(boolean poly) {
        return new ThreePassReload(poly);
    }
}
