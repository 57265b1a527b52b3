package dev.mlbench.kernels.gpu.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/** A buffer of floats in device memory. */
public final class ClBuffer implements AutoCloseable {

    private final ClContext context;
    private final cl_mem mem;
    private final long floats;

    private ClBuffer(ClContext context, cl_mem mem, long floats) {
        this.context = context;
        this.mem = mem;
        this.floats = floats;
    }

    static ClBuffer upload(ClContext context, float[] data) {
        cl_mem mem = CL.clCreateBuffer(context.context(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR,
                (long) Sizeof.cl_float * data.length, Pointer.to(data), null);
        return new ClBuffer(context, mem, data.length);
    }

    static ClBuffer allocate(ClContext context, long floats) {
        cl_mem mem = CL.clCreateBuffer(context.context(), CL.CL_MEM_READ_WRITE, (long) Sizeof.cl_float * floats, null, null);
        return new ClBuffer(context, mem, floats);
    }

    /** Copies the whole buffer into a new host array, waiting for queued work first (in-order queue). */
    public float[] download() {
        float[] out = new float[Math.toIntExact(floats)];
        CL.clEnqueueReadBuffer(context.queue(), mem, CL.CL_TRUE, 0, (long) Sizeof.cl_float * floats, Pointer.to(out), 0, null, null);
        return out;
    }

    cl_mem mem() {
        return mem;
    }

    @Override
    public void close() {
        CL.clReleaseMemObject(mem);
    }
}
