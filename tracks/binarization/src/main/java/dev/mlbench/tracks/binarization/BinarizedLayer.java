package dev.mlbench.tracks.binarization;

/**
 * A layer as deployed after binarization: the weights packed offline, and what binarizing the
 * activations needs at run time.
 *
 * @param workload        the operator
 * @param weightBits      {@code columns() × wordsPerRow()} words: each weight row's signs, group by group, each
 *                        group padded to whole words ({@link BitPacking})
 * @param weightScales    {@code c_j}, one per output channel
 * @param thresholds      τ per channel (ReActNet), or null for 0
 * @param staticRowScales {@code r_i} fixed per output position (XNOR++ on conv3x3), or null
 * @param meanAbsRows     whether {@code r_i = mean|a|} over what output i reads is computed at run time (XNOR-Net)
 */
public record BinarizedLayer(BinarizationWorkload workload, long[] weightBits, float[] weightScales, float[] thresholds,
                             float[] staticRowScales, boolean meanAbsRows) {

    /** Binarizes the layer of {@code w} with its algorithm: what a deployment does once, offline. */
    public static BinarizedLayer of(BinarizationWorkload w, BinarizationInputs in) {
        BinarizationAlgorithm algorithm = w.algorithm();
        int n = w.columns();
        int k = w.bits();
        long[] bits = new long[0];
        float[] scales = new float[0];
        if (n > 0) {
            float[] source = algorithm.weightSignSource(in.weights(), n, k);
            bits = BitPacking.pack(source, n * w.groups(), w.groupLength(), null);
            scales = algorithm.weightScales(in.weights(), n, k, in.calibration().columnScales());
        }
        return new BinarizedLayer(w, bits, scales, algorithm.thresholds(in.calibration()),
                in.calibration().rowScales(), algorithm.scalesActivations());
    }
}
