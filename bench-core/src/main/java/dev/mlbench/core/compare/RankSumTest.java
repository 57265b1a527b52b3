package dev.mlbench.core.compare;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.List;

/**
 * The Mann-Whitney U test (Commons Math; normal approximation, ties ranked by their average) on two sets of
 * per-iteration samples, and the classification of a change into a {@link Verdict}. Rank-based, so one outlier
 * iteration (a GC pause, another process) cannot decide the result the way it moves a mean.
 */
public final class RankSumTest {

    private RankSumTest() {
    }

    /** Two-sided p-value that {@code a} and {@code b} come from the same distribution. */
    public static double pValue(List<Double> a, List<Double> b) {
        return new MannWhitneyUTest().mannWhitneyUTest(toArray(a), toArray(b));
    }

    /**
     * The smallest p-value the test can give with {@code n1} and {@code n2} samples (every sample of one set below
     * every sample of the other). When it is not below alpha, no difference can ever be significant.
     */
    public static double smallestPValue(int n1, int n2) {
        double[] low = new double[n1];
        double[] high = new double[n2];
        for (int i = 0; i < n1; i++) {
            low[i] = i;
        }
        for (int i = 0; i < n2; i++) {
            high[i] = n1 + i;
        }
        return new MannWhitneyUTest().mannWhitneyUTest(low, high);
    }

    /** Median of {@code samples}. */
    public static double median(List<Double> samples) {
        return new Median().evaluate(toArray(samples));
    }

    /**
     * Classifies BASE and CUR samples of one row.
     *
     * @return the verdict with its change, p-value and reason
     */
    public static Outcome classify(List<Double> base, List<Double> cur, CompareSettings settings) {
        double baseMedian = median(base);
        double curMedian = median(cur);
        double change = curMedian / baseMedian - 1;
        String pct = String.format(java.util.Locale.ROOT, "%+.1f%%", 100 * change);
        double floor = smallestPValue(base.size(), cur.size());
        if (!(floor < settings.alpha())) {
            return new Outcome(Verdict.UNSURE, change, Double.NaN, String.format(java.util.Locale.ROOT,
                    "too few samples (%d and %d) to be significant at alpha %s; measure with more iterations or forks (e.g. --profile standard)",
                    base.size(), cur.size(), fmt(settings.alpha())));
        }
        double p = pValue(base, cur);
        boolean significant = p < settings.alpha();
        boolean large = Math.abs(change) >= settings.threshold();
        String stats = String.format(java.util.Locale.ROOT, "median time %s, p=%.2g", pct, p);
        if (significant && large) {
            return new Outcome(change > 0 ? Verdict.SLOWER : Verdict.FASTER, change, p, stats);
        }
        if (significant) {
            return new Outcome(Verdict.UNSURE, change, p, stats + ": significant but below the " + percent(settings.threshold()) + " threshold");
        }
        if (large) {
            return new Outcome(Verdict.UNSURE, change, p, stats + ": at least " + percent(settings.threshold())
                    + " but not significant at alpha " + fmt(settings.alpha()) + " (noisy; rerun or add iterations)");
        }
        return new Outcome(Verdict.SAME, change, p, stats);
    }

    /**
     * @param verdict SAME, FASTER, SLOWER or UNSURE
     * @param change  CUR median / BASE median − 1
     * @param pValue  the test's p-value; NaN when too few samples to test
     * @param reason  in words
     */
    public record Outcome(Verdict verdict, double change, double pValue, String reason) {
    }

    private static String percent(double fraction) {
        return fmt(100 * fraction) + "%";
    }

    private static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static double[] toArray(List<Double> samples) {
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
