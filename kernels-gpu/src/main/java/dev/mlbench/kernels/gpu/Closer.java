package dev.mlbench.kernels.gpu;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Native handles opened one after another, closed in reverse order. A prepare that fails halfway closes
 * what it opened; a close that fails still closes the rest and rethrows the first failure.
 */
public final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Registers {@code resource} for closing and returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Closes everything after a failure, attaching any close failure to {@code cause}, and returns the cause. */
    public <E extends Throwable> E closeAfter(E cause) {
        try {
            close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
        return cause;
    }
}
