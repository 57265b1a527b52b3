package dev.mlbench.core.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * How much CUR's time changed against BASE's on one row, with the evidence for it: the ratio of median times,
 * the bootstrap standard error of its logarithm (resampling forks, then iterations within each fork), and the
 * one-sided p-values of "slower by more than δ" and "faster by more than δ". Holds no verdict of its own, so a
 * comparison of two runs and a view over a history of runs can reuse it with their own error control.
 *
 * <p>The interval is {@code exp(log ratio ± z·se)}: normal on the log scale, with the standard error taken from
 * the bootstrap replicates. The p-values of a change beyond δ use Student's t with (fewer forks − 1) degrees of
 * freedom instead of the normal: a family-wise correction tests far out in the tail (alpha over the rows), where
 * a standard error estimated from 5 or 10 independent forks is least certain. With the normal tail, 6 of 60 A/A
 * comparisons of real GEMM rows, 5 forks against 5 on a loaded machine, showed a false SLOWER row; the t tail
 * removes that (docs/gate.md). Both are smooth where a few thousand replicates could not resolve such levels.
 *
 * @param ratio          CUR median time over BASE median time (above 1: slower)
 * @param logSe          bootstrap standard error of {@code log(ratio)}
 * @param baseForks      forks of BASE's row
 * @param curForks       forks of CUR's row
 * @param forksRecorded  whether both rows recorded their forks (false: each was taken as one fork)
 * @param threshold      the practical margin δ the p-values test against, as a fraction
 * @param pSlower        p-value of "the true ratio is at most 1 + δ" given the data
 * @param pFaster        p-value of "the true ratio is at least 1 − δ" given the data
 */
public record ChangeEstimate(double ratio, double logSe, int baseForks, int curForks, boolean forksRecorded, double threshold,
                             double pSlower, double pFaster) {

    /** Bootstrap replicates per row by default: enough for a standard error to within about 2%. */
    public static final int DEFAULT_REPLICATES = 2000;
    /** Power the minimum detectable effect is quoted at. */
    public static final double POWER = 0.80;
    /** Above this many forks per side, a row is reported as undecidable by more forks. */
    public static final int MAX_FORKS_SUGGESTED = 1000;

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    /**
     * Estimates the change from {@code base} to {@code cur} against the margin {@code threshold} (a fraction, from
     * 0 up to but excluding 1) with {@code replicates} bootstrap replicates seeded with {@code seed}.
     */
    public static ChangeEstimate of(ForkSamples base, ForkSamples cur, double threshold, int replicates, long seed) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be a fraction from 0 to 1, got " + threshold);
        }
        double[] r = HierarchicalBootstrap.medianRatio(base.cluster(), cur.cluster(), replicates, seed);
        double ratio = r[0];
        double se = r[1];
        double log = Math.log(ratio);
        int df = Math.max(1, Math.min(base.forkCount(), cur.forkCount()) - 1);
        double pSlower = upperTail(log - Math.log(1 + threshold), se, df);
        double pFaster = threshold == 0 ? upperTail(-log, se, df) : upperTail(Math.log(1 - threshold) - log, se, df);
        return new ChangeEstimate(ratio, se, base.forkCount(), cur.forkCount(), base.recorded() && cur.recorded(), threshold, pSlower, pFaster);
    }

    /** CUR's median over BASE's, minus one: positive when slower. */
    public double change() {
        return ratio - 1;
    }

    /** The lower end of the two-sided interval of the ratio at {@code level} (0.95: the 95% interval). */
    public double low(double level) {
        return Math.exp(Math.log(ratio) - z(level) * logSe);
    }

    /** The upper end of the two-sided interval of the ratio at {@code level}. */
    public double high(double level) {
        return Math.exp(Math.log(ratio) + z(level) * logSe);
    }

    /** The two-sided p-value of a change beyond δ in either direction: twice the smaller one-sided one. */
    public double pChanged() {
        return Math.min(1, 2 * Math.min(pSlower, pFaster));
    }

    /** Whether the interval at {@code level} lies within ±δ: the change is, with that confidence, smaller than δ. */
    public boolean within(double level) {
        return low(level) >= 1 - threshold && high(level) <= 1 + threshold;
    }

    /**
     * The smallest slowdown, as a fraction, that this row's noise lets a test at two-sided level {@code alpha}
     * detect beyond δ with {@link #POWER} power, assuming forks as noisy as these.
     */
    public double minDetectableChange(double alpha) {
        int df = degreesOfFreedom(Math.min(baseForks, curForks));
        return (1 + threshold) * Math.exp((tTwoSided(alpha, df) + new TDistribution(null, df).inverseCumulativeProbability(POWER)) * logSe) - 1;
    }

    /**
     * Forks per side that would make this row decidable at two-sided level {@code alpha} (beyond δ) or at 95%
     * (within ±δ), if its change and its forks' spread stayed as they are: the standard error shrinks as one over
     * the square root of the forks. Empty when the estimate sits so close to ±δ that no sensible number of forks
     * (at most {@value #MAX_FORKS_SUGGESTED}) would decide it, or when there is no spread to scale.
     */
    public java.util.OptionalInt forksNeeded(double alpha) {
        double log = Math.log(ratio);
        double upper = Math.log(1 + threshold);
        double lower = threshold == 0 ? -upper : Math.log(1 - threshold);
        boolean beyond = log > upper || log < lower;
        double distance = beyond ? (log > upper ? log - upper : lower - log) : Math.min(upper - log, log - lower);
        int now = Math.min(baseForks, curForks);
        if (!(logSe > 0) || !(distance > 0)) {
            return java.util.OptionalInt.empty();
        }
        for (int n = now + 1; n <= MAX_FORKS_SUGGESTED; n++) {
            double z = beyond ? tTwoSided(alpha, degreesOfFreedom(n)) : zTwoSided(0.05);
            if (z * logSe * Math.sqrt((double) now / n) < distance) {
                return java.util.OptionalInt.of(n);
            }
        }
        return java.util.OptionalInt.empty();
    }

    private static double upperTail(double distance, double se, int df) {
        if (se > 0) {
            return 1 - new TDistribution(null, df).cumulativeProbability(distance / se);
        }
        return distance > 0 ? 0 : 1;
    }

    private static int degreesOfFreedom(int forks) {
        return Math.max(1, forks - 1);
    }

    private static double tTwoSided(double alpha, int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
    }

    private static double z(double level) {
        return zTwoSided(1 - level);
    }

    private static double zTwoSided(double alpha) {
        return NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    }
}
