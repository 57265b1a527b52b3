package dev.mlbench.kernels.gpu.cuda;

import dev.mlbench.kernels.gpu.KernelSources;
import jcuda.CudaException;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CUDA C++ source compiled at run time by NVRTC to PTX for the device's compute capability (or the newest
 * one NVRTC knows, when the device is newer) and loaded into the current context; the driver JIT-compiles
 * the PTX to machine code.
 */
public final class CudaModule implements AutoCloseable {

    private final CUmodule module;

    private CudaModule(CUmodule module) {
        this.module = module;
    }

    /** Compiles resource {@code resource} next to {@code owner} with extra NVRTC options (e.g. {@code -DTILE=16}). */
    public static CudaModule compile(CudaContext context, Class<?> owner, String resource, String... options) {
        String ptx = ptx(KernelSources.text(owner, resource), resource, architecture(context.computeCapability()), options);
        CUmodule module = new CUmodule();
        try {
            JCudaDriver.cuModuleLoadData(module, ptx);
        } catch (CudaException e) {
            throw new IllegalStateException("loading the PTX NVRTC made from " + resource + " failed with " + e.getMessage()
                    + " (CUDA_ERROR_UNSUPPORTED_PTX_VERSION means the driver is older than NVRTC)", e);
        }
        return new CudaModule(module);
    }

    /** The newest virtual architecture NVRTC supports that is not newer than the device. */
    static int architecture(int deviceCc) {
        JNvrtc.setExceptionsEnabled(true);
        int[] n = new int[1];
        JNvrtc.nvrtcGetNumSupportedArchs(n);
        int[] archs = new int[n[0]];
        JNvrtc.nvrtcGetSupportedArchs(archs);
        int best = Arrays.stream(archs).filter(a -> a <= deviceCc).max().orElse(-1);
        if (best < 0) {
            throw new IllegalStateException("NVRTC supports architectures " + Arrays.toString(archs)
                    + ", none of which runs on a device of compute capability " + deviceCc / 10 + "." + deviceCc % 10);
        }
        return best;
    }

    private static String ptx(String source, String name, int arch, String... options) {
        nvrtcProgram program = new nvrtcProgram();
        JNvrtc.nvrtcCreateProgram(program, source, name, 0, null, null);
        try {
            List<String> all = new ArrayList<>(List.of("--gpu-architecture=compute_" + arch, "--std=c++17"));
            all.addAll(List.of(options));
            try {
                JNvrtc.nvrtcCompileProgram(program, all.size(), all.toArray(String[]::new));
            } catch (CudaException e) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(program, log);
                throw new IllegalStateException("NVRTC failed to compile " + name + " with " + all + ": " + e.getMessage()
                        + "\n" + log[0], e);
            }
            String[] ptx = new String[1];
            JNvrtc.nvrtcGetPTX(program, ptx);
            return ptx[0];
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    /** The named {@code extern "C"} kernel of this module. */
    public CUfunction function(String name) {
        CUfunction f = new CUfunction();
        JCudaDriver.cuModuleGetFunction(f, module, name);
        return f;
    }

    @Override
    public void close() {
        JCudaDriver.cuModuleUnload(module);
    }
}
