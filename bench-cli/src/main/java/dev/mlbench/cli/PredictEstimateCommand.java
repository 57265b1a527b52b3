package dev.mlbench.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mlbench.core.registry.Registry;
import dev.mlbench.core.results.ResultStore;
import dev.mlbench.core.spi.ParamValues;
import dev.mlbench.core.spi.Track;
import dev.mlbench.core.spi.Work;
import dev.mlbench.predict.Estimate;
import dev.mlbench.predict.HostFacts;
import dev.mlbench.predict.Predictor;
import dev.mlbench.predict.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code bench predict estimate}: a model's estimate of a shape for each kernel setting it knows. */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimates a shape's time (or energy) with a trained model, beside its roofline time.", "",
                "The shape gives the track's workload dimensions in the order the training rows list them (gemm: MxNxK); other "
                        + "workload entries take their most common training value. The interval is the 10th to 90th percentile of the trees. "
                        + "A shape, host or parameter outside what the model saw is flagged: a forest does not extrapolate.", "",
                "Examples:", "  bench predict estimate --model gemm-model.json --shape 3000x3000x3000 --best",
                "  bench predict estimate --model gemm-model.json --shape 1x4096x4096 --kernel vector --params threads=1 -f json", ""})
final class PredictEstimateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model written by 'bench predict train'.")
    Path model;

    @Option(names = "--track", paramLabel = "TRACK", description = "The track the shape belongs to; must be the model's (default: the model's).")
    String track;

    @Option(names = "--shape", paramLabel = "AxBxC", required = true, description = "The workload's dimensions, e.g. 3000x3000x3000 for gemm's m, n, k.")
    String shape;

    @Option(names = "--kernel", paramLabel = "KERNEL", description = "Only this kernel's settings (default: every setting the model knows).")
    String kernel;

    @Option(names = "--params", paramLabel = "K=V[,K=V]", split = ",",
            description = "Parameter values put over the known settings' (e.g. threads=1,kc=256); repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--best", description = "Rank the settings by predicted value, best first.")
    boolean best;

    @Option(names = "--host", paramLabel = "ID", description = "Which of the model's hosts (its id or a prefix; default: the one with most rows).")
    String host;

    @Mixin
    PluginOption plugins;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() throws Exception {
        Predictor predictor = Predictor.read(model);
        String modelTrack = predictor.file().track();
        if (track != null && !track.equals(modelTrack)) {
            throw new UsageError(model + " learnt track " + modelTrack + ", not " + track + "; train a model of " + track + " with 'bench predict train --track " + track + "'");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new UsageError("--params: expected KEY=VALUE, got '" + p + "'");
            }
            overrides.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        Map<String, Object> workload = predictor.workload(shape);
        HostFacts on = predictor.host(host);
        Work work = work(plugins.load(spec.commandLine().getErr()).registry(), modelTrack, workload);
        List<Estimate> estimates = new ArrayList<>(predictor.estimate(workload, work, on, predictor.settings(kernel, overrides)));
        if (best) {
            estimates.sort(Comparator.comparingDouble(e -> e.interval().predicted()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            printJson(estimates, predictor.target(), workload, out);
        } else {
            printTable(estimates, modelTrack, predictor.target(), on, out);
        }
        out.flush();
        return BenchCli.OK;
    }

    /** The track's own work model on the workload: the FLOPs and minimum bytes of a shape no row measured. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private Work work(Registry registry, String trackName, Map<String, Object> workload) {
        Track t = registry.track(trackName).orElseThrow(() -> new UsageError(model + " learnt track " + trackName
                + ", which this bench does not have: load its plugin with --plugins DIR"));
        try {
            return t.work(t.workload(new ParamValues(workload)));
        } catch (RuntimeException e) {
            throw new UsageError("--shape " + shape + ": not a workload of track " + trackName + ": " + e.getMessage());
        }
    }

    private void printJson(List<Estimate> estimates, Target target, Map<String, Object> workload, PrintWriter out) throws Exception {
        var writer = ResultStore.JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
        String unit = target.unit();
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            if (best) {
                o.put("rank", i + 1);
            }
            o.put("kernel", e.setting().kernel());
            o.put("backend", e.setting().backend());
            o.put("params", e.setting().params());
            o.put("shape", shape);
            o.put("workload", workload);
            o.put("predicted_" + unit, e.interval().predicted());
            o.put("low_" + unit, e.interval().low());
            o.put("high_" + unit, e.interval().high());
            o.put("roofline_ns", e.rooflineNs());
            o.put("warnings", e.warnings());
            out.println(writer.writeValueAsString(o));
        }
    }

    private void printTable(List<Estimate> estimates, String trackName, Target target, HostFacts on, PrintWriter out) {
        out.printf(Locale.ROOT, "%s %s on %s (%s, %d cores, %s GFLOP/s, %s GB/s); %s from %s%n", trackName, shape, on.id(), on.cpuModel(), on.cores(),
                on.calibration().peakGflops() == null ? "-" : Units.number(on.calibration().peakGflops()),
                Units.number(on.calibration().memBandwidthGbps()), target == Target.TIME ? "time per operation" : "energy per operation", model);
        TextTable t = new TextTable(List.of("RANK", "KERNEL", "BACKEND", "PARAMS", "PREDICTED", "10%-90% OF TREES", "ROOFLINE"),
                true, false, false, false, true, true, true);
        Set<String> warnings = new LinkedHashSet<>();
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            warnings.addAll(e.warnings());
            t.add(List.of(best ? Integer.toString(i + 1) : "-", e.setting().kernel(), e.setting().backend(), e.setting().paramsText(),
                    value(e.interval().predicted(), target) + (e.warnings().isEmpty() ? "" : " !"),
                    value(e.interval().low(), target) + " - " + value(e.interval().high(), target), Units.duration(e.rooflineNs())));
        }
        t.print(out);
        warnings.forEach(w -> out.println("! outside the training data: " + w));
    }

    /** A predicted or measured target with its unit. */
    static String value(double v, Target target) {
        return target == Target.TIME ? Units.duration(v) : String.format(Locale.ROOT, "%.3g J", v);
    }
}
