package dev.mlbench.core.plugin;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.core.testtrack.AxpyTrack;

/** Providers a careless plugin could ship: never registered on the test class path. */
public final class NamelessProviders {

    private NamelessProviders() {
    }

    /** A backend whose name is null. */
    public static final class NullNamedBackend implements Backend {
        @Override
        public String name() {
            return null;
        }

        @Override
        public String description() {
            return "no name";
        }

        @Override
        public Availability probe() {
            return Availability.available("always");
        }
    }

    /** A kernel whose name throws. */
    public static final class ThrowingNameKernel implements Kernel<AxpyTrack.Shape, float[], float[]> {
        @Override
        public String name() {
            throw new IllegalStateException("no name yet");
        }

        @Override
        public String track() {
            return "axpy";
        }

        @Override
        public String backend() {
            return "test-backend";
        }

        @Override
        public Prepared<float[]> prepare(AxpyTrack.Shape s, float[] x, KernelConfig config) {
            throw new UnsupportedOperationException("never prepared");
        }
    }
}
