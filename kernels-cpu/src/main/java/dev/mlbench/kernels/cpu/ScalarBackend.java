package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;

/** Plain Java on the CPU: reference kernels and scalar baselines. Always available. */
public final class ScalarBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "cpu-scalar";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "plain Java loops on the CPU (references and scalar baselines)";
    }

    @Override
    public Availability probe() {
        return Availability.available("Java " + Runtime.version());
    }
}
