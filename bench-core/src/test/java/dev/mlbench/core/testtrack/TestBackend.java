package dev.mlbench.core.testtrack;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;

/** An always-available backend for the test track. */
public final class TestBackend implements Backend {

    @Override
    public String name() {
        return "test-backend";
    }

    @Override
    public String description() {
        return "test backend";
    }

    @Override
    public Availability probe() {
        return Availability.available("always");
    }
}
