package dev.mlbench.cli.testkernels;

import dev.mlbench.core.spi.KernelConfig;
import dev.mlbench.core.spi.Prepared;
import dev.mlbench.tracks.gemm.GemmInputs;
import dev.mlbench.tracks.gemm.GemmKernel;
import dev.mlbench.tracks.gemm.GemmTrack;
import dev.mlbench.tracks.gemm.GemmWorkload;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Kernels that attack the JVM they run in: each must fail its own row, with the reason, and leave the run going.
 * Run from an ordinary plugin's class path, as a user's kernel would.
 */
public final class HostileGemmKernels {

    /** The status {@link Halting} halts with. */
    public static final int HALT_STATUS = 77;
    /** The status {@link Exiting} exits with. */
    public static final int EXIT_STATUS = 3;

    /** Never set: the spinning loops read it so the JIT cannot prove them infinite and drop them. */
    static volatile boolean released;

    private HostileGemmKernels() {
    }

    /** A correct product of {@code w}'s inputs, for the kernels that must pass their check. */
    static Prepared<float[]> correct(GemmWorkload w, GemmInputs in, Runnable beforeEachRunAfterTheFirst) {
        float[] c = new float[w.m() * w.n()];
        return new Prepared<>() {
            private int runs;

            @Override
            public void run() {
                if (runs++ > 0) {
                    beforeEachRunAfterTheFirst.run();
                }
                double[] ref = GemmTrack.referenceProduct(w, in).c();
                for (int i = 0; i < c.length; i++) {
                    c[i] = (float) ref[i];
                }
            }

            @Override
            public float[] output() {
                return c;
            }
        };
    }

    static void spin() {
        while (!released) {
            Thread.onSpinWait(); // ignores interrupts, as a hung kernel would
        }
    }

    private abstract static class Hostile extends GemmKernel {
        @Override
        public String backend() {
            return "cpu-scalar";
        }
    }

    /** Spins forever in its timed operation, ignoring interrupts. */
    public static final class Spinning extends Hostile {
        @Override
        public String name() {
            return "spinning";
        }

        @Override
        public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
            return new Prepared<>() {
                @Override
                public void run() {
                    spin();
                }

                @Override
                public float[] output() {
                    return new float[w.m() * w.n()];
                }
            };
        }
    }

    /** Spins forever in {@code prepare}. */
    public static final class SpinningPrepare extends Hostile {
        @Override
        public String name() {
            return "spinning-prepare";
        }

        @Override
        public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
            spin();
            throw new AssertionError("unreachable");
        }
    }

    /** Halts its JVM with {@link #HALT_STATUS}: no shutdown hook runs. */
    public static final class Halting extends Hostile {
        @Override
        public String name() {
            return "halting";
        }

        @Override
        public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
            return new Prepared<>() {
                @Override
                public void run() {
                    Runtime.getRuntime().halt(HALT_STATUS);
                }

                @Override
                public float[] output() {
                    return new float[0];
                }
            };
        }
    }

    /** Calls {@code System.exit(EXIT_STATUS)} from its timed operation. */
    public static final class Exiting extends Hostile {
        @Override
        public String name() {
            return "exiting";
        }

        @Override
        public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
            return new Prepared<>() {
                @Override
                public void run() {
                    System.exit(EXIT_STATUS);
                }

                @Override
                public float[] output() {
                    return new float[0];
                }
            };
        }
    }

    /** Crashes its JVM natively: {@code strlen(NULL)} through the FFM linker segfaults inside libc. */
    public static final class Crashing extends Hostile {
        @Override
        public String name() {
            return "crashing";
        }

        @Override
        public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
            return new Prepared<>() {
                @Override
                public void run() throws Exception {
                    try {
                        crash();
                    } catch (Exception | Error e) {
                        throw e;
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                }

                @Override
                public float[] output() {
                    return new float[0];
                }
            };
        }

        /** Dereferences address 0 in native code. */
        public static long crash() throws Throwable {
            Linker linker = Linker.nativeLinker();
            MethodHandle strlen = linker.downcallHandle(linker.defaultLookup().find("strlen").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
            return (long) strlen.invokeExact(MemorySegment.NULL);
        }
    }

    /** Correct when checked (one operation), then spins from its second operation on: it hangs only under JMH. */
    public static final class SpinningWhenTimed extends Hostile {
        @Override
        public String name() {
            return "spinning-when-timed";
        }

        @Override
        public Prepared<float[]> prepare(GemmWorkload w, GemmInputs in, KernelConfig config) {
            return correct(w, in, HostileGemmKernels::spin);
        }
    }
}
