package dev.mlbench.core.testtrack;

import dev.mlbench.core.spi.Correctness;
import dev.mlbench.core.spi.ParamSpec;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Tolerance;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;

import java.util.List;
import java.util.SplittableRandom;

/** A tiny track for the core's own tests: y = a·x + 1 over n floats. */
public final class AxpyTrack implements Track<AxpyTrack.Shape, float[], float[], double[]> {

    /** The workload: vector length and a scale. */
    public record Shape(int n, double a) {
    }

    @Override
    public String name() {
        return "axpy";
    }

    @Override
    public String description() {
        return "y = a*x + 1 (test track)";
    }

    @Override
    public List<ParamSpec> workloadParams() {
        return List.of(ParamSpec.requiredInt("n", 1, 1L << 30, "vector length"),
                new ParamSpec("a", ParamSpec.Type.DOUBLE, -1e6, 1e6, 2.0, "scale"));
    }

    @Override
    public Shape workload(ParamValues v) {
        if (v.getInt("n") == 13) {
            throw new IllegalArgumentException("13 is unlucky");
        }
        return new Shape(v.getInt("n"), v.getDouble("a"));
    }

    @Override
    public String label(Shape s) {
        return "n=" + s.n();
    }

    @Override
    public Tolerance defaultTolerance() {
        return new Tolerance(0, 1e-6);
    }

    @Override
    public float[] inputs(Shape s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[s.n()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    @Override
    public double[] reference(Shape s, float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = s.a() * x[i] + 1;
        }
        return y;
    }

    @Override
    public Correctness check(Shape s, float[] out, double[] ref, Tolerance t) {
        return Correctness.compare(out, ref, t);
    }

    @Override
    public Work work(Shape s) {
        return new Work(2.0 * s.n(), 8.0 * s.n());
    }

    @Override
    public long footprintBytes(Shape s) {
        return 16L * s.n();
    }
}
