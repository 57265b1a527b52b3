package dev.mlbench.kernels.gpu.softmax;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.kernels.gpu.Closer;
import dev.mlbench.kernels.gpu.KernelSources;
import dev.mlbench.kernels.gpu.OpenClBackend;
import dev.mlbench.kernels.gpu.opencl.ClBuffer;
import dev.mlbench.kernels.gpu.opencl.ClContext;
import dev.mlbench.kernels.gpu.opencl.ClKernel;
import dev.mlbench.kernels.gpu.opencl.ClPrepared;
import dev.mlbench.kernels.gpu.opencl.ClProgram;
import dev.mlbench.tracks.softmax.SoftmaxInputs;
import dev.mlbench.tracks.softmax.SoftmaxKernel;
import dev.mlbench.tracks.softmax.SoftmaxWorkload;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Row softmax in OpenCL with the online normalizer ({@code softmax_online.cl}): one work-group per row, each
 * work-item keeping a running (maximum, rescaled sum) over its strided share of the row, the work-group's pairs
 * merged by a tree in local memory, then y = exp(x − max) / sum. Two reads of the row, one write. Built at
 * prepare time with the work-group size as a constant; the timed operation is one launch and {@code clFinish}.
 */
public final class OpenClSoftmaxKernel extends SoftmaxKernel {

    static final String WORK_GROUP = "work_group";
    static final String SOURCE = "softmax_online.cl";
    static final int DEFAULT_WORK_GROUP = 256;
    static final int MAX_WORK_GROUP = 1024;

    /** Applied to the device source before it is built: the identity, except for tests' deliberately wrong variants. */
    private final UnaryOperator<String> sourceEdit;

    public OpenClSoftmaxKernel() {
        this(UnaryOperator.identity());
    }

    OpenClSoftmaxKernel(UnaryOperator<String> sourceEdit) {
        this.sourceEdit = sourceEdit;
    }

    @Override
    public String name() {
        return "opencl-online";
    }

    @Override
    public String backend() {
        return OpenClBackend.NAME;
    }

    @Override
    public String description() {
        return "OpenCL online softmax: a work-group per row, running max and rescaled sum, tree-merged in local memory, then normalize";
    }

    @Override
    public List<ParamSpec> tunables() {
        return List.of(ParamSpec.optionalInt(WORK_GROUP, 1, MAX_WORK_GROUP, DEFAULT_WORK_GROUP,
                "work-items per work-group (one work-group per row); any size, powers of two suit GPUs"));
    }

    @Override
    public Prepared<float[]> prepare(SoftmaxWorkload w, SoftmaxInputs in, KernelConfig config) {
        int group = config.params().getInt(WORK_GROUP);
        Closer closer = new Closer();
        try {
            ClContext context = closer.add(ClContext.open());
            String source = sourceEdit.apply(KernelSources.text(OpenClSoftmaxKernel.class, SOURCE));
            ClProgram program = closer.add(context.program(source, SOURCE, "-DWG=" + group + " -DPOW2=" + powerOfTwoAtLeast(group)));
            ClKernel kernel = closer.add(program.kernel("softmax_online", group));
            ClBuffer x = closer.add(context.upload(in.x()));
            ClBuffer y = closer.add(context.allocate(w.elements()));
            kernel.arg(0, w.n()).arg(1, x).arg(2, y);
            long global = (long) w.rows() * group;
            // Work-items with no element of their row: n < work_group leaves some idle.
            double idle = (double) Math.max(0, group - w.n()) / group;
            return new ClPrepared(closer, context, () -> kernel.launch1d(global, group), y,
                    Map.of("idle_work_item_fraction", idle));
        } catch (RuntimeException e) {
            throw closer.closeAfter(e);
        }
    }

    /** The smallest power of two not below {@code n} (n ≥ 1): the span of the tree reduction. */
    static int powerOfTwoAtLeast(int n) {
        return Integer.highestOneBit(n) == n ? n : Integer.highestOneBit(n) << 1;
    }
}
