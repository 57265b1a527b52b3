package dev.mlbench.kernels.cpu;

import dev.mlbench.core.spi.ForkEnvironment;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which compute core an OpenBLAS library runs, and whether that is the widest this CPU can run. OpenBLAS built with
 * {@code DYNAMIC_ARCH} picks a core at load: by its own CPU detection, or by {@code OPENBLAS_CORETYPE} when that is set.
 * Either can leave a peer far below its best (0.3.19 takes Zen 5 for an SSE-era {@code Barcelona}; an inherited
 * {@code OPENBLAS_CORETYPE=Haswell} caps it at AVX2), and a ratio against such a peer is not worth printing without
 * saying so. Shared by every backend that runs an OpenBLAS, whichever javacpp preset loaded it: the library is read
 * through the FFM API by symbol name, never through the preset's classes.
 */
public final class OpenBlasCore {

    /** The variable OpenBLAS reads at load to choose its core. */
    public static final String CORETYPE = "OPENBLAS_CORETYPE";
    /** The harness's option for choosing a core deliberately: the forks get it as {@value #CORETYPE}. */
    public static final String CHOSEN_CORETYPE = "BENCH_OPENBLAS_CORETYPE";
    /** Tells a fork why its OpenBLAS runs the core it does, for its rows. */
    static final String CHOICE = "BENCH_OPENBLAS_CORE_CHOICE";

    private static final Set<String> AVX512_CORES = Set.of("skylakex", "cooperlake", "sapphirerapids");
    private static final Set<String> AVX2_CORES = Set.of("haswell", "zen", "skylake", "atomx");
    private static final Set<String> AVX_CORES = Set.of("sandybridge", "bulldozer", "piledriver", "steamroller", "excavator");

    private OpenBlasCore() {
    }

    /**
     * The environment of the forks of a backend running an OpenBLAS: a deliberate {@value #CHOSEN_CORETYPE} passed on
     * as {@value #CORETYPE}; otherwise an inherited {@value #CORETYPE} removed and, where the library's own detection
     * is known to fall short ({@code bestCoreOverride} non-null), the core for this CPU set instead.
     *
     * @param environment      the harness's environment
     * @param bestCoreOverride the core to set when the library cannot detect this CPU itself, or null when it can
     * @param library          the library's name and version, for the reason
     */
    public static ForkEnvironment forkEnvironment(Map<String, String> environment, String bestCoreOverride, String library) {
        String chosen = environment.get(CHOSEN_CORETYPE);
        if (chosen != null && !chosen.isBlank()) {
            return told(Map.of(CORETYPE, chosen.trim()), Set.of(), "chosen by " + CHOSEN_CORETYPE + "=" + chosen.trim());
        }
        String inherited = environment.get(CORETYPE);
        if (bestCoreOverride != null) {
            return told(Map.of(CORETYPE, bestCoreOverride), Set.of(), "set to " + bestCoreOverride + " by the harness: " + library
                    + " does not detect this CPU" + (inherited == null ? "" : " (the inherited " + CORETYPE + "=" + inherited + " is not used)"));
        }
        if (inherited != null) {
            return told(Map.of(), Set.of(CORETYPE), "detected by " + library + ": the inherited " + CORETYPE + "=" + inherited
                    + " is not passed to its JVMs (set " + CHOSEN_CORETYPE + " to choose a core)");
        }
        return ForkEnvironment.INHERITED;
    }

    private static ForkEnvironment told(Map<String, String> set, Set<String> unset, String choice) {
        Map<String, String> all = new LinkedHashMap<>(set);
        all.put(CHOICE, choice);
        return ForkEnvironment.variables(all, unset, "OpenBLAS core " + choice);
    }

    /**
     * The core an older OpenBLAS should be told to run on this CPU: the widest core it has for the CPU's vector ISA
     * ({@code SkylakeX} for AVX-512, {@code Haswell} for AVX2), or null where its own detection is good enough.
     */
    public static String bestCoreFor(int cpuVectorBits, Set<String> cpuFlags) {
        if (cpuVectorBits >= 512) {
            return "SkylakeX";
        }
        if (cpuFlags.contains("avx2") && cpuFlags.contains("fma")) {
            return "Haswell";
        }
        return null;
    }

    /**
     * What the loaded OpenBLAS runs and whether that falls short of this CPU: {@code core} (its name for the core),
     * {@code core_vector_bits}, {@code cpu_vector_bits}, {@code core_choice} (why this core), and {@code warning} with
     * the cause and the fix where the core is narrower than the CPU's widest vector ISA and no one chose it.
     */
    public static Map<String, Object> details(Map<String, String> environment, String library) {
        Map<String, Object> d = new LinkedHashMap<>();
        String core = corename().orElse(null);
        int cpuBits = cpuVectorBits();
        d.put("core", core == null ? "unavailable: openblas_get_corename not found" : core);
        if (core == null) {
            return d;
        }
        int coreBits = coreVectorBits(core);
        d.put("core_vector_bits", coreBits);
        d.put("cpu_vector_bits", cpuBits);
        String coretype = environment.get(CORETYPE);
        String chosen = environment.get(CHOSEN_CORETYPE);
        boolean deliberate = chosen != null && !chosen.isBlank();
        String told = environment.get(CHOICE);
        d.put("core_choice", told != null ? told : deliberate ? "chosen by " + CHOSEN_CORETYPE + "=" + chosen.trim()
                : coretype != null ? "set by " + CORETYPE + "=" + coretype + " in the environment" : "detected by " + library);
        warning(core, coreBits, cpuBits, coretype, deliberate, library).ifPresent(w -> d.put(dev.mlbench.core.spi.Backend.WARNING, w));
        return d;
    }

    /** The warning for a core narrower than the CPU's widest vector ISA, unless it was chosen deliberately. */
    static Optional<String> warning(String core, int coreBits, int cpuBits, String coretype, boolean deliberate, String library) {
        if (deliberate || coreBits <= 0 || coreBits >= cpuBits) {
            return Optional.empty();
        }
        String cause = coretype != null
                ? CORETYPE + "=" + coretype + " in the environment"
                : library + "'s CPU detection";
        return Optional.of(library + " runs its " + core + " core (" + coreBits + "-bit vectors) on a CPU with " + cpuBits
                + "-bit vectors, because of " + cause + "; its ratios understate it. Fix: "
                + (coretype != null ? "unset " + CORETYPE : "use a newer OpenBLAS or set " + CHOSEN_CORETYPE + " to a wider core"));
    }

    /** The widest vector registers of a core OpenBLAS names, in bits; 0 for a name not known here. */
    static int coreVectorBits(String core) {
        String c = core.toLowerCase(Locale.ROOT).trim();
        if (AVX512_CORES.contains(c)) {
            return 512;
        }
        if (AVX2_CORES.contains(c) || AVX_CORES.contains(c)) {
            return 256;
        }
        if (c.isEmpty()) {
            return 0;
        }
        return 128; // Barcelona, Nehalem, Penryn, Core2, Prescott, Atom, Opteron...: SSE cores
    }

    /** The CPU's widest vector ISA in bits, from its flags in /proc/cpuinfo; 0 where they cannot be read. */
    public static int cpuVectorBits() {
        Set<String> flags = cpuFlags();
        if (flags.contains("avx512f")) {
            return 512;
        }
        if (flags.contains("avx")) {
            return 256;
        }
        return flags.contains("sse2") ? 128 : 0;
    }

    /** The first CPU's flags as /proc/cpuinfo lists them; empty where there is no such file. */
    public static Set<String> cpuFlags() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    return Set.copyOf(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no permission: no flags
        }
        return Set.of();
    }

    /** {@code openblas_get_corename()} of the OpenBLAS loaded in this JVM. */
    public static Optional<String> corename() {
        return callString("openblas_get_corename");
    }

    /** {@code openblas_get_config()}: version, build options and the running core. */
    public static Optional<String> config() {
        return callString("openblas_get_config");
    }

    private static Optional<String> callString(String function) {
        try {
            Optional<MemorySegment> symbol = SymbolLookup.loaderLookup().find(function);
            if (symbol.isEmpty()) {
                return Optional.empty();
            }
            MethodHandle call = Linker.nativeLinker().downcallHandle(symbol.get(), FunctionDescriptor.of(ValueLayout.ADDRESS));
            MemorySegment text = (MemorySegment) call.invokeExact();
            return text.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(text.reinterpret(1024).getString(0).trim());
        } catch (Throwable e) { // a missing symbol or restricted native access
            return Optional.empty();
        }
    }
}
