// C = A·B, row-major fp32, A is M×K, B is K×N. Built with -DTILE=<t> (1 to 32) -DWORK=<w> (1 to 8).
// A work-group of TILE×TILE work-items computes a BLOCK×BLOCK block of C (BLOCK = TILE·WORK); each
// work-item computes WORK×WORK elements, at rows ty + i·TILE and columns tx + j·TILE of the block, in
// registers. Each step of K stages a BLOCK×TILE tile of A and a TILE×BLOCK tile of B in local memory.
// With WORK = 1 this is the textbook tiled GEMM: one element per work-item. Out-of-range elements load
// as zero and are never stored, so any M, N, K works; the launch rounds up to whole blocks.
#define BLOCK (TILE * WORK)

__kernel __attribute__((reqd_work_group_size(TILE, TILE, 1)))
void gemm_tiled(const int M, const int N, const int K,
                __global const float* restrict A,
                __global const float* restrict B,
                __global float* restrict C) {
    const int tx = get_local_id(0);
    const int ty = get_local_id(1);
    const int row0 = get_group_id(1) * BLOCK;    // first row of C in this block
    const int col0 = get_group_id(0) * BLOCK;    // first column
    __local float As[BLOCK][TILE];
    __local float Bs[TILE][BLOCK];
    float acc[WORK][WORK];
    for (int i = 0; i < WORK; i++) {
        for (int j = 0; j < WORK; j++) {
            acc[i][j] = 0.0f;
        }
    }
    for (int t = 0; t < K; t += TILE) {
        const int ak = t + tx;
        const int bk = t + ty;
        for (int i = 0; i < WORK; i++) {
            const int r = row0 + ty + i * TILE;
            As[ty + i * TILE][tx] = (r < M && ak < K) ? A[(size_t) r * K + ak] : 0.0f;
            const int c = col0 + tx + i * TILE;
            Bs[ty][tx + i * TILE] = (bk < K && c < N) ? B[(size_t) bk * N + c] : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < TILE; p++) {
            float a[WORK];
            float b[WORK];
            for (int i = 0; i < WORK; i++) {
                a[i] = As[ty + i * TILE][p];
                b[i] = Bs[p][tx + i * TILE];
            }
            for (int i = 0; i < WORK; i++) {
                for (int j = 0; j < WORK; j++) {
                    acc[i][j] = fma(a[i], b[j], acc[i][j]);
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int i = 0; i < WORK; i++) {
        const int r = row0 + ty + i * TILE;
        for (int j = 0; j < WORK; j++) {
            const int c = col0 + tx + j * TILE;
            if (r < M && c < N) {
                C[(size_t) r * N + c] = acc[i][j];
            }
        }
    }
}
