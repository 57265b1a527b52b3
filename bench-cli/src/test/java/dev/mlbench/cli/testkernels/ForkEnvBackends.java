package dev.mlbench.cli.testkernels;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.ForkEnvironment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test backends that declare their forks' environment, for the harness's fork tests: one sets a marker variable,
 * one brings a class path of its own (so its kernels are checked in a child JVM) and sets the marker, and two set the
 * variable that makes {@link ForkEnvGemmKernels.Dying} kill its JVM, one of them with its own class path.
 */
public final class ForkEnvBackends {

    /** The variable every test backend sets in its forks. */
    public static final String MARK = "BENCH_TEST_FORK_MARK";
    /** Its value. */
    public static final String MARK_VALUE = "reached the fork";
    /** The variable that makes the dying kernel kill its own JVM. */
    public static final String DIE = "BENCH_TEST_FORK_DIE";

    private ForkEnvBackends() {
    }

    /** A backend known only by its name and fork environment. */
    abstract static class TestBackend implements Backend {
        private final String name;
        private final ForkEnvironment fork;

        TestBackend(String name, ForkEnvironment fork) {
            this.name = name;
            this.fork = fork;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test backend with its own fork environment";
        }

        @Override
        public Availability probe() {
            return Availability.available("test");
        }

        /** The marker as the JVM asking sees it, so a row shows which JVM reported its details. */
        @Override
        public Map<String, Object> details() {
            return Map.of("mark", String.valueOf(System.getenv(MARK)));
        }

        @Override
        public ForkEnvironment forkEnvironment() {
            return fork;
        }
    }

    /** A class path entry that adds nothing: enough to make the harness check in a child JVM. */
    private static List<Path> emptyStack() {
        return List.of(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Sets the marker in its JMH forks. */
    public static final class Marking extends TestBackend {
        public Marking() {
            super("test-fork-env", ForkEnvironment.variables(Map.of(MARK, MARK_VALUE), Set.of(), "test"));
        }
    }

    /** Its own class path and the marker: its kernels are checked in a child JVM. */
    public static final class OwnStack extends TestBackend {
        public OwnStack() {
            super("test-own-stack", new ForkEnvironment(emptyStack(), List.of(), Map.of(MARK, MARK_VALUE), Set.of(), "test"));
        }
    }

    /** Makes the dying kernel kill its JMH forks. */
    public static final class DyingForks extends TestBackend {
        public DyingForks() {
            super("test-dying-fork", ForkEnvironment.variables(Map.of(DIE, "1"), Set.of(), "test"));
        }
    }

    /** Its own class path, so the dying kernel kills the child JVM of its check. */
    public static final class DyingCheck extends TestBackend {
        public DyingCheck() {
            super("test-dying-check", new ForkEnvironment(emptyStack(), List.of(), Map.of(DIE, "1"), Set.of(), "test"));
        }
    }
}
