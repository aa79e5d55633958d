package org.fmnist.examples.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Training and validation curves of every variant, side by side on one shared y axis, so that the
 * gap between the two panels reads directly as over-fitting. Rendered with JFreeChart, headless.
 */
public final class CurvePlot {

    /** Which quantity a plot shows. */
    public enum Metric {
        /** Classification accuracy, shown in percent. */
        ACCURACY("accuracy (%)", m -> 100 * m.trainAccuracy(), m -> 100 * m.validationAccuracy()),
        /** Mean cross-entropy, regularization penalty excluded. */
        LOSS("cross-entropy loss", EpochMetrics::trainLoss, EpochMetrics::validationLoss);

        private final String axisLabel;
        private final ToDoubleFunction<EpochMetrics> train;
        private final ToDoubleFunction<EpochMetrics> validation;

        Metric(String axisLabel, ToDoubleFunction<EpochMetrics> train, ToDoubleFunction<EpochMetrics> validation) {
            this.axisLabel = axisLabel;
            this.train = train;
            this.validation = validation;
        }

        /** The y-axis label. */
        public String axisLabel() {
            return axisLabel;
        }
    }

    /** Default image size in pixels. */
    public static final int WIDTH = 1200;
    /** Default image size in pixels. */
    public static final int HEIGHT = 560;

    /** Tableau's ten colours: distinguishable, and still apart in greyscale print. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC),
    };

    private CurvePlot() {
    }

    /**
     * Draws the plot.
     *
     * @param variants the variants, each drawn in its own colour in list order, at least one
     * @param metric   what to plot
     * @param width    image width in pixels, at least 200
     * @param height   image height in pixels, at least 150
     * @return the rendered image
     */
    public static BufferedImage render(List<VariantResult> variants, Metric metric, int width, int height) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("variants must hold at least one variant, held none");
        }
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("size must be at least 200 x 150 pixels, was " + width + " x " + height);
        }
        XYSeriesCollection train = new XYSeriesCollection();
        XYSeriesCollection validation = new XYSeriesCollection();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int maxEpoch = 1;
        for (VariantResult v : variants) {
            XYSeries t = new XYSeries(v.id(), false, true);
            XYSeries s = new XYSeries(v.id(), false, true);
            for (EpochMetrics m : v.epochs()) {
                double a = metric.train.applyAsDouble(m);
                double b = metric.validation.applyAsDouble(m);
                t.add(m.epoch(), Double.isFinite(a) ? a : null);
                s.add(m.epoch(), Double.isFinite(b) ? b : null);
                for (double value : new double[] {a, b}) {
                    if (Double.isFinite(value)) {
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                    }
                }
                maxEpoch = Math.max(maxEpoch, m.epoch());
            }
            train.addSeries(t);
            validation.addSeries(s);
        }
        if (min > max) {
            min = 0;
            max = 1;
        }

        NumberAxis shared = new NumberAxis(metric.axisLabel());
        double margin = Math.max((max - min) * 0.05, metric == Metric.ACCURACY ? 0.5 : 0.01);
        double lower = metric == Metric.LOSS ? 0 : Math.max(0, min - margin);
        double upper = metric == Metric.ACCURACY ? Math.min(100, max + margin) : max + margin;
        shared.setRange(lower, upper);
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(shared);
        plot.setGap(16);
        plot.add(panel(train, "training images: epoch", maxEpoch, variants.size(), true), 1);
        plot.add(panel(validation, "validation images: epoch", maxEpoch, variants.size(), false), 1);

        String title = metric == Metric.ACCURACY ? "Accuracy per epoch" : "Loss per epoch";
        JFreeChart chart = new JFreeChart(title + ": training (left) and validation (right)",
                new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return chart.createBufferedImage(width, height);
    }

    /**
     * Draws the plot at the default size and writes it as a PNG file, atomically.
     *
     * @param variants the variants, at least one
     * @param metric   what to plot
     * @param png      the file to write
     * @throws IOException if the file cannot be written
     */
    public static void writePng(List<VariantResult> variants, Metric metric, Path png) throws IOException {
        AtomicFiles.writeBytes(png, toPng(render(variants, metric, WIDTH, HEIGHT)));
    }

    /**
     * Encodes an image as PNG.
     *
     * @param image the image
     * @return the PNG bytes
     * @throws IOException if encoding fails
     */
    public static byte[] toPng(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG encoder available");
        }
        return out.toByteArray();
    }

    private static XYPlot panel(XYSeriesCollection data, String axisLabel, int maxEpoch, int series, boolean inLegend) {
        NumberAxis epochs = new NumberAxis(axisLabel);
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setRange(maxEpoch == 1 ? 0.5 : 1, maxEpoch == 1 ? 1.5 : maxEpoch);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series; i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        // Both panels hold the same variants; listing them once keeps the legend readable.
        renderer.setDefaultSeriesVisibleInLegend(inLegend);
        XYPlot panel = new XYPlot(data, epochs, null, renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setDomainGridlinePaint(new Color(0xDDDDDD));
        panel.setRangeGridlinePaint(new Color(0xDDDDDD));
        return panel;
    }
}
