package dev.mlbench.predict;

/**
 * How well predictions match measurements.
 *
 * @param n     rows scored
 * @param r2Log coefficient of determination on the log of the target: 1 is perfect, 0 no better than the mean;
 *              null with fewer than two rows or no variation
 * @param mape  mean absolute percentage error on the target itself, in percent
 */
public record Scores(int n, Double r2Log, double mape) {

    /** Scores {@code predicted} against {@code actual}, row by row; both positive. */
    public static Scores of(double[] actual, double[] predicted) {
        int n = actual.length;
        double meanLog = 0;
        for (double a : actual) {
            meanLog += Math.log(a) / n;
        }
        double residual = 0;
        double total = 0;
        double ape = 0;
        for (int i = 0; i < n; i++) {
            double la = Math.log(actual[i]);
            residual += Math.pow(la - Math.log(predicted[i]), 2);
            total += Math.pow(la - meanLog, 2);
            ape += Math.abs(predicted[i] - actual[i]) / actual[i];
        }
        return new Scores(n, n < 2 || total == 0 ? null : 1 - residual / total, n == 0 ? 0 : 100 * ape / n);
    }
}
