// C = A·B, row-major fp32, A is M×K, B is K×N. Compiled by NVRTC with -DTILE=<t> (1 to 32) -DWORK=<w> (1 to 8).
// The same algorithm as gemm_tiled.cl: a block of TILE×TILE threads computes a BLOCK×BLOCK block of C
// (BLOCK = TILE·WORK), each thread WORK×WORK elements at rows ty + i·TILE and columns tx + j·TILE, in
// registers; each step of K stages a BLOCK×TILE tile of A and a TILE×BLOCK tile of B in shared memory.
// With WORK = 1 it is the textbook one-element-per-thread tiled GEMM. Out-of-range elements load as zero
// and are never stored, so any M, N, K works; the grid rounds up to whole blocks.
#define BLOCK (TILE * WORK)

extern "C" __global__ void __launch_bounds__(TILE * TILE)
gemm_tiled(const int M, const int N, const int K,
           const float* __restrict__ A, const float* __restrict__ B, float* __restrict__ C) {
    const int tx = threadIdx.x;
    const int ty = threadIdx.y;
    const int row0 = blockIdx.y * BLOCK;
    const int col0 = blockIdx.x * BLOCK;
    __shared__ float As[BLOCK][TILE];
    __shared__ float Bs[TILE][BLOCK];
    float acc[WORK][WORK];
#pragma unroll
    for (int i = 0; i < WORK; i++) {
#pragma unroll
        for (int j = 0; j < WORK; j++) {
            acc[i][j] = 0.0f;
        }
    }
    for (int t = 0; t < K; t += TILE) {
        const int ak = t + tx;
        const int bk = t + ty;
#pragma unroll
        for (int i = 0; i < WORK; i++) {
            const int r = row0 + ty + i * TILE;
            As[ty + i * TILE][tx] = (r < M && ak < K) ? A[(long long) r * K + ak] : 0.0f;
            const int c = col0 + tx + i * TILE;
            Bs[ty][tx + i * TILE] = (bk < K && c < N) ? B[(long long) bk * N + c] : 0.0f;
        }
        __syncthreads();
#pragma unroll
        for (int p = 0; p < TILE; p++) {
            float a[WORK];
            float b[WORK];
#pragma unroll
            for (int i = 0; i < WORK; i++) {
                a[i] = As[ty + i * TILE][p];
                b[i] = Bs[p][tx + i * TILE];
            }
#pragma unroll
            for (int i = 0; i < WORK; i++) {
#pragma unroll
                for (int j = 0; j < WORK; j++) {
                    acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
                }
            }
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < WORK; i++) {
        const int r = row0 + ty + i * TILE;
#pragma unroll
        for (int j = 0; j < WORK; j++) {
            const int c = col0 + tx + j * TILE;
            if (r < M && c < N) {
                C[(long long) r * N + c] = acc[i][j];
            }
        }
    }
}
