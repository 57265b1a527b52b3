package dev.mlbench.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plot area with a logarithmic y axis and either a logarithmic or a categorical x axis, written as inline SVG.
 * Coordinates are computed here, so the page needs no script to draw.
 */
final class SvgChart {

    static final int WIDTH = 760;
    static final int HEIGHT = 380;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 80;

    /** Colours for series, chosen to stay distinct for the colour-blind (Tableau 10). */
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
            "#9c755f", "#bab0ac");

    private final String cssClass;
    private final String title;
    private final double yMin;
    private final double yMax;
    private final double xMin;
    private final double xMax;
    private final List<String> categories;
    private final StringBuilder body = new StringBuilder();

    private SvgChart(String cssClass, String title, double xMin, double xMax, List<String> categories, double yMin, double yMax) {
        this.cssClass = cssClass;
        this.title = title;
        this.xMin = xMin;
        this.xMax = xMax;
        this.categories = categories;
        double[] y = widen(yMin, yMax);
        this.yMin = y[0];
        this.yMax = y[1];
    }

    /** Both axes logarithmic. */
    static SvgChart logLog(String cssClass, String title, double xMin, double xMax, double yMin, double yMax) {
        double[] x = widen(xMin, xMax);
        return new SvgChart(cssClass, title, x[0], x[1], null, yMin, yMax);
    }

    /** Categorical x axis, logarithmic y axis. */
    static SvgChart categoricalLog(String cssClass, String title, List<String> categories, double yMin, double yMax) {
        return new SvgChart(cssClass, title, 0, Math.max(1, categories.size()), List.copyOf(categories), yMin, yMax);
    }

    private static double[] widen(double lo, double hi) {
        if (!(lo > 0) || !Double.isFinite(lo)) {
            lo = 1;
        }
        if (!(hi > 0) || !Double.isFinite(hi) || hi < lo) {
            hi = lo;
        }
        return new double[] {lo / 1.6, hi * 1.6};
    }

    double x(double value) {
        if (categories != null) {
            double step = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, categories.size());
            return LEFT + step * (value + 0.5);
        }
        return LEFT + (WIDTH - LEFT - RIGHT) * (Math.log(value) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin));
    }

    double y(double value) {
        double v = Math.max(value, yMin);
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (Math.log(v) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin));
    }

    double xMin() {
        return xMin;
    }

    double xMax() {
        return xMax;
    }

    /** A line through points (x values in axis units); {@code series} (may be null) lets the legend hide it. */
    void line(String cls, String series, String color, double[] xs, double[] ys, String tip) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            pts.append(i == 0 ? "" : " ").append(f(x(xs[i]))).append(',').append(f(y(ys[i])));
        }
        body.append("<polyline class=\"").append(cls).append('"');
        if (series != null) {
            body.append(" data-series=\"").append(Html.esc(series)).append('"');
        }
        body.append(" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"").append(pts).append('"');
        if (tip != null) {
            body.append(" data-tip=\"").append(Html.esc(tip)).append('"');
        }
        body.append("/>\n");
    }

    /** A point with a hover text. */
    void point(String cls, String series, String color, double xv, double yv, String tip) {
        body.append("<circle class=\"").append(cls).append("\" data-series=\"").append(Html.esc(series)).append("\" cx=\"").append(f(x(xv)))
                .append("\" cy=\"").append(f(y(yv))).append("\" r=\"5\" fill=\"").append(color).append("\" data-tip=\"").append(Html.esc(tip))
                .append("\"><title>").append(Html.esc(tip)).append("</title></circle>\n");
    }

    /** A text label at axis coordinates. */
    void label(double xv, double yv, String text, String cls) {
        body.append("<text class=\"").append(cls).append("\" x=\"").append(f(x(xv))).append("\" y=\"").append(f(y(yv) - 6)).append("\">")
                .append(Html.esc(text)).append("</text>\n");
    }

    /** Adds raw SVG (already escaped). */
    void raw(String svg) {
        body.append(svg);
    }

    /** The whole {@code <svg>} element with axes, grid and labels. */
    String render(String xLabel, String yLabel) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart ").append(cssClass).append("\" role=\"img\" aria-label=\"").append(Html.esc(title))
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\">\n");
        sb.append("<rect class=\"plot-bg\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(WIDTH - LEFT - RIGHT)
                .append("\" height=\"").append(HEIGHT - TOP - BOTTOM).append("\" fill=\"#fbfbfb\" stroke=\"#999\"/>\n");
        for (double t : ticks(yMin, yMax)) {
            double py = y(t);
            sb.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(f(py))
                    .append("\" y2=\"").append(f(py)).append("\" stroke=\"#e3e3e3\"/><text class=\"tick\" text-anchor=\"end\" x=\"")
                    .append(LEFT - 6).append("\" y=\"").append(f(py + 4)).append("\">").append(num(t)).append("</text>\n");
        }
        if (categories == null) {
            for (double t : ticks(xMin, xMax)) {
                double px = x(t);
                sb.append("<line class=\"grid\" y1=\"").append(TOP).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" x1=\"").append(f(px))
                        .append("\" x2=\"").append(f(px)).append("\" stroke=\"#e3e3e3\"/><text class=\"tick\" text-anchor=\"middle\" x=\"")
                        .append(f(px)).append("\" y=\"").append(HEIGHT - BOTTOM + 16).append("\">").append(num(t)).append("</text>\n");
            }
        } else {
            for (int i = 0; i < categories.size(); i++) {
                double px = x(i);
                sb.append("<text class=\"tick category\" text-anchor=\"end\" transform=\"translate(").append(f(px)).append(',')
                        .append(HEIGHT - BOTTOM + 14).append(") rotate(-30)\">").append(Html.esc(categories.get(i))).append("</text>\n");
            }
        }
        sb.append("<text class=\"axis-label\" text-anchor=\"middle\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"")
                .append(HEIGHT - 6).append("\">").append(Html.esc(xLabel)).append("</text>\n");
        sb.append("<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(16,").append((TOP + HEIGHT - BOTTOM) / 2)
                .append(") rotate(-90)\">").append(Html.esc(yLabel)).append("</text>\n");
        sb.append(body);
        return sb.append("</svg>\n").toString();
    }

    /** Decades, plus 2 and 5 within them when the range spans less than three decades. */
    static List<Double> ticks(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        boolean fine = Math.log10(hi / lo) < 3;
        for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
            for (double m : fine ? new double[] {1, 2, 5} : new double[] {1}) {
                double t = m * Math.pow(10, e);
                if (t >= lo && t <= hi) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    static String num(double v) {
        if (v >= 1e4 || v < 1e-2) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
