package dev.mlbench.tracks.binarization;

/**
 * The operands of one binarized operator. Kernels must not modify them.
 *
 * @param activations      {@code rows() × groupLength()} fp32 activations, row-major (for conv3x3 the image,
 *                         h×w pixels of C channels: channels-last), with the workload's noise already added
 * @param cleanActivations the same before noise (the same array when the noise is 0)
 * @param weights          {@code columns() × bits()} fp32 weights, one row per output channel (for conv3x3
 *                         OHWI: tap-major, then channel); empty for pack
 * @param calibration      what the algorithm fitted on the calibration batch
 */
public record BinarizationInputs(float[] activations, float[] cleanActivations, float[] weights, Calibration calibration) {
}
