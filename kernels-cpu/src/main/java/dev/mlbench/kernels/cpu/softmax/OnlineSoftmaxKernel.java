package dev.mlbench.kernels.cpu.softmax;

/** Vector API softmax, {@link OnlineSoftmax}: Milakov-Gimelshein online normalizer: running max and rescaled sum, then normalize (2 reads, 1 write). */
public final class OnlineSoftmaxKernel extends VectorSoftmaxKernel {

    @Override
    public String name() {
        return "online";
    }

    @Override
    public String description() {
        return "Vector API, Milakov-Gimelshein online normalizer: running max and rescaled sum, then normalize (2 reads, 1 write)";
    }

    @Override
    SoftmaxAlgorithm algorithm(boolean poly) {
        return new OnlineSoftmax(poly);
    }
}
