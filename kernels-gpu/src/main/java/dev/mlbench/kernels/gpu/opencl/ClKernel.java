package dev.mlbench.kernels.gpu.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/** One kernel of a {@link ClProgram}, with its arguments and launches on the context's queue. */
public final class ClKernel implements AutoCloseable {

    private final ClContext context;
    private final cl_kernel kernel;

    ClKernel(ClContext context, cl_kernel kernel) {
        this.context = context;
        this.kernel = kernel;
    }

    /** Sets argument {@code index} to an {@code int}. */
    public ClKernel arg(int index, int value) {
        CL.clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
        return this;
    }

    /** Sets argument {@code index} to a {@code float}. */
    public ClKernel arg(int index, float value) {
        CL.clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {value}));
        return this;
    }

    /** Sets argument {@code index} to a device buffer. */
    public ClKernel arg(int index, ClBuffer buffer) {
        CL.clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(buffer.mem()));
        return this;
    }

    /** The largest work-group this kernel can be launched with on the device (its registers and local memory count). */
    public long maxWorkGroupSize() {
        long[] size = new long[1];
        CL.clGetKernelWorkGroupInfo(kernel, context.device(), CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t,
                Pointer.to(size), null);
        return size[0];
    }

    /** Queues a 2-D launch; {@code global} sizes must be multiples of {@code local} ones. Does not wait. */
    public void launch2d(long globalX, long globalY, long localX, long localY) {
        CL.clEnqueueNDRangeKernel(context.queue(), kernel, 2, null, new long[] {globalX, globalY},
                new long[] {localX, localY}, 0, null, null);
    }

    /** Queues a 1-D launch; {@code global} must be a multiple of {@code local}. Does not wait. */
    public void launch1d(long global, long local) {
        CL.clEnqueueNDRangeKernel(context.queue(), kernel, 1, null, new long[] {global}, new long[] {local}, 0, null, null);
    }

    @Override
    public void close() {
        CL.clReleaseKernel(kernel);
    }
}
