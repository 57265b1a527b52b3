package dev.mlbench.kernels.gpu.gemm;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.gpu.Closer;
import dev.mlbench.kernels.gpu.OpenClBackend;
import dev.mlbench.kernels.gpu.opencl.ClBuffer;
import dev.mlbench.kernels.gpu.opencl.ClContext;
import dev.mlbench.kernels.gpu.opencl.ClKernel;
import dev.mlbench.kernels.gpu.opencl.ClPrepared;
import dev.mlbench.kernels.gpu.opencl.ClProgram;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.util.List;
import java.util.Optional;

/**
 * Local-memory tiled GEMM in OpenCL ({@code gemm_tiled.cl}), compiled at prepare time with the tiling
 * ({@link Tiling}: tile and work) as build-time constants. Operands are uploaded once in prepare; the timed operation is one launch
 * followed by {@code clFinish}, so it measures the device's work, not the enqueue.
 */
public final class OpenClGemmKernel extends GemmKernel {

    static final String TILE = Tiling.TILE;
    static final String WORK = Tiling.WORK;
    static final String SOURCE = "gemm_tiled.cl";

    @Override
    public String name() {
        return "opencl-tiled";
    }

    @Override
    public String backend() {
        return OpenClBackend.NAME;
    }

    @Override
    public String description() {
        return "OpenCL, local-memory tiles, tile×tile work-items with work×work elements of C each, built at run time";
    }

    @Override
    public List<ParamSpec> tunables() {
        return Tiling.TUNABLES;
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
            ClContext context = closer.add(ClContext.open());
            String unfit = tiling.unfit(context.maxWorkGroupSize(), context.localMemoryBytes(), context.deviceName());
            if (!unfit.isEmpty()) {
                throw new IllegalArgumentException(unfit);
            }
            ClProgram program = closer.add(context.program(OpenClGemmKernel.class, SOURCE, "-cl-mad-enable " + tiling.defines()));
            ClKernel kernel = closer.add(program.kernel("gemm_tiled"));
            if (tiling.groupSize() > kernel.maxWorkGroupSize()) {
                throw new IllegalArgumentException("tile " + tiling.tile() + ": the compiled kernel allows work-groups of at most "
                        + kernel.maxWorkGroupSize() + " on " + context.deviceName());
            }
            ClBuffer a = closer.add(context.upload(in.a()));
            ClBuffer b = closer.add(context.upload(in.b()));
            ClBuffer c = closer.add(context.allocate((long) w.m() * w.n()));
            kernel.arg(0, w.m()).arg(1, w.n()).arg(2, w.k()).arg(3, a).arg(4, b).arg(5, c);
            int tile = tiling.tile();
            long globalX = (long) tiling.groupsX(w) * tile;
            long globalY = (long) tiling.groupsY(w) * tile;
            return new ClPrepared(closer, context, () -> kernel.launch2d(globalX, globalY, tile, tile), c, tiling.metrics(w));
        } catch (RuntimeException e) {
            throw closer.closeAfter(e);
        }
    }
}
