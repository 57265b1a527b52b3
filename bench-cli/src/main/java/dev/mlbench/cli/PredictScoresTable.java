package dev.mlbench.cli;

import dev.mlbench.predict.Evaluation;
import dev.mlbench.predict.Scores;
import dev.mlbench.predict.Target;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints an {@link Evaluation}: the model's R² and MAPE beside the roofline's, per kernel, and the regret of its best pick. */
final class PredictScoresTable {

    private PredictScoresTable() {
    }

    /** Worst rows {@code train} lists under its held-out scores. */
    static final int TRAIN_WORST = 3;

    /** Prints {@code e}, an evaluation of a {@code target} model, with the first {@code worst} of its worst-predicted rows. */
    static void print(Evaluation e, Target target, boolean regret, int worst, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %d fold(s), %d held-out shape(s), %d host(s), %d rows scored%n", e.split(), e.folds(), e.shapes(), e.hosts(), e.rows());
        TextTable t = new TextTable(List.of("KERNEL", "ROWS", "MODEL R²", "MODEL MAPE", "ROOFLINE R²", "ROOFLINE MAPE", "ROOFLINE×K R²", "ROOFLINE×K MAPE"),
                false, true, true, true, true, true, true, true);
        List<Evaluation.KernelScores> rows = new ArrayList<>(e.kernels());
        if (rows.size() > 1) {
            rows.add(e.all());
        }
        for (Evaluation.KernelScores k : rows) {
            t.add(List.of(k.kernel(), Integer.toString(k.model().n()), r2(k.model()), mape(k.model()), r2(k.roofline()), mape(k.roofline()),
                    r2(k.scaledRoofline()), mape(k.scaledRoofline())));
        }
        t.print(out);
        out.println("R² is on the log of the target; ROOFLINE×K is the roofline times the kernel's median share of it in training.");
        if (regret) {
            Evaluation.Regret r = e.regret();
            if (r.shapes() == 0) {
                out.println("best setting: no held-out shape has two settings measured");
            } else {
                out.printf(Locale.ROOT, "best setting on %d held-out shape(s): median regret %s, 90th percentile %s; the first choice was the fastest on %.0f%%%n",
                        r.shapes(), pct(r.median()), pct(r.p90()), 100 * r.pickedBest());
            }
        }
        if (worst > 0 && e.worst() != null && !e.worst().isEmpty()) {
            out.println("largest errors on held-out rows:");
            TextTable w = new TextTable(List.of("KERNEL", "PARAMS", "SHAPE", "MEASURED", "PREDICTED", "ROOFLINE", "ERROR"),
                    false, false, false, true, true, true, true);
            e.worst().stream().limit(worst).forEach(m -> w.add(List.of(m.setting().kernel(), m.setting().paramsText(), shape(m.workload()),
                    PredictEstimateCommand.value(m.measured(), target), PredictEstimateCommand.value(m.predicted(), target), Units.duration(m.roofline()),
                    String.format(Locale.ROOT, "%+.0f%%", m.errorPct()))));
            w.print(out);
        }
    }

    private static String shape(Map<String, Object> workload) {
        // the dimensions: the whole numbers, which Values.normalize keeps as Long
        return workload.values().stream().filter(v -> v instanceof Long).map(String::valueOf).collect(Collectors.joining("x"));
    }

    private static String r2(Scores s) {
        return s == null || s.r2Log() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.r2Log());
    }

    private static String mape(Scores s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.mape());
    }

    private static String pct(Double fraction) {
        return fraction == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
