package dev.mlbench.tracks.quantization;

/**
 * A quantized rows×cols fp32 matrix. Which arrays are used, and their layout, depends on the {@link Codec}
 * that made it (docs/tracks/quantization.md lists each byte layout). Blocks and groups always run along a
 * row (the reduction dimension k of a GEMV).
 *
 * @param rows      rows of the original matrix
 * @param cols      columns of the original matrix
 * @param rowBytes  bytes of {@code codes} per row
 * @param codes     the element codes, {@code rows * rowBytes} bytes
 * @param scales    fp32 scales (one per tensor, per row or per group), or an empty array
 * @param aux       one byte per block or group: int4 zero points, or E8M0 shared exponents; or empty
 * @param columns   column indices: LLM.int8's outlier columns (ascending), or BFP's channel order
 *                  ({@code columns[position] = original column}); or empty
 * @param dense     fp32 values kept unquantized: LLM.int8's outlier columns, rows × columns.length; or empty
 */
public record QuantTensor(int rows, int cols, int rowBytes, byte[] codes, float[] scales, byte[] aux, int[] columns,
                          float[] dense) {

    /** Bytes this tensor occupies (codes, scales, side bytes, indices and kept values). */
    public long storageBytes() {
        return (long) codes.length + 4L * scales.length + aux.length + 4L * columns.length + 4L * dense.length;
    }
}
