package dev.mlbench.kernels.gpu.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_program;

import java.nio.charset.StandardCharsets;

/** An OpenCL program compiled at run time for the context's device. */
public final class ClProgram implements AutoCloseable {

    private final ClContext owner;
    private final cl_program program;

    private ClProgram(ClContext owner, cl_program program) {
        this.owner = owner;
        this.program = program;
    }

    /** Compiles {@code source}; a failed build throws with the compiler's log. */
    static ClProgram build(ClContext context, String source, String name, String options) {
        cl_program program = CL.clCreateProgramWithSource(context.context(), 1, new String[] {source}, null, null);
        try {
            CL.clBuildProgram(program, 0, null, options, null, null);
        } catch (CLException e) {
            String log = buildLog(context, program);
            CL.clReleaseProgram(program);
            throw new IllegalStateException("building OpenCL program " + name + " with '" + options + "' failed ("
                    + e.getMessage() + "):\n" + log, e);
        }
        return new ClProgram(context, program);
    }

    /** The named kernel of this program. */
    public ClKernel kernel(String name) {
        return new ClKernel(owner, CL.clCreateKernel(program, name, null));
    }

    /**
     * The named kernel, which will be launched with work-groups of {@code groupSize} work-items; throws
     * {@link IllegalArgumentException} saying so when the device or the compiled kernel (its registers and local
     * memory count) allows fewer.
     */
    public ClKernel kernel(String name, long groupSize) {
        long deviceMax = owner.maxWorkGroupSize();
        if (groupSize > deviceMax) {
            throw new IllegalArgumentException(name + ": work-groups of " + groupSize + " work-items, but "
                    + owner.deviceName() + " allows at most " + deviceMax);
        }
        ClKernel kernel = kernel(name);
        long kernelMax = kernel.maxWorkGroupSize();
        if (groupSize > kernelMax) {
            kernel.close();
            throw new IllegalArgumentException(name + ": work-groups of " + groupSize + " work-items, but the compiled kernel allows at most "
                    + kernelMax + " on " + owner.deviceName());
        }
        return kernel;
    }

    private static String buildLog(ClContext context, cl_program program) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, context.device(), CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] bytes = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, context.device(), CL.CL_PROGRAM_BUILD_LOG, bytes.length, Pointer.to(bytes), null);
            return new String(bytes, StandardCharsets.UTF_8).trim();
        } catch (CLException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        CL.clReleaseProgram(program);
    }
}
