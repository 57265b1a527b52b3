package dev.mlbench.tracks.quantization;

/**
 * How far an output is from its reference.
 *
 * @param sqnrDb   10·log10(Σ ref² / Σ (out − ref)²); +∞ when exact, NaN when an output is not finite
 * @param cosine   cosine similarity of out and ref (1 when both are zero)
 * @param maxAbsErr largest |out − ref|
 * @param relRms   √(Σ (out − ref)² / Σ ref²)
 * @param finite   whether every output is finite
 */
public record Accuracy(double sqnrDb, double cosine, double maxAbsErr, double relRms, boolean finite) {

    /** Compares out with ref element by element. */
    public static Accuracy of(float[] out, double[] ref) {
        if (out.length != ref.length) {
            throw new IllegalArgumentException("output has " + out.length + " elements, reference has " + ref.length);
        }
        double signal = 0;
        double noise = 0;
        double dot = 0;
        double outSq = 0;
        double maxAbs = 0;
        boolean finite = true;
        for (int i = 0; i < out.length; i++) {
            double o = out[i];
            double r = ref[i];
            if (!Double.isFinite(o)) {
                finite = false;
                continue;
            }
            double e = o - r;
            signal += r * r;
            noise += e * e;
            dot += o * r;
            outSq += o * o;
            maxAbs = Math.max(maxAbs, Math.abs(e));
        }
        if (!finite) {
            return new Accuracy(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false);
        }
        double sqnr = noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
        double cosine = signal == 0 && outSq == 0 ? 1 : dot / Math.sqrt(signal * outSq);
        double relRms = signal == 0 ? (noise == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(noise / signal);
        return new Accuracy(sqnr, cosine, maxAbs, relRms, true);
    }
}
