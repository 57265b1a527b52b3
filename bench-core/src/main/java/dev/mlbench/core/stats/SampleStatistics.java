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
 * @param ci95LowNs   lower end of the Student-t 95% confidence interval of the mean; null when n &lt; 2
 * @param ci95HighNs  upper end of that interval; null when n &lt; 2
 * @param cv          coefficient of variation, stddev / mean; null when n &lt; 2
 * @param n           number of samples
 */
public record SampleStatistics(double medianNs, double meanNs, Double stddevNs, Double ci95LowNs, Double ci95HighNs,
                               Double cv, int n) {

    /** Above this coefficient of variation a row is flagged as noisy. */
    public static final double NOISY_CV = 0.10;

    /** Computes the statistics of {@code samplesNs}; needs at least one sample. */
    public static SampleStatistics of(List<Double> samplesNs) {
        if (samplesNs.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        DescriptiveStatistics d = new DescriptiveStatistics();
        samplesNs.forEach(d::addValue);
        int n = samplesNs.size();
        double mean = d.getMean();
        double median = d.getPercentile(50);
        if (n < 2) {
            return new SampleStatistics(median, mean, null, null, null, null, n);
        }
        double sd = d.getStandardDeviation();
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        return new SampleStatistics(median, mean, sd, mean - half, mean + half, sd / mean, n);
    }

    /** Whether the samples vary more than {@link #NOISY_CV}. */
    public boolean noisy() {
        return cv != null && cv > NOISY_CV;
    }
}
