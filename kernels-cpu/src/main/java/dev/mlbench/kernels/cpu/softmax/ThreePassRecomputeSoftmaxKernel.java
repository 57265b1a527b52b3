package dev.mlbench.kernels.cpu.softmax;

/** Vector API softmax, {@link ThreePassRecompute}: max; sum of exp(x - max); y = exp(x - max) / sum, exp computed twice (3 reads, 1 write). */
public final class ThreePassRecomputeSoftmaxKernel extends VectorSoftmaxKernel {

    @Override
    public String name() {
        return "three-pass-recompute";
    }

    @Override
    public String description() {
        return "Vector API, max; sum of exp(x - max); y = exp(x - max) / sum, exp computed twice (3 reads, 1 write)";
    }

    @Override
    SoftmaxAlgorithm algorithm(boolean poly) {
        return new ThreePassRecompute(poly);
    }
}
