package dev.mlbench.kernels.torch;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * fp32 tensors over native memory the kernel owns: the operands are copied there once, in prepare, and the tensors
 * are views of it ({@code from_blob}), as a Java user of libtorch would hold them. Every kernel's outputs are read
 * back the same way.
 */
final class Tensors {

    private Tensors() {
    }

    /** Native memory holding a copy of {@code values}. */
    static FloatPointer copyOf(float[] values) {
        return new FloatPointer(values);
    }

    /** Native memory of {@code n} floats, zeroed. */
    static FloatPointer zeros(long n) {
        FloatPointer p = new FloatPointer(n);
        p.zero();
        return p;
    }

    /** A contiguous fp32 tensor of {@code shape} over {@code memory}. */
    static Tensor view(FloatPointer memory, long... shape) {
        return torch.from_blob(memory, shape, new TensorOptions(new ScalarTypeOptional(torch.ScalarType.Float)));
    }

    /** The {@code n} floats at {@code memory}, as a Java array. */
    static float[] read(FloatPointer memory, long n) {
        float[] out = new float[Math.toIntExact(n)];
        memory.position(0).get(out);
        return out;
    }

    /** The elements of a contiguous fp32 tensor, as a Java array. */
    static float[] read(Tensor t) {
        Tensor c = t.contiguous();
        return read(c.data_ptr_float(), c.numel());
    }
}
