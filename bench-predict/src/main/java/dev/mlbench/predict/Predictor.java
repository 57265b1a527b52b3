package dev.mlbench.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.spi.Work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** A trained model, read from or written to its JSON file, that estimates kernel settings on shapes. */
public final class Predictor {

    private final ModelFile file;
    private final FittedForest forest;
    private final String source;

    Predictor(ModelFile file, FittedForest forest, String source) {
        this.file = file;
        this.forest = forest;
        this.source = source;
    }

    /** The model as saved. */
    public ModelFile file() {
        return file;
    }

    /** The target it predicts. */
    public Target target() {
        return Target.parse(file.target());
    }

    /** Writes the model to {@code path}, atomically. */
    public void write(Path path) throws IOException {
        ResultStore.write(file, path);
    }

    /**
     * Reads a model; a file that is missing, truncated, another kind of JSON or another library's model gives a
     * one-line {@link PredictInputException} starting with the path.
     */
    public static Predictor read(Path path) {
        String where = path.toString();
        JsonNode tree;
        try {
            tree = ResultStore.JSON.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new PredictInputException(where + ": no such file");
        } catch (JsonProcessingException e) {
            throw new PredictInputException(where + ": not a model: it is not valid JSON, perhaps truncated (" + oneLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new PredictInputException(where + ": cannot be read (" + oneLine(String.valueOf(e.getMessage())) + ")");
        }
        if (tree == null || !tree.isObject() || !ModelFile.FORMAT.equals(tree.path("format").asText(null))) {
            throw new PredictInputException(where + ": not a model: it has no \"format\": \"" + ModelFile.FORMAT
                    + "\" (write one with 'bench predict train')");
        }
        if (tree.path("format_version").asInt(-1) != ModelFile.FORMAT_VERSION) {
            throw new PredictInputException(where + ": model format version " + tree.path("format_version")
                    + "; this bench reads version " + ModelFile.FORMAT_VERSION + " (train it again)");
        }
        ModelFile file;
        try {
            file = ResultStore.JSON.treeToValue(tree, ModelFile.class);
        } catch (JsonProcessingException e) {
            throw new PredictInputException(where + ": does not match model format " + ModelFile.FORMAT_VERSION + " (" + oneLine(e.getOriginalMessage()) + ")");
        }
        require(where, "track", file.track());
        require(where, "target", file.target());
        require(where, "dimensions", file.dimensions());
        require(where, "workload_keys", file.workloadKeys());
        require(where, "workload_defaults", file.workloadDefaults());
        require(where, "feature_names", file.featureNames());
        require(where, "feature_ranges", file.featureRanges());
        require(where, "settings", file.settings());
        require(where, "hosts", file.hosts());
        require(where, "forest", file.forest());
        try {
            Target.parse(file.target());
        } catch (PredictInputException e) {
            throw new PredictInputException(where + ": target: " + e.getMessage());
        }
        if (file.hosts().isEmpty() || file.settings().isEmpty()) {
            throw new PredictInputException(where + ": the model lists no hosts or no kernel settings");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(file.forest());
        } catch (IllegalArgumentException e) {
            throw new PredictInputException(where + ": forest: not base64 (" + e.getMessage() + ")");
        }
        Forest forest = Forest.fromBytes(bytes, file.featureNames(), where);
        return new Predictor(file, new FittedForest(forest, file.featureNames(), file.featureRanges()), where);
    }

    private static void require(String where, String field, Object value) {
        if (value == null) {
            throw new PredictInputException(where + ": the model has no '" + field + "'");
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
    }

    /** The prediction for a measured row; a row of another track is refused. */
    public Interval predict(TrainingRow row) {
        if (!row.track().equals(file.track())) {
            throw new PredictInputException(row.file() + ": results[" + row.index() + "] is a row of track " + row.track()
                    + "; " + source + " learnt track " + file.track());
        }
        return forest.predict(row);
    }

    /**
     * The workload of {@code shape} ({@code AxBxC}, one value per dimension in the model's order), with the model's
     * most common value for every other entry.
     */
    public Map<String, Object> workload(String shape) {
        List<String> dims = file.dimensions();
        String[] parts = shape.trim().split("[xX×]", -1);
        String expected = String.join("x", dims);
        if (parts.length != dims.size()) {
            throw new PredictInputException("--shape " + shape + ": track " + file.track() + " has " + dims.size() + " dimension(s), "
                    + expected + " (e.g. --shape " + String.join("x", dims.stream().map(d -> "1024").toList()) + ")");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            long v;
            try {
                v = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                v = 0;
            }
            if (v < 1) {
                throw new PredictInputException("--shape " + shape + ": " + dims.get(i) + " must be a positive whole number, got '" + parts[i] + "'");
            }
            values.put(dims.get(i), v);
        }
        Map<String, Object> workload = new LinkedHashMap<>();
        for (String k : file.workloadKeys()) {
            Object v = values.containsKey(k) ? values.get(k) : file.workloadDefaults().get(k);
            if (v != null) {
                workload.put(k, v);
            }
        }
        return Values.normalize(workload);
    }

    /** The host {@code id} names (a prefix will do), or the one with the most training rows when null. */
    public HostFacts host(String id) {
        if (id == null) {
            return file.hosts().stream().max(Comparator.comparingInt(ModelFile.HostSeen::rows)).orElseThrow().host();
        }
        List<HostFacts> matches = file.hosts().stream().map(ModelFile.HostSeen::host).filter(h -> h.id().startsWith(id)).toList();
        if (matches.size() != 1) {
            throw new PredictInputException("--host " + id + ": " + (matches.isEmpty() ? "no" : "more than one") + " host of the model matches (it has "
                    + String.join(", ", file.hosts().stream().map(h -> h.host().id() + " " + h.host().cpuModel()).toList()) + ")");
        }
        return matches.get(0);
    }

    /**
     * The settings to estimate: every one the model saw, of {@code kernel} when not null, with {@code overrides} put
     * over their parameters (a setting that lacks an overridden parameter is left out).
     */
    public List<Setting> settings(String kernel, Map<String, String> overrides) {
        List<Setting> seen = file.settings().stream().filter(s -> kernel == null || s.kernel().equals(kernel)).toList();
        if (seen.isEmpty()) {
            throw new PredictInputException("--kernel " + kernel + ": the model has no rows of it (it knows "
                    + String.join(", ", new TreeSet<>(file.settings().stream().map(Setting::kernel).toList())) + ")");
        }
        LinkedHashSet<Setting> out = new LinkedHashSet<>();
        for (Setting s : seen) {
            if (!s.params().keySet().containsAll(overrides.keySet())) {
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>(s.params());
            overrides.forEach((k, v) -> params.put(k, Values.parse(v)));
            out.add(new Setting(s.kernel(), s.backend(), params));
        }
        if (out.isEmpty()) {
            TreeSet<String> known = new TreeSet<>();
            seen.forEach(s -> known.addAll(s.params().keySet()));
            throw new PredictInputException("--params: no setting of " + (kernel == null ? "any kernel" : kernel) + " in the model has "
                    + String.join(" and ", overrides.keySet()) + " (their parameters: " + String.join(", ", known) + ")");
        }
        return List.copyOf(out);
    }

    /** Estimates each of {@code settings} on {@code workload}, whose work is {@code work}, on {@code host}. */
    public List<Estimate> estimate(Map<String, Object> workload, Work work, HostFacts host, List<Setting> settings) {
        Objects.requireNonNull(work, "work");
        List<Estimate> out = new ArrayList<>();
        for (Setting s : settings) {
            Map<String, Double> features = Features.of(s, workload, work, host);
            out.add(new Estimate(s, forest.predict(features), host.rooflineNs(work, s.threads()), forest.outside(features)));
        }
        return List.copyOf(out);
    }
}
