package org.fmnist.examples.report;

import org.fmnist.data.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Curves of several seeds per variant: the mean over seeds as a line, and a translucent band of one
 * standard deviation either side of it, against epochs or any other increasing x (a perturbation's
 * strength, say). Panels stand side by side on one shared y axis, so that a difference between panels
 * reads directly off the plot; each panel has its own x axis.
 *
 * <p>The study draws two of these over epochs:
 * <pre>{@code
 * // Training (left) and validation (right) accuracy, in percent.
 * BandPlot.render("Accuracy per epoch, mean ± 1 sd over 3 seeds: training (left) and validation (right)",
 *         "accuracy (%)",
 *         List.of(new BandPlot.Panel("training images: epoch", training),
 *                 new BandPlot.Panel("validation images: epoch", validation)),
 *         BandPlot.WIDTH, BandPlot.HEIGHT);
 * // The generalization gap, training minus validation accuracy, in percentage points.
 * BandPlot.render("Generalization gap per epoch, mean ± 1 sd over 3 seeds", "training − validation accuracy (points)",
 *         List.of(new BandPlot.Panel("epoch", gap)), BandPlot.WIDTH, BandPlot.HEIGHT);
 * }</pre>
 * The gap is best averaged per seed (each seed's own training minus validation accuracy), not taken as a
 * difference of the two means, so that its band is the spread of the gap itself.
 *
 * <p>With x values of its own, a series can follow something other than epochs; here test accuracy against
 * the strength of three perturbations, one panel each:
 * <pre>{@code
 * BandPlot.render("Test accuracy under perturbation, mean ± 1 sd over 3 seeds", "test accuracy (%)",
 *         List.of(new BandPlot.Panel("rotation (degrees)",
 *                         List.of(new BandPlot.Series("baseline", new double[] {0, 10, 20}, rotationMean, rotationSd))),
 *                 new BandPlot.Panel("shift (pixels)",
 *                         List.of(new BandPlot.Series("baseline", new double[] {0, 2, 4}, shiftMean, shiftSd))),
 *                 new BandPlot.Panel("noise (sigma)",
 *                         List.of(new BandPlot.Series("baseline", new double[] {0, 0.1, 0.2}, noiseMean, noiseSd)))),
 *         BandPlot.WIDTH, BandPlot.HEIGHT);
 * }</pre>
 * A panel whose x values are all whole numbers gets whole-number ticks, any other panel standard ones. Its x
 * axis runs from the smallest x to the largest, padded either side by half the closest spacing of two
 * consecutive points of a series (half a unit where a series has a single point): 0.5 to n + 0.5 over
 * epochs 1 to n.
 *
 * <p>A variant keeps the colour of its position in the list, in every panel and in {@link IntervalPlot}
 * too: pass the variants in the same order to all of them. Rendered with JFreeChart,
 * headless.
 */
public final class BandPlot {

    /**
     * One variant's curve in one panel. The messages of a rejected series count points as epochs, 1 for
     * {@code x[0]}, as in the common case.
     *
     * @param variant the legend entry, not blank
     * @param x       where the points lie on the x axis, in the unit of the panel's axis label: finite, strictly
     *                increasing, as long as {@code mean}
     * @param mean    the mean over seeds per point: {@code mean[i]} belongs to {@code x[i]}; at least one point,
     *                and over epochs as many as the seeds ran, so that early-stopped variants end sooner. A value
     *                that is not finite (a diverged run) leaves a gap in the line
     * @param sd      the standard deviation over seeds per point, as long as {@code mean}; at least 0, or NaN
     *                where it is undefined (a single seed), and there no band is drawn
     */
    public record Series(String variant, double[] x, double[] mean, double[] sd) {

        /** Validates the series and copies the arrays; see the parameters. */
        public Series {
            if (variant == null || variant.isBlank()) {
                throw new IllegalArgumentException("variant must not be blank, was "
                        + (variant == null ? "null" : "\"" + variant + "\""));
            }
            if (mean == null || mean.length == 0) {
                throw new IllegalArgumentException("mean of " + variant + " must hold at least one epoch, held none");
            }
            if (x == null || x.length != mean.length) {
                throw new IllegalArgumentException("x of " + variant + " must hold as many values as mean ("
                        + mean.length + "), held " + (x == null ? "none" : x.length));
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new IllegalArgumentException("x of " + variant + " must be finite, was " + x[i]
                            + " at index " + i);
                }
                if (i > 0 && !(x[i] > x[i - 1])) {
                    throw new IllegalArgumentException("x of " + variant + " must be strictly increasing, was "
                            + x[i - 1] + " at index " + (i - 1) + " and " + x[i] + " at index " + i);
                }
            }
            if (sd == null || sd.length != mean.length) {
                throw new IllegalArgumentException("sd of " + variant + " must hold as many epochs as mean ("
                        + mean.length + "), held " + (sd == null ? "none" : sd.length));
            }
            for (int i = 0; i < sd.length; i++) {
                if (!Double.isNaN(sd[i]) && !(sd[i] >= 0 && sd[i] < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("sd of " + variant + " at epoch " + (i + 1)
                            + " must be finite and at least 0, or NaN, was " + sd[i]);
                }
            }
            x = x.clone();
            mean = mean.clone();
            sd = sd.clone();
        }

        /**
         * A curve over epochs: {@code mean[i]} belongs to epoch {@code i + 1}, that is x = 1, 2, ..., n.
         *
         * @param variant the legend entry, not blank
         * @param mean    the mean over seeds per epoch, at least one epoch; see the canonical constructor
         * @param sd      the standard deviation over seeds per epoch, as long as {@code mean}; see the canonical
         *                constructor
         */
        public Series(String variant, double[] mean, double[] sd) {
            this(variant, mean == null ? null : epochs(mean.length), mean, sd);
        }

        private static double[] epochs(int n) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i + 1;
            }
            return x;
        }

        /** Where the points lie on the x axis, a copy. */
        @Override
        public double[] x() {
            return x.clone();
        }

        /** The means per point, a copy. */
        @Override
        public double[] mean() {
            return mean.clone();
        }

        /** The standard deviations per point, a copy. */
        @Override
        public double[] sd() {
            return sd.clone();
        }

        /** The number of points: of epochs, for a curve over epochs. */
        public int size() {
            return mean.length;
        }

        /** Half the smallest gap between consecutive x values; half a unit for a single point. */
        private double halfGap() {
            double half = x.length == 1 ? 0.5 : Double.POSITIVE_INFINITY;
            for (int i = 1; i < x.length; i++) {
                half = Math.min(half, (x[i] - x[i - 1]) / 2);
            }
            return half;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series s && variant.equals(s.variant) && Arrays.equals(x, s.x)
                    && Arrays.equals(mean, s.mean) && Arrays.equals(sd, s.sd);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * variant.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(mean))
                    + Arrays.hashCode(sd);
        }

        @Override
        public String toString() {
            return "Series[variant=" + variant + ", x=" + Arrays.toString(x) + ", mean=" + Arrays.toString(mean)
                    + ", sd=" + Arrays.toString(sd) + "]";
        }
    }

    /**
     * One panel: its curves and the label under it, which says what the panel shows.
     *
     * @param xAxisLabel the x axis label, with its unit, e.g. "validation images: epoch" or "rotation (degrees)"
     * @param series     the variants' curves, at least one; every panel of a plot lists the same variants in the
     *                   same order, so that a variant has one colour throughout
     */
    public record Panel(String xAxisLabel, List<Series> series) {

        /** Validates the panel and copies the list; see the parameters. */
        public Panel {
            if (xAxisLabel == null) {
                throw new IllegalArgumentException("xAxisLabel must not be null");
            }
            if (series == null || series.isEmpty()) {
                throw new IllegalArgumentException("series of panel \"" + xAxisLabel
                        + "\" must hold at least one series, held none");
            }
            series = List.copyOf(series);
        }

        private List<String> variants() {
            return series.stream().map(Series::variant).toList();
        }
    }

    /** Default image width in pixels, that of {@link Plots}. */
    public static final int WIDTH = Plots.WIDTH;
    /** Default image height in pixels, that of {@link Plots}. */
    public static final int HEIGHT = Plots.HEIGHT;

    private static final int MIN_WIDTH = 200;
    private static final int MIN_HEIGHT = 150;

    /**
     * Opacity of a band: light enough that the lines on top stay sharp and that two overlapping bands still
     * show both edges.
     */
    static final int BAND_ALPHA = 46;
    /** Width in pixels of the band of a point whose neighbours have no band. */
    private static final float LONE_BAND_WIDTH = 8f;
    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color ZERO = new Color(0x888888);

    private BandPlot() {
    }

    /**
     * Draws the plot.
     *
     * @param title      the chart title, or null for none; say what the band is, e.g. "mean ± 1 sd over 3 seeds"
     * @param yAxisLabel the label of the shared y axis, with the unit, e.g. "accuracy (%)"
     * @param panels     the panels, left to right, at least one, listing the same variants in the same order
     * @param width      image width in pixels, at least 200
     * @param height     image height in pixels, at least 150
     * @return the rendered image
     */
    public static BufferedImage render(String title, String yAxisLabel, List<Panel> panels, int width, int height) {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("width must be at least " + MIN_WIDTH + " pixels, was " + width);
        }
        if (height < MIN_HEIGHT) {
            throw new IllegalArgumentException("height must be at least " + MIN_HEIGHT + " pixels, was " + height);
        }
        return chart(title, yAxisLabel, panels).createBufferedImage(width, height);
    }

    /**
     * Draws the plot at {@link #WIDTH} by {@link #HEIGHT} and writes it as a PNG file, atomically.
     *
     * @param title      the chart title, or null
     * @param yAxisLabel the label of the shared y axis
     * @param panels     the panels, as for {@link #render}
     * @param png        the file to write
     * @throws IOException if the file cannot be written
     */
    public static void writePng(String title, String yAxisLabel, List<Panel> panels, Path png) throws IOException {
        AtomicFiles.writeBytes(png, Plots.toPng(render(title, yAxisLabel, panels, WIDTH, HEIGHT)));
    }

    /**
     * The chart behind {@link #render}: a {@link CombinedRangeXYPlot} whose subplot {@code p} is panel
     * {@code p}, its x values on its domain axis; tests use it to find a point's pixels.
     */
    static JFreeChart chart(String title, String yAxisLabel, List<Panel> panels) {
        if (panels == null || panels.isEmpty()) {
            throw new IllegalArgumentException("panels must hold at least one panel, held none");
        }
        if (yAxisLabel == null) {
            throw new IllegalArgumentException("yAxisLabel must not be null");
        }
        List<String> variants = panels.get(0).variants();
        if (variants.stream().distinct().count() != variants.size()) {
            throw new IllegalArgumentException("panels must list distinct variants, listed " + variants);
        }
        for (int p = 1; p < panels.size(); p++) {
            if (!panels.get(p).variants().equals(variants)) {
                throw new IllegalArgumentException("panels[" + p + "] must list the variants of panels[0] "
                        + variants + " in the same order, listed " + panels.get(p).variants());
            }
        }

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Panel panel : panels) {
            for (Series s : panel.series()) {
                for (int i = 0; i < s.size(); i++) {
                    double m = s.mean[i];
                    if (Double.isFinite(m)) {
                        double spread = Double.isNaN(s.sd[i]) ? 0 : s.sd[i];
                        min = Math.min(min, m - spread);
                        max = Math.max(max, m + spread);
                    }
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        NumberAxis shared = new NumberAxis(yAxisLabel);
        // 5% of the spread, and at least half a point so flat curves keep an axis.
        double margin = Math.max((max - min) * 0.05, 0.5);
        double lower = min - margin;
        double upper = max + margin;
        shared.setRange(lower, upper);
        shared.setAutoRangeIncludesZero(false);

        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(shared);
        plot.setGap(16);
        for (int p = 0; p < panels.size(); p++) {
            XYPlot subplot = panel(panels.get(p), p == 0);
            if (lower < 0 && upper > 0) {
                // Zero is the no-over-fitting line of the gap plot.
                subplot.addRangeMarker(new ValueMarker(0, ZERO, new BasicStroke(1f)), Layer.BACKGROUND);
            }
            plot.add(subplot, 1);
        }

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return chart;
    }

    /** The translucent colour of the band of the variant at {@code index}. */
    static Color bandColour(int index) {
        Color c = Plots.paletteColour(index);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), BAND_ALPHA);
    }

    private static XYPlot panel(Panel panel, boolean inLegend) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < panel.series().size(); i++) {
            Series s = panel.series().get(i);
            XYSeries line = new XYSeries(s.variant(), false, true);
            for (int e = 0; e < s.size(); e++) {
                line.add(s.x[e], Double.isFinite(s.mean[e]) ? s.mean[e] : null);
            }
            data.addSeries(line);
            renderer.setSeriesPaint(i, Plots.paletteColour(i));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            // By index, not from the chart's drawing supplier, which would number the series on across
            // panels and give a variant another marker in each panel than in the legend.
            renderer.setSeriesShape(i, SHAPES[i % SHAPES.length]);
            addBands(renderer, s, bandColour(i));
        }
        // Every panel holds the same variants; listing them once keeps the legend readable.
        renderer.setDefaultSeriesVisibleInLegend(inLegend);

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double pad = Double.POSITIVE_INFINITY;
        boolean whole = true;
        for (Series s : panel.series()) {
            min = Math.min(min, s.x[0]);
            max = Math.max(max, s.x[s.size() - 1]);
            pad = Math.min(pad, s.halfGap());
            for (double x : s.x) {
                whole &= x == Math.rint(x);
            }
        }
        NumberAxis xAxis = new NumberAxis(panel.xAxisLabel());
        if (whole) {
            // Epochs and pixels come in whole steps; a tick at 2.5 would name a point that cannot exist.
            xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        // Half the closest spacing either side (half an epoch over epochs), so that the first and last markers
        // and band ends are not cut by the frame.
        xAxis.setRange(min - pad, max + pad);
        XYPlot subplot = new XYPlot(data, xAxis, null, renderer);
        subplot.setBackgroundPaint(Color.WHITE);
        subplot.setDomainGridlinePaint(GRID);
        subplot.setRangeGridlinePaint(GRID);
        return subplot;
    }

    /**
     * One filled polygon per run of consecutive points that have a band, under the lines. Where the standard
     * deviation is undefined the band stops rather than narrowing to nothing, which would draw a spread
     * that was never measured.
     */
    private static void addBands(XYLineAndShapeRenderer renderer, Series s, Color colour) {
        int e = 0;
        while (e < s.size()) {
            if (!hasBand(s, e)) {
                e++;
                continue;
            }
            int end = e;
            while (end + 1 < s.size() && hasBand(s, end + 1)) {
                end++;
            }
            if (end == e) {
                renderer.addAnnotation(new XYLineAnnotation(s.x[e], s.mean[e] - s.sd[e], s.x[e], s.mean[e] + s.sd[e],
                        new BasicStroke(LONE_BAND_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER), colour),
                        Layer.BACKGROUND);
            } else {
                int n = end - e + 1;
                double[] polygon = new double[4 * n];
                for (int k = 0; k < n; k++) {
                    int upper = e + k;
                    int lower = end - k;
                    polygon[2 * k] = s.x[upper];
                    polygon[2 * k + 1] = s.mean[upper] + s.sd[upper];
                    polygon[2 * (n + k)] = s.x[lower];
                    polygon[2 * (n + k) + 1] = s.mean[lower] - s.sd[lower];
                }
                renderer.addAnnotation(new XYPolygonAnnotation(polygon, null, null, colour), Layer.BACKGROUND);
            }
            e = end + 1;
        }
    }

    private static boolean hasBand(Series s, int e) {
        return Double.isFinite(s.mean[e]) && !Double.isNaN(s.sd[e]);
    }
}
