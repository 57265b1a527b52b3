package dev.mlbench.kernels.cpu.softmax;

/** Vector API softmax, {@link TwoPassSoftmax}: Dukhan's two-pass: exp as (mantissa, exponent) pairs, no max pass (2 reads, 1 write). */
public final class TwoPassSoftmaxKernel extends VectorSoftmaxKernel {

    @Override
    public String name() {
        return "two-pass";
    }

    @Override
    public String description() {
        return "Vector API, Dukhan's two-pass: exp as (mantissa, exponent) pairs, no max pass (2 reads, 1 write)";
    }

    @Override
    SoftmaxAlgorithm algorithm(boolean poly) {
        return new TwoPassSoftmax(poly);
    }
}
