package dev.mlbench.core.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.util.List;

/**
 * Summary of a trial's per-iteration samples, in nanoseconds per operation.
 *
 * @param medianNs    median
 * @param meanNs      arithmetic mean
 * @param stddevNs    sample standard deviation (n - 1); null when n &lt; 2
 * @param ci95LowNs   lower end of the Student-t 95% confidence interval of the mean; null when n &lt; 2. It treats
 *                    every iteration as independent, which iterations of one JVM are not: read it as the spread
 *                    within the run, and {@code forkCv} for the noise between JVMs
 * @param ci95HighNs  upper end of that interval; null when n &lt; 2
 * @param cv          coefficient of variation, stddev / mean; null when n &lt; 2
 * @param n           number of samples
 * @param forks       number of JMH forks the samples came from; null when not recorded (schema 1 and 2)
 * @param forkCv      coefficient of variation of the forks' median times: the noise between JVMs, which is what
 *                    decides how small a change {@code bench compare} can see; null with fewer than two forks
 */
public record SampleStatistics(double medianNs, double meanNs, Double stddevNs, Double ci95LowNs, Double ci95HighNs,
                               Double cv, int n, Integer forks, Double forkCv) {

    /** Above this coefficient of variation a row is flagged as noisy. */
    public static final double NOISY_CV = 0.10;
    /** Above this half-width of the 95% interval, relative to the mean, a row is flagged as imprecise. */
    public static final double PRECISE_HALF_WIDTH = 0.20;

    /** Statistics without fork structure (read from schema 1 and 2 files). */
    public SampleStatistics(double medianNs, double meanNs, Double stddevNs, Double ci95LowNs, Double ci95HighNs, Double cv, int n) {
        this(medianNs, meanNs, stddevNs, ci95LowNs, ci95HighNs, cv, n, null, null);
    }

    /** Computes the statistics of {@code samplesNs} with no fork structure; needs at least one sample. */
    public static SampleStatistics of(List<Double> samplesNs) {
        return of(samplesNs, null);
    }

    /**
     * Computes the statistics of {@code samplesNs}, measured by the forks {@code sampleForks} names (one index per
     * sample; null when unknown); needs at least one sample.
     */
    public static SampleStatistics of(List<Double> samplesNs, List<Integer> sampleForks) {
        if (samplesNs.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        DescriptiveStatistics d = new DescriptiveStatistics();
        samplesNs.forEach(d::addValue);
        int n = samplesNs.size();
        double mean = d.getMean();
        double median = d.getPercentile(50);
        Integer forks = null;
        Double forkCv = null;
        if (sampleForks != null) {
            ForkSamples grouped = ForkSamples.of(samplesNs, sampleForks);
            forks = grouped.forkCount();
            forkCv = grouped.forkCv();
        }
        if (n < 2) {
            return new SampleStatistics(median, mean, null, null, null, null, n, forks, forkCv);
        }
        double sd = d.getStandardDeviation();
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        return new SampleStatistics(median, mean, sd, mean - half, mean + half, sd / mean, n, forks, forkCv);
    }

    /**
     * Whether the 95% interval of the mean is wider than ±{@link #PRECISE_HALF_WIDTH} of it, or unknown (one
     * sample): a few long samples (single-shot I/O, say) can vary little yet not pin the mean down.
     */
    public boolean imprecise() {
        return ci95LowNs == null || (ci95HighNs - ci95LowNs) / 2 > PRECISE_HALF_WIDTH * meanNs;
    }

    /** Whether the samples vary more than {@link #NOISY_CV}. */
    public boolean noisy() {
        return cv != null && cv > NOISY_CV;
    }
}
