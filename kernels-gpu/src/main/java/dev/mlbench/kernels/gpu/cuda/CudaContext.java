package dev.mlbench.kernels.gpu.cuda;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * The primary context of one CUDA device, retained for the lifetime of this object. The primary context is
 * the one the runtime API (and so cuBLAS) uses, so driver-API kernels and cuBLAS share memory and stream.
 * The context is made current on the calling thread by {@link #open} and again by {@link #makeCurrent}:
 * JMH may call the timed method on another thread than the one that prepared it.
 */
public final class CudaContext implements AutoCloseable {

    private final CUdevice device;
    private final CUcontext context;

    private CudaContext(CUdevice device, CUcontext context) {
        this.device = device;
        this.context = context;
    }

    /** Retains device {@code ordinal}'s primary context and makes it current. */
    public static CudaContext open(int ordinal) {
        JCudaDriver.setExceptionsEnabled(true);
        JCudaDriver.cuInit(0);
        CUdevice device = new CUdevice();
        JCudaDriver.cuDeviceGet(device, ordinal);
        CUcontext context = new CUcontext();
        JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
        CudaContext opened = new CudaContext(device, context);
        opened.makeCurrent();
        return opened;
    }

    /** Binds the context to the calling thread. */
    public void makeCurrent() {
        JCudaDriver.cuCtxSetCurrent(context);
    }

    /** Waits for all work queued in this context. */
    public void synchronize() {
        JCudaDriver.cuCtxSynchronize();
    }

    /** The compute capability as one number, e.g. 90 for 9.0. */
    public int computeCapability() {
        int[] major = new int[1];
        int[] minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
        return major[0] * 10 + minor[0];
    }

    /** The most threads one block may have on this device. */
    public int maxThreadsPerBlock() {
        int[] n = new int[1];
        JCudaDriver.cuDeviceGetAttribute(n, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK, device);
        return n[0];
    }

    /** Shared memory one block may use statically (48 KiB on every device so far). */
    public long maxSharedBytesPerBlock() {
        int[] n = new int[1];
        JCudaDriver.cuDeviceGetAttribute(n, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK, device);
        return n[0];
    }

    /** A device buffer initialised with a copy of {@code data}. */
    public CudaBuffer upload(float[] data) {
        return CudaBuffer.upload(data);
    }

    /** An uninitialised device buffer of {@code floats} elements. */
    public CudaBuffer allocate(long floats) {
        return CudaBuffer.allocate(floats);
    }

    @Override
    public void close() {
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
    }
}
