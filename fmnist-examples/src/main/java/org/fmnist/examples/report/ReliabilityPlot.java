package org.fmnist.examples.report;

import org.fmnist.data.io.AtomicFiles;
import org.fmnist.examples.evaluation.ReliabilityBin;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reliability diagrams, one small panel per variant: the images are binned by the confidence of their
 * predicted class, and each non-empty bin is a bar over its confidence range as tall as the accuracy within
 * it. A calibrated model's bars reach the dashed diagonal y = x; bars below it mean over-confidence, bars
 * above it under-confidence. Each panel's title gives the variant's expected calibration error (ECE).
 *
 * <p>Panels fill a grid of three columns (fewer when there are fewer variants), row by row in list order,
 * under the title:
 * <pre>{@code
 * ReliabilityPlot.writePng("Reliability on the test images, 15 bins",
 *         List.of(new ReliabilityPlot.Diagram("baseline", baselineBins, 0.0123),
 *                 new ReliabilityPlot.Diagram("dropout", dropoutBins, 0.0087)),
 *         Path.of("reliability.png"));
 * }</pre>
 *
 * <p>A variant keeps the colour of its position in the list, as in {@link BandPlot} and {@link IntervalPlot}:
 * pass the variants in the same order to all of them. Rendered with JFreeChart, headless.
 */
public final class ReliabilityPlot {

    /**
     * One variant's reliability diagram.
     *
     * @param variant the panel's name, not blank
     * @param bins    the confidence bins, at least one, in increasing order and not overlapping; empty bins
     *                may be listed and draw nothing
     * @param ece     the expected calibration error, the count-weighted mean of |accuracy − meanConfidence| over
     *                the bins, as a fraction in [0, 1]; shown in percent in the panel's title
     */
    public record Diagram(String variant, List<ReliabilityBin> bins, double ece) {

        /** Validates the diagram and copies the list; see the parameters. */
        public Diagram {
            if (variant == null || variant.isBlank()) {
                throw new IllegalArgumentException("variant must not be blank, was "
                        + (variant == null ? "null" : "\"" + variant + "\""));
            }
            if (bins == null || bins.isEmpty()) {
                throw new IllegalArgumentException("bins of " + variant + " must hold at least one bin, held none");
            }
            for (int i = 0; i < bins.size(); i++) {
                if (bins.get(i) == null) {
                    throw new IllegalArgumentException("bins of " + variant
                            + " must not hold null, held it at index " + i);
                }
                if (i > 0 && bins.get(i).lower() < bins.get(i - 1).upper()) {
                    throw new IllegalArgumentException("bins of " + variant
                            + " must be in increasing order and not overlap, bin " + i + " starts at "
                            + bins.get(i).lower() + " before bin " + (i - 1) + " ends at " + bins.get(i - 1).upper());
                }
            }
            if (!(ece >= 0 && ece <= 1)) {
                throw new IllegalArgumentException("ece of " + variant + " must be in [0, 1], was " + ece);
            }
            bins = List.copyOf(bins);
        }
    }

    /** Default image width in pixels, that of {@link Plots}; the height follows the number of rows. */
    public static final int WIDTH = Plots.WIDTH;

    private static final int MIN_WIDTH = 300;
    /** Panels per row, when there are at least as many variants. */
    static final int COLUMNS = 3;
    /** Height in pixels of the strip that holds the image's title, when it has one. */
    static final int TITLE_HEIGHT = 40;
    /** A panel's height as a fraction of its width: room for the title and the axes around a near-square plot. */
    private static final double CELL_ASPECT = 0.8;

    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color DIAGONAL = new Color(0x777777);

    private ReliabilityPlot() {
    }

    /**
     * Draws the diagrams in a grid, row by row in list order: three panels a row, or as many as there are
     * diagrams when fewer; each panel is about 0.8 times as high as it is wide.
     *
     * @param title    the image's title, in a strip above the panels, or null for neither
     * @param diagrams the diagrams, at least one, variants distinct; each drawn in the colour of its position
     *                 in the list
     * @param width    image width in pixels, at least 300; the height follows from it and the number of rows
     * @return the rendered image
     */
    public static BufferedImage render(String title, List<Diagram> diagrams, int width) {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("width must be at least " + MIN_WIDTH + " pixels, was " + width);
        }
        if (diagrams == null || diagrams.isEmpty()) {
            throw new IllegalArgumentException("diagrams must hold at least one diagram, held none");
        }
        Set<String> variants = new HashSet<>();
        for (Diagram d : diagrams) {
            if (!variants.add(d.variant())) {
                throw new IllegalArgumentException("diagrams must name distinct variants, named " + d.variant()
                        + " twice");
            }
        }
        int columns = Math.min(COLUMNS, diagrams.size());
        int rows = (diagrams.size() + columns - 1) / columns;
        int cellHeight = (int) Math.round((double) width / columns * CELL_ASPECT);
        int top = title == null ? 0 : TITLE_HEIGHT;

        BufferedImage image = new BufferedImage(width, top + rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            if (title != null) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
                FontMetrics metrics = g.getFontMetrics();
                g.drawString(title, (width - metrics.stringWidth(title)) / 2,
                        (TITLE_HEIGHT + metrics.getAscent() - metrics.getDescent()) / 2);
            }
            for (int i = 0; i < diagrams.size(); i++) {
                int column = i % columns;
                int row = i / columns;
                // Integer cell edges, so that neighbouring panels neither overlap nor leave a seam.
                int left = column * width / columns;
                int right = (column + 1) * width / columns;
                Rectangle2D cell = new Rectangle2D.Double(left, top + row * cellHeight, right - left, cellHeight);
                panel(diagrams.get(i), i).draw(g, cell);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Draws the diagrams at {@link #WIDTH} and writes them as a PNG file, atomically.
     *
     * @param title    the image's title, or null
     * @param diagrams the diagrams, as for {@link #render}
     * @param png      the file to write
     * @throws IOException if the file cannot be written
     */
    public static void writePng(String title, List<Diagram> diagrams, Path png) throws IOException {
        AtomicFiles.writeBytes(png, Plots.toPng(render(title, diagrams, WIDTH)));
    }

    /**
     * The panel of one diagram: an {@link XYPlot} whose one series holds a bar per non-empty bin, from its
     * lower to its upper end (start and end x) and as tall as its accuracy (y), confidence on the domain axis;
     * tests use it to find a bar's pixels.
     *
     * @param d     the diagram
     * @param index the variant's position in the list, which picks its colour
     */
    static JFreeChart panel(Diagram d, int index) {
        XYIntervalSeries bars = new XYIntervalSeries(d.variant());
        for (ReliabilityBin b : d.bins()) {
            if (!b.isEmpty()) {
                bars.add((b.lower() + b.upper()) / 2, b.lower(), b.upper(), b.accuracy(), 0, b.accuracy());
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(bars);

        XYBarRenderer renderer = new XYBarRenderer();
        // Flat fills: the default gradient and shadow would make a bar's colour differ from the variant's.
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Plots.paletteColour(index));
        // A white edge keeps adjacent bins apart.
        renderer.setDrawBarOutline(true);
        renderer.setSeriesOutlinePaint(0, Color.WHITE);
        renderer.setSeriesOutlineStroke(0, new BasicStroke(1f));

        NumberAxis confidence = new NumberAxis("confidence");
        confidence.setRange(0, 1);
        NumberAxis accuracy = new NumberAxis("accuracy");
        accuracy.setRange(0, 1);
        XYPlot plot = new XYPlot(data, confidence, accuracy, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        // Perfect calibration; a plot annotation is drawn over the bars, so it stays visible inside them.
        plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f),
                DIAGONAL));

        JFreeChart chart = new JFreeChart(title(d), new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** "baseline  ECE 1.23%". */
    private static String title(Diagram d) {
        return d.variant() + "  ECE " + String.format(Locale.ROOT, "%.2f", d.ece() * 100) + "%";
    }
}
