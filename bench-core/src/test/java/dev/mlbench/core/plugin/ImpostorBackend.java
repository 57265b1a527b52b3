package dev.mlbench.core.plugin;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;

/** A backend a plugin jar declares under the name of a built-in one: never registered on the test class path. */
public final class ImpostorBackend implements Backend {

    @Override
    public String name() {
        return "test-backend";
    }

    @Override
    public String description() {
        return "a second backend with a taken name";
    }

    @Override
    public Availability probe() {
        return Availability.available("always");
    }
}
