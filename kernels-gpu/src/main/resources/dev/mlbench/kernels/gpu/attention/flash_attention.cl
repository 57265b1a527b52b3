// FlashAttention-style fp32 attention, O = softmax(Q·Kᵀ·scale + mask)·V, with the layouts of the attention
// track: Q and O [batch, heads, seq_q, D], K and V [batch, kv_heads, seq_kv, D], row-major.
// Built with -DBQ=<query rows per work-group> -DBKV=<keys per tile> -DD=<head_dim> for prefill (flash_attention),
// or with -DSPLIT=<keys per split> and -DBQ=<work-items per split> for decode steps (flash_decode_*).
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

#ifndef SPLIT
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
#endif

// Decode steps (seq_q = 1), flash-decoding: the keys of each head are cut into splits of SPLIT keys so that
// batch × heads × splits work-groups share the device instead of one work-item per head.
// flash_decode_split, work-group (s, head) of BQ work-items: work-item t takes keys s·SPLIT + t, + t + BQ, ...
// of the split, keeping its own running max m, sum l and accumulator (one exp per key: of exp(m - max) and
// exp(s - max) one is 1); the work-group's BQ states are then merged in local memory (LA: BQ × D floats) into
// the split's (M, L, o) in P[(head · splits + s) · (D + 2)]: o[0 .. D), then M, then L.
// A decode row sees every key, causal or not (bottom-right alignment puts it at the last position).
#ifdef SPLIT
__kernel __attribute__((reqd_work_group_size(BQ, 1, 1)))
void flash_decode_split(const int heads, const int kvHeads, const int seqKv, const int splits, const float scale,
                        __global const float* restrict Q, __global const float* restrict K,
                        __global const float* restrict V, __global float* restrict P) {
    const int t = get_local_id(0);
    const int s = get_group_id(0);
    const int head = get_group_id(1);
    const int b = head / heads;
    const int h = head - b * heads;
    const size_t kvBase = ((size_t) b * kvHeads + h / (heads / kvHeads)) * (size_t) seqKv * D;
    const int end = min(seqKv, (s + 1) * SPLIT);
    __local float LA[BQ * D];
    __local float LM[BQ];
    __local float LL[BQ];

    float q[D];
    float acc[D];
    for (int c = 0; c < D; c++) {
        q[c] = Q[(size_t) head * D + c];
        acc[c] = 0.0f;
    }
    float m = -INFINITY;
    float l = 0.0f;
    for (int j = s * SPLIT + t; j < end; j += BQ) {
        __global const float* k = K + kvBase + (size_t) j * D;
        __global const float* v = V + kvBase + (size_t) j * D;
        float dot = 0.0f;
        for (int c = 0; c < D; c++) {
            dot = fma(q[c], k[c], dot);
        }
        const float x = dot * scale;
        if (x > m) {                      // a new maximum: rescale by exp(m - x), add exp(0)·v
            const float a = exp(m - x);
            l = fma(l, a, 1.0f);
            for (int c = 0; c < D; c++) {
                acc[c] = fma(acc[c], a, v[c]);
            }
            m = x;
        } else {
            const float p = exp(x - m);
            l += p;
            for (int c = 0; c < D; c++) {
                acc[c] = fma(p, v[c], acc[c]);
            }
        }
    }
    LM[t] = m;
    barrier(CLK_LOCAL_MEM_FENCE);
    float mMax = -INFINITY;
    for (int u = 0; u < BQ; u++) {
        mMax = fmax(mMax, LM[u]);
    }
    // Finite: every split has a key. Work-items without a key (m = -inf) weigh exp(-inf) = 0.
    const float f = exp(m - mMax);
    for (int c = 0; c < D; c++) {
        LA[t * D + c] = f * acc[c];
    }
    LL[t] = f * l;
    barrier(CLK_LOCAL_MEM_FENCE);
    __global float* out = P + ((size_t) head * splits + s) * (D + 2);
    for (int c = t; c < D; c += BQ) {
        float o = 0.0f;
        for (int u = 0; u < BQ; u++) {
            o += LA[u * D + c];
        }
        out[c] = o;
    }
    if (t == 0) {
        float sum = 0.0f;
        for (int u = 0; u < BQ; u++) {
            sum += LL[u];
        }
        out[D] = mMax;
        out[D + 1] = sum;
    }
}

// flash_decode_merge, work-group = one head, work-item c = one output column: the head's splits merged by
// log-sum-exp, O = Σ_s e^(M_s − M)·o_s / Σ_s e^(M_s − M)·L_s with M the largest M_s.
__kernel void flash_decode_merge(const int splits, __global const float* restrict P, __global float* restrict O) {
    const int c = get_local_id(0);
    const int head = get_group_id(1);
    __global const float* part = P + (size_t) head * splits * (D + 2);
    float mMax = -INFINITY;
    for (int s = 0; s < splits; s++) {
        mMax = fmax(mMax, part[s * (D + 2) + D]);
    }
    float o = 0.0f;
    float sum = 0.0f;
    for (int s = 0; s < splits; s++) {
        const float w = exp(part[s * (D + 2) + D] - mMax);
        o = fma(w, part[s * (D + 2) + c], o);
        sum = fma(w, part[s * (D + 2) + D + 1], sum);
    }
    O[(size_t) head * D + c] = o / sum;
}
#endif
