package dev.mlbench.tracks.softmax;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the logits of a softmax workload are drawn. Besides ordinary logits, the hostile kinds are the rows that
 * break a careless implementation: exp of a large logit overflows fp32, masked rows are almost all -inf, and
 * all-equal rows must come out exactly uniform.
 */
public enum SoftmaxDistribution {

    /** Standard normal logits: the ordinary case. */
    NORMAL("standard normal logits") {
        @Override
        void fillRow(float[] x, int offset, int n, SplittableRandom random) {
            for (int j = 0; j < n; j++) {
                x[offset + j] = (float) random.nextGaussian();
            }
        }
    },
    /** Uniform in [-1e4, 1e4]: exp of most logits overflows or underflows fp32 unless the row maximum is handled. */
    LARGE("uniform logits in [-1e4, 1e4]: exp overflows fp32 unless the row maximum is handled") {
        @Override
        void fillRow(float[] x, int offset, int n, SplittableRandom random) {
            for (int j = 0; j < n; j++) {
                x[offset + j] = (float) ((random.nextDouble() * 2 - 1) * LARGE_MAGNITUDE);
            }
        }
    },
    /** Every logit -inf but one standard normal value at a random position (an attention mask over all but one key). */
    MASKED("-inf everywhere but one finite logit per row, as under an attention mask") {
        @Override
        void fillRow(float[] x, int offset, int n, SplittableRandom random) {
            Arrays.fill(x, offset, offset + n, Float.NEGATIVE_INFINITY);
            x[offset + random.nextInt(n)] = (float) random.nextGaussian();
        }
    },
    /** One value repeated over the row, drawn per row from [-100, 100]: the output must be exactly uniform. */
    CONSTANT("all logits of a row equal (one value in [-100, 100] per row)") {
        @Override
        void fillRow(float[] x, int offset, int n, SplittableRandom random) {
            Arrays.fill(x, offset, offset + n, (float) ((random.nextDouble() * 2 - 1) * 100));
        }
    };

    /** The magnitude bound of {@link #LARGE} logits. */
    public static final double LARGE_MAGNITUDE = 1e4;

    private final String description;

    SoftmaxDistribution(String description) {
        this.description = description;
    }

    /** Fills {@code x[offset, offset + n)} with one row of logits. */
    abstract void fillRow(float[] x, int offset, int n, SplittableRandom random);

    /** The name written in definitions, e.g. {@code masked}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line saying what the rows look like. */
    public String description() {
        return description;
    }

    /** The distribution named {@code key}, or an exception naming the valid keys. */
    public static SoftmaxDistribution fromKey(String key) {
        for (SoftmaxDistribution d : values()) {
            if (d.key().equals(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown distribution '" + key + "'; valid: " + keys());
    }

    /** The valid keys, comma-separated. */
    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(SoftmaxDistribution::key).toList());
    }
}
