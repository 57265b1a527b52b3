package dev.mlbench.tracks.binarization;

/**
 * What kernels are checked against and what fidelity is measured against.
 *
 * @param packed        pack: the packed activation signs ({@link BitPacking}); null otherwise
 * @param rowScales     pack: the activation scales r_i the algorithm computes at run time (XNOR-Net), empty
 *                      for the others; null for gemm and conv3x3
 * @param binary        gemm, conv3x3: the exact ±1 forward {@code r_i·c_j·dot_ij}, the dot an exact integer
 *                      accumulated in double; {@code rows() × columns()}
 * @param binaryScale   the error scale of each binary output, {@code |r_i c_j|·(|dot_ij| + 1)}: a tolerance
 *                      rtol of it admits float rounding of the scales and still rejects a popcount off by one
 *                      (see the track)
 * @param fp32          the fp32 operator on the same (noisy) inputs, in double
 * @param fp32Magnitude {@code Σ|a||w|} per output: the error scale of fp32 kernels (as in the gemm track)
 * @param fp32Clean     the fp32 operator on the clean inputs when noise was added; null otherwise
 */
public record BinarizationReference(long[] packed, double[] rowScales, double[] binary, double[] binaryScale, double[] fp32,
                                    double[] fp32Magnitude, double[] fp32Clean) {
}
