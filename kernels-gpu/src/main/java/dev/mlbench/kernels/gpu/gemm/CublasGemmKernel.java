package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.gpu.Closer;
import dev.mlbench.kernels.gpu.CudaBackend;
import dev.mlbench.kernels.gpu.CudaLibraries;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;

import java.util.Map;
import java.util.Optional;

/**
 * cuBLAS SGEMM through JCublas2, the peer of every CUDA GEMM. cuBLAS is column-major, so the row-major
 * C = A·B is computed as the column-major Cᵀ = Bᵀ·Aᵀ without copying anything. Default math mode: true
 * fp32, no TF32 tensor cores (TF32 would fail the track's fp32 tolerance). The timed operation is the call
 * followed by {@code cuCtxSynchronize}.
 */
public final class CublasGemmKernel extends GemmKernel {

    @Override
    public String name() {
        return "cublas";
    }

    @Override
    public String backend() {
        return CudaBackend.NAME;
    }

    @Override
    public String description() {
        return "cuBLAS SGEMM (JCublas2, fp32 math mode), the CUDA peer";
    }

    /** Needs cuBLAS beside the driver. */
    @Override
    public Availability availability() {
        return CudaLibraries.cublas();
    }

    /** Layouts, α and β are not implemented on the GPU yet: those workloads are skipped with the reason. */
    @Override
    public Optional<String> unsupported(GemmWorkload w) {
        return onlyPlainProduct(w);
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        Closer closer = new Closer();
        try {
            CudaGemmOperands ops = CudaGemmOperands.upload(w, in, closer);
            JCublas2.setExceptionsEnabled(true);
            cublasHandle handle = new cublasHandle();
            JCublas2.cublasCreate(handle);
            closer.add(() -> JCublas2.cublasDestroy(handle));
            Pointer one = Pointer.to(new float[] {1f});
            Pointer zero = Pointer.to(new float[] {0f});
            return ops.prepared(() -> JCublas2.cublasSgemm(handle, cublasOperation.CUBLAS_OP_N, cublasOperation.CUBLAS_OP_N,
                    w.n(), w.m(), w.k(), one, ops.b().pointer(), w.n(), ops.a().pointer(), w.k(), zero, ops.c().pointer(), w.n()), Map.of());
        } catch (RuntimeException e) {
            throw closer.closeAfter(e);
        }
    }
}
