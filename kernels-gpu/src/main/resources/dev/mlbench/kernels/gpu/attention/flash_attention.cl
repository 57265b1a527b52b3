// FlashAttention-style fp32 attention, O = softmax(Q·Kᵀ·scale + mask)·V, with the layouts of the attention
// track: Q and O [batch, heads, seq_q, D], K and V [batch, kv_heads, seq_kv, D], row-major.
// Built with -DBQ=<query rows per work-group> -DBKV=<keys per tile> -DD=<head_dim>.
// Work-group (x, y) serves query rows x·BQ .. x·BQ + BQ - 1 of head y = b·heads + h; work-item t owns row
// x·BQ + t and keeps that row of Q and its output accumulator in private memory. The work-group stages BKV
// rows of K and V at a time in local memory (neighbouring work-items load neighbouring words). For each tile a
// work-item computes its BKV scores, the tile's maximum, rescales its running sum and accumulator once by
// exp(m_old - m_new) (online softmax) and adds exp(score - m_new)·V; the accumulator is divided by the sum at
// the end. No seq_q × seq_kv matrix exists, only a BKV × BQ tile of scores.
// Causal mask, bottom-right aligned as in KV-cached inference: query row i sees keys 0 ..= i + seq_kv - seq_q,
// so every row sees key 0 and the first tile gives every row a finite maximum. A work-group visits key tiles up
// to the last visible key of its last row only; tiles crossing the diagonal are masked per row.
// Grouped-query attention: query head h reads key/value head h / (heads / kv_heads).
// Work-items past seq_q (the last work-group of a head) help load the tiles but compute and store nothing.

__kernel __attribute__((reqd_work_group_size(BQ, 1, 1)))
void flash_attention(const int heads, const int kvHeads, const int seqQ, const int seqKv, const int causal,
                     const float scale,
                     __global const float* restrict Q, __global const float* restrict K,
                     __global const float* restrict V, __global float* restrict O) {
    const int t = get_local_id(0);
    const int i0 = get_group_id(0) * BQ;
    const int head = get_group_id(1);
    const int b = head / heads;
    const int h = head - b * heads;
    const size_t kvBase = ((size_t) b * kvHeads + h / (heads / kvHeads)) * (size_t) seqKv * D;
    const int offset = seqKv - seqQ;
    const int lastRow = min(i0 + BQ, seqQ) - 1;
    const int keys = causal ? min(seqKv, lastRow + offset + 1) : seqKv;
    const int i = i0 + t;
    const bool real = i < seqQ;
    const int rowKeys = causal ? min(seqKv, i + offset + 1) : seqKv;
    const size_t qRow = ((size_t) head * seqQ + i) * D;

    __local float Ks[BKV * D];
    __local float Vs[BKV * D];
    __local float S[BKV * BQ];            // S[j * BQ + t]: score of key j for row t, private to work-item t

    float q[D];
    float acc[D];
    for (int c = 0; c < D; c++) {
        q[c] = real ? Q[qRow + c] : 0.0f;
        acc[c] = 0.0f;
    }
    float m = -INFINITY;
    float l = 0.0f;
    for (int j0 = 0; j0 < keys; j0 += BKV) {
        const int nk = min(BKV, keys - j0);
        const size_t tile = kvBase + (size_t) j0 * D;
        barrier(CLK_LOCAL_MEM_FENCE);     // every work-item is done with the previous tile
        for (int e = t; e < nk * D; e += BQ) {
            Ks[e] = K[tile + e];
            Vs[e] = V[tile + e];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (real) {
            float tileMax = -INFINITY;
            for (int j = 0; j < nk; j++) {
                float dot = 0.0f;
                for (int c = 0; c < D; c++) {
                    dot = fma(q[c], Ks[j * D + c], dot);
                }
                const float s = j0 + j < rowKeys ? dot * scale : -INFINITY;
                S[j * BQ + t] = s;
                tileMax = fmax(tileMax, s);
            }
            // Finite: key 0 is visible to every row, so the first tile's maximum is, and later ones keep it.
            const float mNew = fmax(m, tileMax);
            const float alpha = exp(m - mNew);        // 0 on the first tile (m = -inf)
            if (alpha != 1.0f) {
                l *= alpha;
                for (int c = 0; c < D; c++) {
                    acc[c] *= alpha;
                }
            }
            for (int j = 0; j < nk; j++) {
                const float p = exp(S[j * BQ + t] - mNew);   // masked: exp(-inf) = 0
                l += p;
                for (int c = 0; c < D; c++) {
                    acc[c] = fma(p, Vs[j * D + c], acc[c]);
                }
            }
            m = mNew;
        }
    }
    if (real) {
        for (int c = 0; c < D; c++) {
            O[qRow + c] = acc[c] / l;
        }
    }
}
