// Row softmax, fp32, rows × n row-major, with the online normalizer (Milakov and Gimelshein 2018). Built with
// -DWG=<work-items per work-group> (any size from 1) and -DPOW2=<the smallest power of two >= WG>.
// One work-group per row. Pass 1: work-item t walks elements t, t + WG, ... (neighbouring work-items read
// neighbouring words) keeping a running maximum m and a running sum s of exp(x - m), rescaled by
// exp(m_old - m_new) when the maximum grows; s is compensated (Kahan) so long rows keep fp32 accuracy. The WG
// pairs (m, s) are merged by a tree in local memory. Pass 2: y = exp(x - M) / S.
// m starts at -FLT_MAX rather than -INFINITY: a work-item that has seen only -inf (a masked row) computes
// exp(-inf) = 0, never exp(-inf + inf), and one that has seen nothing (n < WG) contributes s = 0.

__kernel __attribute__((reqd_work_group_size(WG, 1, 1)))
void softmax_online(const int n, __global const float* restrict x, __global float* restrict y) {
    const int t = get_local_id(0);
    const size_t base = (size_t) get_group_id(0) * n;
    __global const float* row = x + base;
    __local float lm[WG];
    __local float ls[WG];

    float m = -FLT_MAX;
    float s = 0.0f;
    float c = 0.0f;                       // Kahan compensation: the true sum is s - c
    for (int j = t; j < n; j += WG) {
        const float v = row[j];
        // Of exp(m - max(m, v)) and exp(v - max(m, v)) one is 1, so one exp, of -|m - v|, serves both.
        const float e = exp(-fabs(m - v));
        float add = e;
        if (v > m) {                      // a new maximum: rescale what was summed, add exp(0)
            s *= e;
            c *= e;
            m = v;
            add = 1.0f;
        }
        const float term = add - c;
        const float sum = s + term;
        c = (sum - s) - term;
        s = sum;
    }
    lm[t] = m;
    ls[t] = s - c;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = POW2 / 2; stride > 0; stride >>= 1) {
        if (t < stride && t + stride < WG) {
            const float m1 = lm[t];
            const float m2 = lm[t + stride];
            const float mm = fmax(m1, m2);
            ls[t] = ls[t] * exp(m1 - mm) + ls[t + stride] * exp(m2 - mm);
            lm[t] = mm;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float rowMax = lm[0];
    const float rowSum = ls[0];
    __global float* out = y + base;
    for (int j = t; j < n; j += WG) {
        out[j] = exp(row[j] - rowMax) / rowSum;
    }
}
