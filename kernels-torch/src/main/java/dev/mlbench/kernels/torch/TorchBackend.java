package dev.mlbench.kernels.torch;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.ForkEnvironment;
import dev.mlbench.kernels.cpu.OpenBlasCore;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libtorch on the CPU, through javacpp's PyTorch preset: the peer ML users compare against first. Its native jar is
 * about 90 MB and once crashed while loading, so the harness never loads it: the pytorch jars sit in
 * {@code torch-stack} beside this module's jar, and only the check and benchmark JVMs of this backend get them on
 * their class path. Where pytorch is on the class path already (this module's tests, and those JVMs), it runs in
 * process.
 */
public final class TorchBackend implements Backend {

    /** The backend's name. */
    public static final String NAME = "torch";
    /** Overrides where the torch stack is looked for. */
    public static final String STACK_PROPERTY = "bench.torch.stack";
    /** How to get libtorch when it is missing. */
    static final String HOW_TO_INSTALL = "libtorch's native jar (about 90 MB) is not installed; it comes with the build profile "
            + "'torch': BENCH_TORCH=1 ./bench ..., or mvn install -Ptorch";
    private static final Pattern CAPABILITY = Pattern.compile("CPU capability usage: (\\S+)");
    private static final Pattern ONEDNN = Pattern.compile("MKL-DNN v(\\S+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PyTorch's libtorch (oneDNN, FBGEMM, OpenBLAS) on the CPU, in JVMs of its own";
    }

    @Override
    public Availability probe() {
        return Holder.AVAILABILITY;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        if (!torchOnClassPath()) {
            d.put("stack", stack().toString());
            return d;
        }
        String config = Config.TEXT;
        d.put("version", version());
        Optional<String> capability = match(CAPABILITY, config);
        match(ONEDNN, config).ifPresent(v -> d.put("onednn", v));
        d.put("threads", torch.get_num_threads());
        int cpuBits = OpenBlasCore.cpuVectorBits();
        int bits = capability.map(TorchBackend::capabilityBits).orElse(0);
        d.put("core", capability.orElse("unknown"));
        d.put("core_vector_bits", bits);
        d.put("cpu_vector_bits", cpuBits);
        String forced = System.getenv("ATEN_CPU_CAPABILITY");
        d.put("core_choice", forced == null || forced.isBlank() ? "detected by libtorch" : "chosen by ATEN_CPU_CAPABILITY=" + forced);
        if (bits > 0 && bits < cpuBits && (forced == null || forced.isBlank())) {
            d.put(WARNING, "libtorch runs its " + capability.get() + " kernels (" + bits + "-bit vectors) on a CPU with " + cpuBits
                    + "-bit vectors; its ratios understate it. Fix: a libtorch built for this ISA");
        }
        return d;
    }

    @Override
    public ForkEnvironment forkEnvironment() {
        if (torchOnClassPath()) {
            return ForkEnvironment.INHERITED;
        }
        return new ForkEnvironment(stackJars(), List.of(), Map.of(), Set.of(), "libtorch is loaded only in JVMs of its own");
    }

    /** The width of the vectors of an ATen CPU capability ({@code AVX2}, {@code AVX512}, {@code DEFAULT}). */
    static int capabilityBits(String capability) {
        String c = capability.toUpperCase(Locale.ROOT);
        if (c.startsWith("AVX512")) {
            return 512;
        }
        if (c.startsWith("AVX")) {
            return 256;
        }
        return c.equals("DEFAULT") || c.startsWith("SSE") ? 128 : 0;
    }

    private static Optional<String> match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether the pytorch classes can be loaded by this JVM (its stack is on the class path). */
    static boolean torchOnClassPath() {
        try {
            Class.forName("org.bytedeco.pytorch.global.torch", false, TorchBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether libtorch's natives for this platform are on the class path (without loading them). */
    static boolean nativesOnClassPath() {
        return TorchBackend.class.getClassLoader().getResource("org/bytedeco/pytorch/" + Loader.getPlatform() + "/libtorch_cpu.so") != null;
    }

    /**
     * The torch stack: {@value #STACK_PROPERTY} when set, else the {@code torch-stack} folder beside this module's
     * jar (or beside its classes folder in a build tree).
     */
    static Path stack() {
        return ForkEnvironment.stackFolder(TorchBackend.class, "torch-stack", STACK_PROPERTY);
    }

    private static List<Path> stackJars() {
        return ForkEnvironment.jarsIn(stack());
    }

    /** The preset's version, which names libtorch's: {@code 2.10.0-1.5.13}. */
    static String version() {
        String v = torch.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** libtorch's build configuration, read once: it does not change while the JVM runs. */
    private static final class Config {
        static final String TEXT = torch.show_config().getString();
    }

    private static final class Holder {
        static final Availability AVAILABILITY = probeOnce();
    }

    private static Availability probeOnce() {
        if (!torchOnClassPath()) {
            List<Path> jars = stackJars();
            // the natives are the jar with the platform classifier, e.g. pytorch-2.10.0-1.5.13-linux-x86_64.jar
            boolean natives = jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("pytorch-")
                    && j.getFileName().toString().endsWith("-linux-x86_64.jar"));
            if (!natives) {
                return Availability.unavailable(HOW_TO_INSTALL + " (looked in " + stack() + ")");
            }
            return Availability.available("libtorch in JVMs of its own stack (" + jars.size() + " jars in " + stack() + ")");
        }
        if (!nativesOnClassPath()) {
            return Availability.unavailable(HOW_TO_INSTALL);
        }
        try {
            Loader.load(torch.class);
            return Availability.available("libtorch " + version());
        } catch (Throwable e) { // a missing or broken native library surfaces as several kinds of errors
            return Availability.unavailable("libtorch could not be loaded: " + e);
        }
    }
}
