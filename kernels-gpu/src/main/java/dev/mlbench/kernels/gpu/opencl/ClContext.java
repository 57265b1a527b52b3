package dev.mlbench.kernels.gpu.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.jocl.cl_queue_properties;

import dev.mlbench.kernels.gpu.KernelSources;

import java.nio.charset.StandardCharsets;

/**
 * An OpenCL context with one in-order command queue on one device. The device is the first GPU of any
 * platform, or else the first device of any type (a CPU platform such as PoCL). Closing releases the queue
 * and the context; programs, kernels and buffers made from it must be closed first.
 */
public final class ClContext implements AutoCloseable {

    private final cl_device_id device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final String deviceName;

    private ClContext(cl_device_id device) {
        this.device = device;
        this.deviceName = deviceString(device, CL.CL_DEVICE_NAME);
        cl_context_properties properties = new cl_context_properties();
        this.context = CL.clCreateContext(properties, 1, new cl_device_id[] {device}, null, null, null);
        cl_command_queue q;
        try {
            q = CL.clCreateCommandQueueWithProperties(context, device, new cl_queue_properties(), null);
        } catch (RuntimeException e) {
            CL.clReleaseContext(context);
            throw e;
        }
        this.queue = q;
    }

    /** Opens a context on the preferred device; throws {@link IllegalStateException} when there is none. */
    public static ClContext open() {
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        CL.clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        for (long type : new long[] {CL.CL_DEVICE_TYPE_GPU, CL.CL_DEVICE_TYPE_ALL}) {
            for (cl_platform_id platform : platforms) {
                cl_device_id d = firstDevice(platform, type);
                if (d != null) {
                    return new ClContext(d);
                }
            }
        }
        throw new IllegalStateException("no OpenCL device on any of " + platforms.length + " platform(s)");
    }

    private static cl_device_id firstDevice(cl_platform_id platform, long type) {
        int[] n = new int[1];
        int status = CL.CL_SUCCESS;
        CL.setExceptionsEnabled(false);
        try {
            status = CL.clGetDeviceIDs(platform, type, 0, null, n);
        } finally {
            CL.setExceptionsEnabled(true);
        }
        if (status != CL.CL_SUCCESS || n[0] == 0) {
            return null;
        }
        cl_device_id[] ids = new cl_device_id[n[0]];
        CL.clGetDeviceIDs(platform, type, ids.length, ids, null);
        return ids[0];
    }

    /** The device's name as its driver reports it. */
    public String deviceName() {
        return deviceName;
    }

    /** The largest work-group (product of the local sizes) the device accepts. */
    public long maxWorkGroupSize() {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(size), null);
        return size[0];
    }

    /** Local (work-group shared) memory per work-group in bytes. */
    public long localMemoryBytes() {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, CL.CL_DEVICE_LOCAL_MEM_SIZE, Sizeof.cl_ulong, Pointer.to(size), null);
        return size[0];
    }

    /** Builds a program from a {@code .cl} resource with build options such as {@code -DTILE=16}. */
    public ClProgram program(Class<?> owner, String resource, String options) {
        return program(KernelSources.text(owner, resource), resource, options);
    }

    /** Builds a program from source text; {@code name} identifies it in a failed build's message. */
    public ClProgram program(String source, String name, String options) {
        return ClProgram.build(this, source, name, options);
    }

    /** A device buffer initialised with a copy of {@code data}, read-only for kernels. */
    public ClBuffer upload(float[] data) {
        return ClBuffer.upload(this, data);
    }

    /** An uninitialised device buffer of {@code floats} elements. */
    public ClBuffer allocate(long floats) {
        return ClBuffer.allocate(this, floats);
    }

    /** Waits until every command queued so far has finished on the device. */
    public void finish() {
        CL.clFinish(queue);
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    cl_device_id device() {
        return device;
    }

    @Override
    public void close() {
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }

    /** A string-valued device property, e.g. {@code CL_DEVICE_NAME}. */
    public static String deviceString(cl_device_id id, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(id, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetDeviceInfo(id, param, bytes.length, Pointer.to(bytes), null);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
    }
}
