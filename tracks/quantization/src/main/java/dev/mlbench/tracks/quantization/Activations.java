package dev.mlbench.tracks.quantization;

/** How the activations X are drawn. */
public enum Activations {
    /** Every element standard normal. */
    GAUSSIAN,
    /**
     * Standard normal, except a few systematic outlier channels (columns), k/512 of them and at least one,
     * scaled by a factor drawn uniformly from [10, 100] per channel, the same for every row (as LLM.int8()
     * describes for large language models).
     */
    OUTLIERS;

    /** The name used in definitions. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind with this name. */
    public static Activations of(String name) {
        for (Activations a : values()) {
            if (a.label().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activations '" + name + "'; known: gaussian, outliers");
    }
}
