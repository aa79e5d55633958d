package org.fmnist.examples.report;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalPlotTest {

    private static final String AXIS = "test accuracy (%), mean and 95% interval over 3 seeds";
    private static final List<IntervalPlot.Point> POINTS = List.of(
            new IntervalPlot.Point("baseline", 89.0, 88.0, 90.0),
            new IntervalPlot.Point("dropout", 90.5, 90.0, 91.5),
            new IntervalPlot.Point("one seed", 91.0, Double.NaN, Double.NaN));
    private static final int BASELINE_ROW = 0xEEEEEE;

    /** The rendered plot and where its data lie in the image. */
    private record Drawn(BufferedImage image, Rectangle2D area, XYPlot plot) {

        static Drawn of(List<IntervalPlot.Point> points, String baseline) {
            JFreeChart chart = IntervalPlot.chart(points, baseline, AXIS);
            ChartRenderingInfo info = new ChartRenderingInfo();
            BufferedImage image = chart.createBufferedImage(IntervalPlot.WIDTH, IntervalPlot.height(points.size()), info);
            return new Drawn(image, info.getPlotInfo().getDataArea(), chart.getXYPlot());
        }

        int x(double value) {
            return (int) Math.floor(plot.getDomainAxis().valueToJava2D(value, area, RectangleEdge.BOTTOM));
        }

        int y(int row) {
            return (int) Math.floor(plot.getRangeAxis().valueToJava2D(row, area, RectangleEdge.LEFT));
        }

        int rgb(int x, int y) {
            return image.getRGB(x, y) & 0xFFFFFF;
        }

        /** Whether the colour is at (x, y'), y' within 2 pixels of y: an anti-aliased 2.5-pixel line covers one row fully. */
        boolean nearRow(int rgb, int x, int y) {
            for (int dy = -2; dy <= 2; dy++) {
                if (rgb(x, y + dy) == rgb) {
                    return true;
                }
            }
            return false;
        }

        /** The horizontal extent [min, max] of the pixels of a colour inside the data area, or null if none. */
        int[] xExtent(int rgb) {
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int y = (int) area.getMinY(); y < (int) area.getMaxY(); y++) {
                for (int x = (int) area.getMinX(); x < (int) area.getMaxX(); x++) {
                    if (rgb(x, y) == rgb) {
                        min = Math.min(min, x);
                        max = Math.max(max, x);
                    }
                }
            }
            return min > max ? null : new int[] {min, max};
        }

        /** The vertical extent [min, max] of the pixels of a colour inside the data area, or null if none. */
        int[] yExtent(int rgb) {
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int y = (int) area.getMinY(); y < (int) area.getMaxY(); y++) {
                for (int x = (int) area.getMinX(); x < (int) area.getMaxX(); x++) {
                    if (rgb(x, y) == rgb) {
                        min = Math.min(min, y);
                        max = Math.max(max, y);
                    }
                }
            }
            return min > max ? null : new int[] {min, max};
        }
    }

    private static int colour(int index) {
        return Plots.paletteColour(index).getRGB() & 0xFFFFFF;
    }

    @Test
    void rowsRunTopToBottomInListOrderWithThePointAtTheMean() {
        Drawn d = Drawn.of(POINTS, "baseline");
        assertTrue(d.y(0) < d.y(1) && d.y(1) < d.y(2), "rows top to bottom");
        for (int i = 0; i < POINTS.size(); i++) {
            IntervalPlot.Point p = POINTS.get(i);
            assertEquals(colour(i), d.rgb(d.x(p.mean()), d.y(i)), p.variant() + "'s point at its mean");
            int[] rows = d.yExtent(colour(i));
            // The end caps reach 0.14 rows (9 pixels at this height) either side of the row; markers 7.
            int rowHeight = d.y(1) - d.y(0);
            int reach = (int) Math.ceil(0.14 * rowHeight) + 2;
            assertTrue(rows[0] >= d.y(i) - reach && rows[1] <= d.y(i) + reach,
                    p.variant() + "'s colour stays in its row, rows " + rows[0] + ".." + rows[1] + " around " + d.y(i));
        }
    }

    @Test
    void theBarSpansTheIntervalAndNoFurther() {
        Drawn d = Drawn.of(POINTS, "baseline");
        for (int i = 0; i < 2; i++) {
            IntervalPlot.Point p = POINTS.get(i);
            for (double value : new double[] {p.low(), (p.low() + p.mean()) / 2, (p.mean() + p.high()) / 2, p.high()}) {
                assertTrue(d.nearRow(colour(i), d.x(value), d.y(i)), p.variant() + "'s bar at " + value);
            }
            int[] extent = d.xExtent(colour(i));
            // The caps are 2.5 pixels wide, centred on the interval's ends.
            assertTrue(extent[0] >= d.x(p.low()) - 2 && extent[1] <= d.x(p.high()) + 2,
                    p.variant() + "'s bar " + extent[0] + ".." + extent[1] + " within "
                            + d.x(p.low()) + ".." + d.x(p.high()));
        }
    }

    @Test
    void anUndefinedIntervalDrawsThePointOnly() {
        Drawn d = Drawn.of(POINTS, "baseline");
        int[] extent = d.xExtent(colour(2));
        int x = d.x(91.0);
        // The marker is a circle 11 pixels across.
        assertTrue(extent[0] >= x - 6 && extent[1] <= x + 6, "point only, drawn " + extent[0] + ".." + extent[1]);
    }

    @Test
    void onlyTheBaselineRowIsShaded() {
        Drawn d = Drawn.of(POINTS, "dropout");
        int shadedBaseline = 0;
        int shadedOther = 0;
        // A third of a row above the middle: clear of the bars, inside the row.
        int above = (d.y(1) - d.y(0)) / 3;
        for (int x = (int) d.area.getMinX() + 1; x < (int) d.area.getMaxX() - 1; x++) {
            shadedBaseline += d.rgb(x, d.y(1) - above) == BASELINE_ROW ? 1 : 0;
            shadedOther += d.rgb(x, d.y(0) - above) == BASELINE_ROW || d.rgb(x, d.y(2) - above) == BASELINE_ROW ? 1 : 0;
        }
        assertTrue(shadedBaseline > d.area.getWidth() / 2, "baseline row shaded, " + shadedBaseline + " pixels");
        // Half-covered dashed gridlines (0xDDDDDD over white) come out as the shade too, a few pixels a gridline.
        assertTrue(shadedOther < d.area.getWidth() / 20, "other rows not shaded, " + shadedOther + " pixels");
    }

    @Test
    void theBaselineMeanIsMarkedByADashedLine() {
        Drawn d = Drawn.of(POINTS, "dropout");
        // Dashes: dark grey pixels (at least half covered: 0x555555 over white gives at most 0xAA) and gaps
        // between them, where at most a light gridline shows. A solid line would leave no gaps.
        int x = d.x(90.5);
        int dark = 0;
        int gaps = 0;
        for (int y = d.y(2) - 20; y <= d.y(2) + 20; y++) {
            boolean anyDark = false;
            for (int dx = -1; dx <= 1; dx++) {
                int rgb = d.rgb(x + dx, y);
                int r = rgb >> 16;
                anyDark |= r == (rgb >> 8 & 0xFF) && r == (rgb & 0xFF) && r <= 0xAA;
            }
            dark += anyDark ? 1 : 0;
            gaps += anyDark ? 0 : 1;
        }
        assertTrue(dark >= 10 && gaps >= 6, "dashed line at the baseline's mean: " + dark + " dark, " + gaps + " gaps");
    }

    @Test
    void theBaselineIsADiamondAndTheOthersCircles() {
        // Pixels that only one of the two shapes covers fully, wherever the centre falls within its pixel: the
        // diamond reaches 8.5 pixels along the axes, the circle 5.5 in every direction.
        Drawn d = Drawn.of(List.of(new IntervalPlot.Point("baseline", 89.0, Double.NaN, Double.NaN),
                new IntervalPlot.Point("dropout", 90.0, Double.NaN, Double.NaN)), "baseline");
        int x0 = d.x(89.0);
        int x1 = d.x(90.0);
        assertEquals(colour(0), d.rgb(x0, d.y(0) + 6), "diamond reaches far along its axis");
        assertTrue(d.rgb(x0 + 5, d.y(0) + 5) != colour(0), "diamond leaves its corners empty");
        assertTrue(d.rgb(x1, d.y(1) + 6) != colour(1), "circle does not reach as far");
        assertEquals(colour(1), d.rgb(x1 + 2, d.y(1) + 2), "circle fills off its axes");
    }

    @Test
    void pngRoundTripsAtTheRequestedSize(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("intervals.png");
        IntervalPlot.writePng(POINTS, "baseline", AXIS, png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(IntervalPlot.WIDTH, read.getWidth());
        assertEquals(IntervalPlot.height(3), read.getHeight());

        BufferedImage small = ImageIO.read(new ByteArrayInputStream(
                Plots.toPng(IntervalPlot.render(POINTS, "baseline", AXIS, 500, 240))));
        assertEquals(500, small.getWidth());
        assertEquals(240, small.getHeight());
    }

    @Test
    void heightGrowsWithTheRows() {
        assertEquals(IntervalPlot.height(5) - IntervalPlot.height(4), IntervalPlot.height(2) - IntervalPlot.height(1));
        assertTrue(IntervalPlot.height(2) > IntervalPlot.height(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IntervalPlot.height(0));
        assertEquals("rows must be at least 1, was 0", e.getMessage());
    }

    @Test
    void needsAPoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntervalPlot.render(List.of(), "baseline", AXIS, 500, 300));
        assertEquals("points must hold at least one point, held none", e.getMessage());
    }

    @Test
    void needsTheBaselineAmongThePoints() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntervalPlot.render(POINTS, "l2", AXIS, 500, 300));
        assertEquals("baseline must be one of the points' variants [baseline, dropout, one seed], was \"l2\"",
                e.getMessage());
    }

    @Test
    void needsDistinctVariants() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntervalPlot.render(List.of(POINTS.get(0), POINTS.get(0)), "baseline", AXIS, 500, 300));
        assertEquals("points must name distinct variants, named baseline twice", e.getMessage());
    }

    @Test
    void rejectsALowAboveTheMean() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IntervalPlot.Point("dropout", 90.0, 90.5, 91.0));
        assertEquals("low of dropout must be at most its mean 90.0, was 90.5", e.getMessage());
    }

    @Test
    void rejectsAHighBelowTheMean() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IntervalPlot.Point("dropout", 90.0, 89.0, 89.5));
        assertEquals("high of dropout must be at least its mean 90.0, was 89.5", e.getMessage());
    }

    @Test
    void rejectsOneUndefinedBound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IntervalPlot.Point("dropout", 90.0, Double.NaN, 91.0));
        assertEquals("low and high of dropout must both be NaN or both be numbers, were NaN and 91.0", e.getMessage());
    }

    @Test
    void rejectsAnUndefinedMean() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IntervalPlot.Point("dropout", Double.NaN, Double.NaN, Double.NaN));
        assertEquals("mean of dropout must be finite, was NaN", e.getMessage());
    }

    @Test
    void rejectsABlankVariant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IntervalPlot.Point(" ", 90.0, 89.0, 91.0));
        assertEquals("variant must not be blank, was \" \"", e.getMessage());
    }

    @Test
    void rejectsANonPositiveWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntervalPlot.render(POINTS, "baseline", AXIS, 0, 300));
        assertEquals("width must be at least 200 pixels, was 0", e.getMessage());
    }

    @Test
    void rejectsANonPositiveHeight() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntervalPlot.render(POINTS, "baseline", AXIS, 500, -1));
        assertEquals("height must be at least 150 pixels, was -1", e.getMessage());
    }
}
