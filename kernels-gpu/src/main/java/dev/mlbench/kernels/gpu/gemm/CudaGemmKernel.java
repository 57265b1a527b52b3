package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.gpu.Closer;
import dev.mlbench.kernels.gpu.CudaBackend;
import dev.mlbench.kernels.gpu.CudaLibraries;
import dev.mlbench.kernels.gpu.cuda.CudaModule;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.JCudaDriver;

import java.util.List;
import java.util.Optional;

/**
 * Shared-memory tiled GEMM in CUDA ({@code gemm_tiled.cu}), compiled by NVRTC at prepare time with the tile
 * size as a compile-time constant, launched through the driver API. The timed operation is the launch
 * followed by {@code cuCtxSynchronize}, so it measures the device's work, not the launch.
 */
public final class CudaGemmKernel extends GemmKernel {

    static final String TILE = Tiling.TILE;
    static final String WORK = Tiling.WORK;
    static final String SOURCE = "gemm_tiled.cu";

    @Override
    public String name() {
        return "cuda-tiled";
    }

    @Override
    public String backend() {
        return CudaBackend.NAME;
    }

    @Override
    public String description() {
        return "CUDA (NVRTC at run time, driver API), shared-memory tiles, tile×tile threads with work×work elements of C each";
    }

    @Override
    public List<ParamSpec> tunables() {
        return Tiling.TUNABLES;
    }

    /** Needs NVRTC beside the driver. */
    @Override
    public Availability availability() {
        return CudaLibraries.nvrtc();
    }

    /** Layouts, α and β are not implemented on the GPU yet: those workloads are skipped with the reason. */
    @Override
    public Optional<String> unsupported(GemmWorkload w) {
        return onlyPlainProduct(w);
    }

    @Override
    public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
        Tiling tiling = Tiling.of(config.params());
        Closer closer = new Closer();
        try {
            CudaGemmOperands ops = CudaGemmOperands.upload(w, in, closer);
            String unfit = tiling.unfit(ops.context().maxThreadsPerBlock(), ops.context().maxSharedBytesPerBlock(), "the device");
            if (!unfit.isEmpty()) {
                throw new IllegalArgumentException(unfit);
            }
            CudaModule module = closer.add(CudaModule.compile(ops.context(), CudaGemmKernel.class, SOURCE,
                    tiling.defines().split(" ")));
            CUfunction function = module.function("gemm_tiled");
            Pointer args = Pointer.to(Pointer.to(new int[] {w.m()}), Pointer.to(new int[] {w.n()}), Pointer.to(new int[] {w.k()}),
                    Pointer.to(ops.a().pointer()), Pointer.to(ops.b().pointer()), Pointer.to(ops.c().pointer()));
            int tile = tiling.tile();
            int gridX = tiling.groupsX(w);
            int gridY = tiling.groupsY(w);
            return ops.prepared(() -> JCudaDriver.cuLaunchKernel(function, gridX, gridY, 1, tile, tile, 1, 0, null, args, null),
                    tiling.metrics(w));
        } catch (RuntimeException e) {
            throw closer.closeAfter(e);
        }
    }
}
