package dev.mlbench.core.spi;

/**
 * The version of this SPI (the interfaces of this package), which plugin jars declare in their manifest as
 * {@value #MANIFEST_ATTRIBUTE}. It changes only when a change would break a compiled plugin (a method added
 * without a default, a signature changed or removed); see docs/plugins.md for the promise.
 */
public final class Spi {

    /** The SPI version this harness implements. */
    public static final int VERSION = 1;

    /** The manifest attribute a plugin jar declares the SPI version it was built against in. */
    public static final String MANIFEST_ATTRIBUTE = "Bench-SPI-Version";

    private Spi() {
    }
}
