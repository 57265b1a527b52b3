// C = A·B, row-major fp32, A is M×K, B is K×N. Compiled by NVRTC with -DTILE=<t> (1 to 32).
// The same algorithm as gemm_tiled.cl: a TILE×TILE block of threads computes a TILE×TILE block of C, one
// element per thread, staging TILE×TILE tiles of A and B in shared memory per step of K. Out-of-range
// elements load as zero and are never stored, so any M, N, K works; the grid rounds up to whole tiles.
extern "C" __global__ void __launch_bounds__(TILE * TILE)
gemm_tiled(const int M, const int N, const int K,
           const float* __restrict__ A, const float* __restrict__ B, float* __restrict__ C) {
    const int tx = threadIdx.x;                  // column within the tile
    const int ty = threadIdx.y;                  // row within the tile
    const int col = blockIdx.x * TILE + tx;
    const int row = blockIdx.y * TILE + ty;
    __shared__ float As[TILE][TILE];
    __shared__ float Bs[TILE][TILE];
    float acc = 0.0f;
    for (int t = 0; t < K; t += TILE) {
        const int ak = t + tx;
        const int bk = t + ty;
        As[ty][tx] = (row < M && ak < K) ? A[(long long) row * K + ak] : 0.0f;
        Bs[ty][tx] = (bk < K && col < N) ? B[(long long) bk * N + col] : 0.0f;
        __syncthreads();
#pragma unroll
        for (int p = 0; p < TILE; p++) {
            acc = fmaf(As[ty][p], Bs[p][tx], acc);
        }
        __syncthreads();
    }
    if (row < M && col < N) {
        C[(long long) row * N + col] = acc;
    }
}
