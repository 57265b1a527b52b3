package dev.mlbench.core.plan;

import dev.mlbench.core.definition.KernelSelection;
import dev.mlbench.core.definition.TrackDefinition;
import dev.mlbench.core.definition.WorkloadGroup;
import dev.mlbench.core.measure.Profile;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.Kernel;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Track;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expands validated definitions into trials: the workloads of the chosen profile × the selected kernels
 * × their settings, workload-major so a workload's inputs and reference are made once for all kernels.
 * Kernels whose backend or own availability fails become skipped trials carrying the reason.
 */
public final class Planner {

    private final Registry registry;

    public Planner(Registry registry) {
        this.registry = registry;
    }

    /**
     * @param definition   what to run
     * @param profile      which workload groups run
     * @param kernelGlob   only kernels whose name matches this glob, or any of several globs separated by commas
     *                     outside braces ({@code vector*,reference}; {@code {a,b}*} stays one glob), or empty for all
     * @param backend      only kernels of this backend, or empty for all
     */
    public List<Trial> plan(TrackDefinition definition, Profile profile, Optional<String> kernelGlob, Optional<String> backend) {
        List<PathMatcher> matchers = kernelGlob.map(Planner::globs).orElse(List.of()).stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        List<Trial> trials = new ArrayList<>();
        Track<?, ?, ?, ?> track = registry.track(definition.track()).orElseThrow();
        for (WorkloadGroup group : definition.groups()) {
            if (!group.profiles().contains(profile.workloads())) {
                continue;
            }
            for (ParamValues workload : group.workloads()) {
                for (KernelSelection selection : definition.kernels()) {
                    Kernel<?, ?, ?> kernel = registry.kernels(definition.track()).get(selection.name());
                    if (!selection.runsOn(group.name())
                            || (!matchers.isEmpty() && matchers.stream().noneMatch(m -> m.matches(Path.of(kernel.name()))))
                            || (backend.isPresent() && !backend.get().equals(kernel.backend()))) {
                        continue;
                    }
                    Availability availability = registry.kernelAvailability(kernel);
                    String skip = availability.available() ? unsupported(kernel, track, workload) : availability.reason();
                    for (ParamValues params : selection.settings()) {
                        trials.add(new Trial(definition.track(), kernel.name(), kernel.backend(), group.name(), workload, params,
                                selection.tolerance().orElse(definition.tolerance()), definition.seed(), group.cache(), skip));
                    }
                }
            }
        }
        return trials;
    }

    /** {@code text} split at the commas that are not inside a glob's {@code {...}} group; empty parts dropped. */
    static List<String> globs(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && (depth == 0 || i == text.length())) {
                String part = text.substring(start, i).trim();
                if (!part.isEmpty()) {
                    out.add(part);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** The kernel's reason for not serving this workload, or null when it does. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String unsupported(Kernel kernel, Track track, ParamValues values) {
        Optional<String> reason = kernel.unsupported(track.workload(values));
        return reason.map(r -> "kernel " + kernel.name() + " does not serve this workload: " + r).orElse(null);
    }
}
