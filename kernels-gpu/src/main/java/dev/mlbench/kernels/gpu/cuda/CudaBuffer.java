package dev.mlbench.kernels.gpu.cuda;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/** A buffer of floats in device memory of the current context. */
public final class CudaBuffer implements AutoCloseable {

    private final CUdeviceptr pointer;
    private final long floats;

    private CudaBuffer(CUdeviceptr pointer, long floats) {
        this.pointer = pointer;
        this.floats = floats;
    }

    static CudaBuffer allocate(long floats) {
        CUdeviceptr p = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(p, floats * Sizeof.FLOAT);
        return new CudaBuffer(p, floats);
    }

    static CudaBuffer upload(float[] data) {
        CudaBuffer b = allocate(data.length);
        try {
            JCudaDriver.cuMemcpyHtoD(b.pointer, Pointer.to(data), (long) data.length * Sizeof.FLOAT);
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    /** Copies the whole buffer into a new host array (synchronous with the legacy default stream). */
    public float[] download() {
        float[] out = new float[Math.toIntExact(floats)];
        JCudaDriver.cuMemcpyDtoH(Pointer.to(out), pointer, floats * Sizeof.FLOAT);
        return out;
    }

    /** The device address, as cuBLAS and kernel arguments take it. */
    public CUdeviceptr pointer() {
        return pointer;
    }

    @Override
    public void close() {
        JCudaDriver.cuMemFree(pointer);
    }
}
