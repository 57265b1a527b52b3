// C = A·B, row-major fp32, A is M×K, B is K×N. Built with -DTILE=<t> (1 to 32).
// Each work-group computes a TILE×TILE block of C; each work-item one element. The K loop stages a
// TILE×TILE tile of A and one of B in local memory per step. Out-of-range elements load as zero and are
// never stored, so any M, N, K works; the launch rounds the global size up to a multiple of TILE.
__kernel __attribute__((reqd_work_group_size(TILE, TILE, 1)))
void gemm_tiled(const int M, const int N, const int K,
                __global const float* restrict A,
                __global const float* restrict B,
                __global float* restrict C) {
    const int tx = get_local_id(0);              // column within the tile
    const int ty = get_local_id(1);              // row within the tile
    const int col = get_group_id(0) * TILE + tx;
    const int row = get_group_id(1) * TILE + ty;
    __local float As[TILE][TILE];
    __local float Bs[TILE][TILE];
    float acc = 0.0f;
    for (int t = 0; t < K; t += TILE) {
        const int ak = t + tx;
        const int bk = t + ty;
        As[ty][tx] = (row < M && ak < K) ? A[(size_t) row * K + ak] : 0.0f;
        Bs[ty][tx] = (bk < K && col < N) ? B[(size_t) bk * N + col] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < TILE; p++) {
            acc = fma(As[ty][p], Bs[p][tx], acc);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < M && col < N) {
        C[(size_t) row * N + col] = acc;
    }
}
