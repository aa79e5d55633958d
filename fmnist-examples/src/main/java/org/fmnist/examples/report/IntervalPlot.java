package org.fmnist.examples.report;

import org.fmnist.data.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A forest plot of one score per variant: one row per variant, top to bottom in list order, a point at
 * the mean over seeds and a horizontal bar across its 95% interval. The baseline's row is shaded, its
 * point is a diamond, and a dashed vertical line at its mean lets every other row be read against it.
 * Each row's label repeats the figures, so the plot can be read without measuring it.
 *
 * <p>A variant keeps the colour of its position in the list, as in {@link BandPlot}:
 * pass the variants in the same order to all of them. Rendered with JFreeChart, headless.
 */
public final class IntervalPlot {

    /**
     * One row of the plot. Values are in percent (or percentage points), in whatever quantity the axis
     * label names.
     *
     * @param variant the row's label, not blank
     * @param mean    the mean over seeds, finite
     * @param low     the lower end of the 95% interval, at most {@code mean}; NaN when the interval is
     *                undefined (a single seed), and then {@code high} is NaN too
     * @param high    the upper end of the 95% interval, at least {@code mean}; NaN exactly when {@code low} is
     */
    public record Point(String variant, double mean, double low, double high) {

        /** Validates the point; see the parameters. */
        public Point {
            if (variant == null || variant.isBlank()) {
                throw new IllegalArgumentException("variant must not be blank, was " + quoted(variant));
            }
            if (!Double.isFinite(mean)) {
                throw new IllegalArgumentException("mean of " + variant + " must be finite, was " + mean);
            }
            if (Double.isNaN(low) != Double.isNaN(high)) {
                throw new IllegalArgumentException("low and high of " + variant
                        + " must both be NaN or both be numbers, were " + low + " and " + high);
            }
            if (Double.isInfinite(low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("low and high of " + variant
                        + " must be finite or NaN, were " + low + " and " + high);
            }
            if (low > mean) {
                throw new IllegalArgumentException("low of " + variant + " must be at most its mean " + mean
                        + ", was " + low);
            }
            if (high < mean) {
                throw new IllegalArgumentException("high of " + variant + " must be at least its mean " + mean
                        + ", was " + high);
            }
        }

        /** Whether the interval is defined, that is whether a bar is drawn. */
        public boolean hasInterval() {
            return !Double.isNaN(low);
        }
    }

    /** Default image width in pixels; the height follows the number of rows, see {@link #height(int)}. */
    public static final int WIDTH = 1000;

    /** Smallest accepted image size in pixels, as for {@link BandPlot}. */
    private static final int MIN_WIDTH = 200;
    private static final int MIN_HEIGHT = 150;

    /** Height of one row and of what surrounds the rows (axis, tick labels, margins) at the default size. */
    private static final int ROW_HEIGHT = 44;
    private static final int FRAME_HEIGHT = 110;

    /** Half the height of a bar's end caps, in rows. */
    private static final double CAP = 0.14;
    private static final Color BASELINE_ROW = new Color(0xEEEEEE);
    private static final Color BASELINE_LINE = new Color(0x555555);
    private static final Color GRID = new Color(0xDDDDDD);

    private IntervalPlot() {
    }

    /**
     * A height that gives every row the same room whatever their number.
     *
     * @param rows the number of variants, at least 1
     * @return the image height in pixels
     */
    public static int height(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, was " + rows);
        }
        return FRAME_HEIGHT + ROW_HEIGHT * rows;
    }

    /**
     * Draws the plot.
     *
     * @param points    the rows, top to bottom, at least one, variants distinct; each drawn in the colour of
     *                  its position in the list
     * @param baseline  the variant the others are compared with, one of the points' variants
     * @param axisLabel the x axis label, naming the quantity, its unit and the interval, e.g.
     *                  "test accuracy (%), mean and 95% interval over 3 seeds"
     * @param width     image width in pixels, at least 200
     * @param height    image height in pixels, at least 150; {@link #height(int)} suits most uses
     * @return the rendered image
     */
    public static BufferedImage render(List<Point> points, String baseline, String axisLabel, int width, int height) {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("width must be at least " + MIN_WIDTH + " pixels, was " + width);
        }
        if (height < MIN_HEIGHT) {
            throw new IllegalArgumentException("height must be at least " + MIN_HEIGHT + " pixels, was " + height);
        }
        return chart(points, baseline, axisLabel).createBufferedImage(width, height);
    }

    /**
     * Draws the plot at {@link #WIDTH} by {@link #height(int)} and writes it as a PNG file, atomically.
     *
     * @param points    the rows, as for {@link #render}
     * @param baseline  the variant the others are compared with
     * @param axisLabel the x axis label
     * @param png       the file to write
     * @throws IOException if the file cannot be written
     */
    public static void writePng(List<Point> points, String baseline, String axisLabel, Path png) throws IOException {
        BufferedImage image = render(points, baseline, axisLabel, WIDTH, height(Math.max(1, points.size())));
        AtomicFiles.writeBytes(png, Plots.toPng(image));
    }

    /**
     * The chart behind {@link #render}; row {@code i} lies at y = i on the plot's range axis and the values
     * on its domain axis, which is what tests use to find a row's pixels.
     */
    static JFreeChart chart(List<Point> points, String baseline, String axisLabel) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points must hold at least one point, held none");
        }
        if (axisLabel == null) {
            throw new IllegalArgumentException("axisLabel must not be null");
        }
        Set<String> variants = new HashSet<>();
        int baselineRow = -1;
        for (int i = 0; i < points.size(); i++) {
            String variant = points.get(i).variant();
            if (!variants.add(variant)) {
                throw new IllegalArgumentException("points must name distinct variants, named " + variant + " twice");
            }
            if (variant.equals(baseline)) {
                baselineRow = i;
            }
        }
        if (baselineRow < 0) {
            throw new IllegalArgumentException("baseline must be one of the points' variants "
                    + points.stream().map(Point::variant).toList() + ", was " + quoted(baseline));
        }

        XYSeriesCollection means = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        String[] labels = new String[points.size()];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            XYSeries series = new XYSeries(p.variant(), false, true);
            series.add(p.mean(), i);
            means.addSeries(series);
            Color colour = Plots.paletteColour(i);
            renderer.setSeriesPaint(i, colour);
            renderer.setSeriesShape(i, i == baselineRow ? diamond(8.5) : new Ellipse2D.Double(-5.5, -5.5, 11, 11));
            if (p.hasInterval()) {
                BasicStroke stroke = new BasicStroke(2.5f);
                renderer.addAnnotation(new XYLineAnnotation(p.low(), i, p.high(), i, stroke, colour));
                renderer.addAnnotation(new XYLineAnnotation(p.low(), i - CAP, p.low(), i + CAP, stroke, colour));
                renderer.addAnnotation(new XYLineAnnotation(p.high(), i - CAP, p.high(), i + CAP, stroke, colour));
            }
            labels[i] = label(p);
            min = Math.min(min, p.hasInterval() ? p.low() : p.mean());
            max = Math.max(max, p.hasInterval() ? p.high() : p.mean());
        }

        NumberAxis values = new NumberAxis(axisLabel);
        values.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        values.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        values.setAutoRangeIncludesZero(false);
        // A tenth of the spread on either side, and at least a quarter point, so that identical means still
        // get an axis and the outermost caps stay clear of the frame.
        double margin = Math.max((max - min) * 0.1, 0.25);
        values.setRange(min - margin, max + margin);

        SymbolAxis rows = new SymbolAxis(null, labels);
        rows.setGridBandsVisible(false);
        rows.setInverted(true);
        rows.setRange(-0.5, points.size() - 0.5);
        rows.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));

        XYPlot plot = new XYPlot(means, values, rows, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        IntervalMarker row = new IntervalMarker(baselineRow - 0.5, baselineRow + 0.5, BASELINE_ROW);
        row.setAlpha(1f);
        plot.addRangeMarker(row, Layer.BACKGROUND);
        ValueMarker reference = new ValueMarker(points.get(baselineRow).mean(), BASELINE_LINE,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        // Markers are translucent by default; these colours are meant as given.
        reference.setAlpha(1f);
        plot.addDomainMarker(reference, Layer.BACKGROUND);

        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(12, 8, 8, 24));
        return chart;
    }

    /** "dropout   90.12 [89.61, 90.63]", or the mean alone where there is no interval. */
    private static String label(Point p) {
        String figures = p.hasInterval()
                ? String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", p.mean(), p.low(), p.high())
                : String.format(Locale.ROOT, "%.2f", p.mean());
        return p.variant() + "   " + figures;
    }

    private static Shape diamond(double r) {
        Path2D.Double d = new Path2D.Double();
        d.moveTo(0, -r);
        d.lineTo(r, 0);
        d.lineTo(0, r);
        d.lineTo(-r, 0);
        d.closePath();
        return d;
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
