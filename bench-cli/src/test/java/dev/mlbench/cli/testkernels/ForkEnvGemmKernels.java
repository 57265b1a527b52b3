package dev.mlbench.cli.testkernels;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.io.IOException;
import java.util.Map;

/** Correct GEMM kernels on the backends of {@link ForkEnvBackends}, reporting what environment they ran in. */
public final class ForkEnvGemmKernels {

    private ForkEnvGemmKernels() {
    }

    private static double marked() {
        return ForkEnvBackends.MARK_VALUE.equals(System.getenv(ForkEnvBackends.MARK)) ? 1 : 0;
    }

    /** A correct product that reports {@code env_seen} (1 when the marker was set) after the check and per iteration. */
    abstract static class Reporting extends GemmKernel {
        private final String name;
        private final String backend;

        Reporting(String name, String backend) {
            this.name = name;
            this.backend = backend;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String backend() {
            return backend;
        }

        /** Called in prepare, before anything is computed. */
        void beforePrepare() {
        }

        @Override
        public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
            beforePrepare();
            float[] c = new float[w.m() * w.n()];
            return new Prepared<>() {
                @Override
                public void run() {
                    double[] ref = GemmTrack.referenceProduct(w, in).c();
                    for (int i = 0; i < c.length; i++) {
                        c[i] = (float) ref[i];
                    }
                }

                @Override
                public float[] output() {
                    return c;
                }

                @Override
                public Map<String, Double> metrics() {
                    return Map.of("check_env_seen", marked());
                }

                @Override
                public Map<String, Double> iterationCounters() {
                    return Map.of("fork_env_seen", marked());
                }
            };
        }
    }

    /** On {@code test-fork-env}. */
    public static final class ForkEnv extends Reporting {
        public ForkEnv() {
            super("fork-env", "test-fork-env");
        }
    }

    /** On {@code test-own-stack}: checked in a child JVM. */
    public static final class OwnStack extends Reporting {
        public OwnStack() {
            super("own-stack", "test-own-stack");
        }
    }

    /** Kills its own JVM with SIGKILL when {@link ForkEnvBackends#DIE} is set, as a native crash at load would. */
    abstract static class Dying extends Reporting {
        Dying(String name, String backend) {
            super(name, backend);
        }

        @Override
        void beforePrepare() {
            if (System.getenv(ForkEnvBackends.DIE) == null) {
                return;
            }
            try {
                new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
                Thread.sleep(60_000);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not kill the JVM: " + e);
            }
        }
    }

    /** Checked in the harness, dies in its JMH fork. */
    public static final class DyingFork extends Dying {
        public DyingFork() {
            super("dying-fork", "test-dying-fork");
        }
    }

    /** Dies in the child JVM of its check. */
    public static final class DyingCheck extends Dying {
        public DyingCheck() {
            super("dying-check", "test-dying-check");
        }
    }
}
