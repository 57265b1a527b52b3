package dev.mlbench.core.registry;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Backend;
import dev.mlbench.core.spi.EnvironmentProbe;
import dev.mlbench.core.spi.ForkEnvironment;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.PeakFlopsProbe;
import dev.mlbench.core.spi.Track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every track, kernel and backend visible to a class loader, found through {@link ServiceLoader}, so that
 * built-ins are found exactly as plugins are. Backend probes run at most once per registry.
 */
public final class Registry {

    private final Map<String, Track<?, ?, ?, ?>> tracks;
    private final Map<String, Map<String, Kernel<?, ?, ?>>> kernelsByTrack;
    private final Map<String, Backend> backends;
    private final List<EnvironmentProbe> environmentProbes;
    private final List<PeakFlopsProbe> peakFlopsProbes;
    private final Map<String, Availability> probed = new ConcurrentHashMap<>();
    private final List<String> rejected = new ArrayList<>();

    private Registry(ClassLoader loader) {
        List<String> clashes = new ArrayList<>();
        tracks = new LinkedHashMap<>();
        for (Track<?, ?, ?, ?> t : providers(Track.class, loader)) {
            String name = identity(t, "track", "name()", t::name);
            if (name != null && tracks.putIfAbsent(name, t) != null) {
                clashes.add("two tracks are named '" + name + "': " + origin(tracks.get(name)) + " and " + origin(t));
            }
        }
        backends = new LinkedHashMap<>();
        for (Backend b : providers(Backend.class, loader)) {
            String name = identity(b, "backend", "name()", b::name);
            if (name != null && backends.putIfAbsent(name, b) != null) {
                clashes.add("two backends are named '" + name + "': " + origin(backends.get(name)) + " and " + origin(b));
            }
        }
        kernelsByTrack = new LinkedHashMap<>();
        for (Kernel<?, ?, ?> k : providers(Kernel.class, loader)) {
            String name = identity(k, "kernel", "name()", k::name);
            String track = name == null ? null : identity(k, "kernel", "track()", k::track);
            if (track == null || identity(k, "kernel", "backend()", k::backend) == null) {
                continue;
            }
            Map<String, Kernel<?, ?, ?>> ofTrack = kernelsByTrack.computeIfAbsent(track, t -> new LinkedHashMap<>());
            if (ofTrack.putIfAbsent(name, k) != null) {
                clashes.add("two kernels of track '" + track + "' are named '" + name + "': "
                        + origin(ofTrack.get(name)) + " and " + origin(k));
            }
        }
        environmentProbes = providers(EnvironmentProbe.class, loader);
        peakFlopsProbes = providers(PeakFlopsProbe.class, loader);
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("conflicting plugins: " + String.join("; ", clashes));
        }
    }

    /**
     * What {@code provider}'s {@code method} returns, or null, with a line in {@link #rejected()}, when it returns
     * null or blank or throws: such a provider cannot be named in a definition or a row, so it is left out.
     */
    private String identity(Object provider, String kind, String method, java.util.function.Supplier<String> value) {
        String problem;
        try {
            String v = value.get();
            if (v != null && !v.isBlank()) {
                return v;
            }
            problem = "returned " + (v == null ? "null" : "a blank string");
        } catch (RuntimeException | LinkageError e) {
            problem = "threw " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        rejected.add(kind + " provider " + origin(provider) + " was left out: its " + method + " " + problem);
        return null;
    }

    /**
     * One line per provider left out because its name, track or backend could not be read, naming its class and
     * jar; everything else is registered.
     */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** The provider's class and the jar or folder it came from, e.g. "a.B (from plugins/x.jar)". */
    private static String origin(Object provider) {
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        String where = source == null || source.getLocation() == null ? "unknown location" : source.getLocation().getPath();
        return provider.getClass().getName() + " (from " + where + ")";
    }

    /**
     * Instantiates every provider of {@code service}; a provider that cannot be loaded (a missing class, a
     * constructor that throws) is reported by name instead of surfacing as a bare ServiceConfigurationError.
     */
    private static <S> List<S> providers(Class<S> service, ClassLoader loader) {
        List<S> found = new ArrayList<>();
        var it = ServiceLoader.load(service, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new IllegalStateException("cannot load a " + service.getSimpleName() + " provider: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
            }
        }
    }

    /** The registry of everything visible to {@code loader}. */
    public static Registry load(ClassLoader loader) {
        return new Registry(loader);
    }

    /** The registry of the built-ins on this class path. */
    public static Registry builtIn() {
        return load(Registry.class.getClassLoader());
    }

    /** Every track, by name, in discovery order. */
    public Map<String, Track<?, ?, ?, ?>> tracks() {
        return Collections.unmodifiableMap(tracks);
    }

    /** The track named {@code name}. */
    public Optional<Track<?, ?, ?, ?>> track(String name) {
        return Optional.ofNullable(tracks.get(name));
    }

    /** The kernels of {@code track}, by name. */
    public Map<String, Kernel<?, ?, ?>> kernels(String track) {
        return Collections.unmodifiableMap(kernelsByTrack.getOrDefault(track, Map.of()));
    }

    /** Every kernel of every track, grouped by track name (including kernels whose track is missing). */
    public Map<String, Map<String, Kernel<?, ?, ?>>> allKernels() {
        return Collections.unmodifiableMap(kernelsByTrack);
    }

    /** Every backend, by name. */
    public Map<String, Backend> backends() {
        return Collections.unmodifiableMap(backends);
    }

    /** Probes that add facts to the environment fingerprint. */
    public List<EnvironmentProbe> environmentProbes() {
        return environmentProbes;
    }

    /** The first peak-FLOP/s probe found, if any backend module provides one. */
    public Optional<PeakFlopsProbe> peakFlopsProbe() {
        return peakFlopsProbes.stream().findFirst();
    }

    /** The backend's availability, probed once and cached; a probe that throws counts as unavailable. */
    public Availability backendAvailability(String backend) {
        return probed.computeIfAbsent(backend, name -> {
            Backend b = backends.get(name);
            if (b == null) {
                return Availability.unavailable("no backend named '" + name + "' is installed");
            }
            try {
                return b.probe();
            } catch (RuntimeException | LinkageError e) {
                return Availability.unavailable("probe failed: " + e);
            }
        });
    }

    /**
     * The class path and environment of the backend's check and benchmark JVMs ({@link Backend#forkEnvironment()});
     * the harness's own for an unknown or unavailable backend, or one whose declaration throws.
     */
    public ForkEnvironment forkEnvironment(String backend) {
        Backend b = backends.get(backend);
        if (b == null || !backendAvailability(backend).available()) {
            return ForkEnvironment.INHERITED;
        }
        try {
            ForkEnvironment env = b.forkEnvironment();
            return env == null ? ForkEnvironment.INHERITED : env;
        } catch (RuntimeException | LinkageError e) {
            return ForkEnvironment.INHERITED;
        }
    }

    /** Whether the kernel can run here: its backend and then the kernel itself. */
    public Availability kernelAvailability(Kernel<?, ?, ?> kernel) {
        Availability backend = backendAvailability(kernel.backend());
        if (!backend.available()) {
            return Availability.unavailable("backend " + kernel.backend() + " unavailable: " + backend.reason());
        }
        try {
            return kernel.availability();
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("availability check failed: " + e);
        }
    }
}
