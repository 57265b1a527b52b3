package dev.mlbench.kernels.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads device source code ({@code .cl}, {@code .cu}) shipped as class-path resources next to its kernel class. */
public final class KernelSources {

    private KernelSources() {
    }

    /** The resource's text, resolved relative to {@code owner}'s package; fails clearly when it is missing. */
    public static String text(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("device source " + resource + " is missing next to " + owner.getName()
                        + " on the class path; the jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading device source " + resource, e);
        }
    }
}
