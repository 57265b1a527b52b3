package dev.mlbench.tracks.attention;

/**
 * The operands of one attention operation, fp32, row-major. Kernels must not modify them.
 *
 * @param q [batch, heads, seq_q, head_dim]: element (b, h, i, c) at {@code ((b * heads + h) * seqQ + i) * headDim + c}
 * @param k [batch, kv_heads, seq_kv, head_dim]: element (b, g, j, c) at {@code ((b * kvHeads + g) * seqKv + j) * headDim + c}
 * @param v [batch, kv_heads, seq_kv, head_dim], laid out as {@code k}
 */
public record AttentionInputs(float[] q, float[] k, float[] v) {
}
