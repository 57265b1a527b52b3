package dev.mlbench.core.spi;

import java.util.Objects;

/**
 * Whether a backend or kernel can run on this machine, and if not, why.
 *
 * @param available true when it can run
 * @param reason    why it cannot run (or a short note on what was found when it can); never null
 */
public record Availability(boolean available, String reason) {

    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    /** Available, with a note on what was found (a library version, a device name). */
    public static Availability available(String note) {
        return new Availability(true, note);
    }

    /** Unavailable, with the reason a user can act on. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }

    /** Both must be available; the first unavailable one gives the reason. */
    public Availability and(Availability other) {
        if (!available) {
            return this;
        }
        return other.available ? this : other;
    }
}
