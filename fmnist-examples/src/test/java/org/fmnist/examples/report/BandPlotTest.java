package org.fmnist.examples.report;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BandPlotTest {

    private static final double NAN = Double.NaN;

    /** Flat at 60 with a band of 5 either side, except at epoch 7, where the standard deviation is undefined. */
    private static final BandPlot.Series SEEDS = new BandPlot.Series("baseline", filled(10, 60),
            new double[] {5, 5, 5, 5, 5, 5, NAN, 5, 5, 5});
    /** One seed, early-stopped after 6 epochs: a line and no band. */
    private static final BandPlot.Series ONE_SEED = new BandPlot.Series("dropout", filled(6, 90), filled(6, NAN));

    /** The rendered plot and where its data lie in the image. */
    private record Drawn(BufferedImage image, List<Rectangle2D> areas, List<XYPlot> panels, ValueAxis shared) {

        static Drawn of(List<BandPlot.Panel> panels) {
            JFreeChart chart = BandPlot.chart("title", "accuracy (%)", panels);
            ChartRenderingInfo info = new ChartRenderingInfo();
            BufferedImage image = chart.createBufferedImage(BandPlot.WIDTH, BandPlot.HEIGHT, info);
            CombinedRangeXYPlot plot = (CombinedRangeXYPlot) chart.getPlot();
            List<Rectangle2D> areas = IntStream.range(0, panels.size())
                    .mapToObj(p -> info.getPlotInfo().getSubplotInfo(p).getDataArea()).toList();
            @SuppressWarnings("unchecked")
            List<XYPlot> subplots = plot.getSubplots();
            return new Drawn(image, areas, subplots, plot.getRangeAxis());
        }

        int x(int panel, double epoch) {
            return (int) Math.floor(panels.get(panel).getDomainAxis()
                    .valueToJava2D(epoch, areas.get(panel), RectangleEdge.BOTTOM));
        }

        int y(int panel, double value) {
            return (int) Math.floor(shared.valueToJava2D(value, areas.get(panel), RectangleEdge.LEFT));
        }

        /**
         * The rows of column x, inside the data area of the panel, that show a band's colour: within 2 per
         * channel, for Java2D rounds its 8-bit blending by its own rule.
         */
        List<Integer> bandRows(int panel, int x, Color band) {
            Rectangle2D area = areas.get(panel);
            return IntStream.range((int) area.getMinY(), (int) area.getMaxY())
                    .filter(y -> matches(image.getRGB(x, y), band, 2)).boxed().toList();
        }

        /** Whether a line's opaque colour appears exactly in the panel's data area right of column fromX. */
        boolean lineRightOf(int panel, int fromX, Color line) {
            Rectangle2D area = areas.get(panel);
            for (int x = fromX; x < (int) area.getMaxX(); x++) {
                for (int y = (int) area.getMinY(); y < (int) area.getMaxY(); y++) {
                    if (matches(image.getRGB(x, y), line, 0)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Whether a line's colour is exactly at (x, y'), y' within 2 pixels of y: a 2-pixel line covers one row fully. */
        boolean lineNear(Color line, int x, int y) {
            for (int dy = -2; dy <= 2; dy++) {
                if (matches(image.getRGB(x, y + dy), line, 0)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    /** The colour a band leaves on the white background: source-over with the band's alpha. */
    private static Color onWhite(Color band) {
        double a = band.getAlpha() / 255.0;
        return new Color((int) Math.round(band.getRed() * a + 255 * (1 - a)),
                (int) Math.round(band.getGreen() * a + 255 * (1 - a)),
                (int) Math.round(band.getBlue() * a + 255 * (1 - a)));
    }

    /** Whether a pixel shows the colour, within the tolerance per channel. */
    private static boolean matches(int argb, Color colour, int tolerance) {
        Color c = new Color(argb);
        return Math.abs(c.getRed() - colour.getRed()) <= tolerance
                && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
                && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance;
    }

    private static Color band(int index) {
        return onWhite(BandPlot.bandColour(index));
    }

    private static Color line(int index) {
        return Plots.paletteColour(index);
    }

    /** Rows of a column that are not within 4 pixels of y: clear of a line's anti-aliased edges and markers. */
    private static List<Integer> awayFrom(int y, List<Integer> rows) {
        return rows.stream().filter(r -> Math.abs(r - y) > 4).toList();
    }

    @Test
    void theBandFillsMeanPlusMinusOneSdAndNothingElse() {
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("epoch", List.of(SEEDS, ONE_SEED))));
        int top = d.y(0, 65);
        int bottom = d.y(0, 55);
        int line = d.y(0, 60);
        for (double epoch : new double[] {1.5, 3.5, 5.5, 8.5}) {
            int x = d.x(0, epoch);
            List<Integer> rows = d.bandRows(0, x, band(0));
            assertTrue(rows.stream().allMatch(y -> y >= top && y <= bottom),
                    "band at epoch " + epoch + " within rows " + top + ".." + bottom + ", found " + rows);
            // Gridlines and the mean's line cross the band; everything else in it is band.
            long free = IntStream.rangeClosed(top + 1, bottom - 1)
                    .filter(y -> Math.abs(y - line) > 3).count();
            assertTrue(rows.size() >= 0.8 * free, "band at epoch " + epoch + " covers " + rows.size() + " of " + free);
            assertTrue(d.lineNear(line(0), x, line), "mean's line at epoch " + epoch);
        }
    }

    @Test
    void theBandStopsWhereTheSdIsUndefined() {
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("epoch", List.of(SEEDS, ONE_SEED))));
        for (double epoch : new double[] {6.2, 6.5, 7, 7.5, 7.8}) {
            assertEquals(List.of(), awayFrom(d.y(0, 60), d.bandRows(0, d.x(0, epoch), band(0))), "no band at epoch " + epoch);
        }
        for (double epoch : new double[] {5.8, 8.2}) {
            assertFalse(awayFrom(d.y(0, 60), d.bandRows(0, d.x(0, epoch), band(0))).isEmpty(), "band at epoch " + epoch);
        }
    }

    @Test
    void aSingleSeedDrawsALineWithoutBand() {
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("epoch", List.of(SEEDS, ONE_SEED))));
        Rectangle2D area = d.areas.get(0);
        for (int x = (int) area.getMinX(); x < (int) area.getMaxX(); x++) {
            assertEquals(List.of(), awayFrom(d.y(0, 90), d.bandRows(0, x, band(1))), "no band for one seed at x " + x);
        }
        assertTrue(d.lineNear(line(1), d.x(0, 3.5), d.y(0, 90)), "its line");
    }

    @Test
    void anEarlyStoppedVariantEndsAtItsLastEpoch() {
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("epoch", List.of(SEEDS, ONE_SEED))));
        assertTrue(d.lineNear(line(1), d.x(0, 5.5), d.y(0, 90)), "line up to epoch 6");
        // The last marker is 6 pixels across.
        assertFalse(d.lineRightOf(0, d.x(0, 6) + 5, line(1)), "nothing after epoch 6");
        assertTrue(d.lineRightOf(0, d.x(0, 9.5), line(0)), "the other variant runs on");
    }

    @Test
    void aLoneEpochWithAnSdGetsANarrowBand() {
        double[] sd = filled(10, NAN);
        sd[4] = 5;
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("epoch", List.of(new BandPlot.Series("x", filled(10, 60), sd)))));
        int x = d.x(0, 5);
        // 8 pixels wide, centred on epoch 5; the marker covers the middle rows.
        for (int dx : new int[] {-2, 2}) {
            List<Integer> rows = awayFrom(d.y(0, 60), d.bandRows(0, x + dx, band(0)));
            assertFalse(rows.isEmpty(), "band beside epoch 5");
            assertTrue(rows.stream().allMatch(y -> y >= d.y(0, 65) && y <= d.y(0, 55)), "within the sd, " + rows);
        }
        for (int dx : new int[] {-7, 7}) {
            assertEquals(List.of(), awayFrom(d.y(0, 60), d.bandRows(0, x + dx, band(0))), "no band " + dx + " pixels off epoch 5");
        }
    }

    @Test
    void aVariantHasOneColourInEveryPanelOnOneSharedAxis() {
        BandPlot.Series lower = new BandPlot.Series("baseline", filled(10, 70), filled(10, 1));
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("training images: epoch", List.of(SEEDS, ONE_SEED)),
                new BandPlot.Panel("validation images: epoch", List.of(lower, ONE_SEED))));
        assertTrue(d.areas.get(0).getMaxX() < d.areas.get(1).getMinX(), "panels side by side");
        assertTrue(d.lineNear(line(0), d.x(0, 3.5), d.y(0, 60)), "left panel, baseline");
        assertTrue(d.lineNear(line(0), d.x(1, 3.5), d.y(1, 70)), "right panel, baseline");
        assertTrue(d.lineNear(line(1), d.x(0, 3.5), d.y(0, 90)), "left panel, dropout");
        assertTrue(d.lineNear(line(1), d.x(1, 3.5), d.y(1, 90)), "right panel, dropout");
        assertEquals(d.y(0, 80), d.y(1, 80), "one y axis");
    }

    @Test
    void zeroIsMarkedWhenTheAxisSpansIt() {
        BandPlot.Series gap = new BandPlot.Series("baseline", new double[] {-2, 0, 3, 5}, filled(4, 0.5));
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("epoch", List.of(gap))));
        int y = d.y(0, 0);
        Rectangle2D area = d.areas.get(0);
        int grey = 0;
        for (int x = (int) area.getMinX() + 1; x < (int) area.getMaxX() - 1; x++) {
            for (int dy = -1; dy <= 1; dy++) {
                Color c = new Color(d.image.getRGB(x, y + dy));
                if (c.getRed() == c.getGreen() && c.getGreen() == c.getBlue() && c.getRed() <= 0xC8) {
                    grey++;
                    break;
                }
            }
        }
        // 0x888888 at half coverage over white is 0xC3; gridlines (0xDDDDDD) are lighter.
        // The line runs the width of the panel except where the band and the curve cross it.
        assertTrue(grey > 0.6 * area.getWidth(), "zero line, " + grey + " grey columns of " + area.getWidth());
    }

    @Test
    void pngRoundTripsAtTheRequestedSize(@TempDir Path dir) throws IOException {
        List<BandPlot.Panel> panels = List.of(new BandPlot.Panel("epoch", List.of(SEEDS, ONE_SEED)));
        Path png = dir.resolve("bands.png");
        BandPlot.writePng("title", "accuracy (%)", panels, png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(BandPlot.WIDTH, read.getWidth());
        assertEquals(BandPlot.HEIGHT, read.getHeight());

        BufferedImage small = ImageIO.read(new ByteArrayInputStream(
                Plots.toPng(BandPlot.render(null, "accuracy (%)", panels, 640, 400))));
        assertEquals(640, small.getWidth());
        assertEquals(400, small.getHeight());
    }

    @Test
    void aSeriesKeepsItsOwnCopies() {
        double[] mean = {1, 2};
        double[] sd = {0.1, 0.2};
        BandPlot.Series s = new BandPlot.Series("x", mean, sd);
        mean[0] = 9;
        s.sd()[0] = 9;
        assertArrayEquals(new double[] {1, 2}, s.mean());
        assertArrayEquals(new double[] {0.1, 0.2}, s.sd());
        assertEquals(new BandPlot.Series("x", new double[] {1, 2}, new double[] {0.1, 0.2}), s);
    }

    @Test
    void explicitXValuesPlaceThePointsAndTheBands() {
        BandPlot.Series noise = new BandPlot.Series("baseline", new double[] {0, 0.1, 0.2},
                new double[] {80, 70, 60}, new double[] {1, 1, 1});
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("noise (sigma)", List.of(noise))));
        XYSeries line = ((XYSeriesCollection) d.panels.get(0).getDataset()).getSeries(0);
        assertEquals(3, line.getItemCount());
        for (int i = 0; i < 3; i++) {
            assertEquals(noise.x()[i], line.getX(i).doubleValue(), "x of point " + i);
            assertEquals(noise.mean()[i], line.getY(i).doubleValue(), "mean of point " + i);
        }
        ValueAxis axis = d.panels.get(0).getDomainAxis();
        // Half the spacing of 0.1 either side; 1e-12 allows for 0.2 - 0.1 not being 0.1 in binary.
        assertEquals(-0.05, axis.getLowerBound(), 1e-12);
        assertEquals(0.25, axis.getUpperBound(), 1e-12);
        assertTrue(((NumberAxis) axis).getTickUnit().getSize() < 1, "standard ticks, not whole numbers, were "
                + ((NumberAxis) axis).getTickUnit().getSize());
        // Midway between the first two points the band spans 75 ± 1; left of the first point there is none.
        List<Integer> rows = awayFrom(d.y(0, 75), d.bandRows(0, d.x(0, 0.05), band(0)));
        assertFalse(rows.isEmpty(), "band at x 0.05");
        assertTrue(rows.stream().allMatch(y -> y >= d.y(0, 76) && y <= d.y(0, 74)), "band within 75 ± 1, " + rows);
        assertEquals(List.of(), d.bandRows(0, d.x(0, -0.03), band(0)), "no band left of x 0");
    }

    @Test
    void wholeXValuesGetWholeTicksAndThePadOfTheClosestSpacing() {
        BandPlot.Series wide = new BandPlot.Series("baseline", new double[] {0, 10, 20}, filled(3, 60), filled(3, 1));
        BandPlot.Series close = new BandPlot.Series("dropout", new double[] {0, 5}, filled(2, 70), filled(2, 1));
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("rotation (degrees)", List.of(wide, close))));
        NumberAxis axis = (NumberAxis) d.panels.get(0).getDomainAxis();
        assertEquals(-2.5, axis.getLowerBound());
        assertEquals(22.5, axis.getUpperBound());
        double tick = axis.getTickUnit().getSize();
        assertEquals(Math.rint(tick), tick, "whole-number ticks, was " + tick);

        BandPlot.Series shift = new BandPlot.Series("baseline", new double[] {0, 2, 4}, filled(3, 60), filled(3, 1));
        NumberAxis pixels = (NumberAxis) Drawn.of(List.of(new BandPlot.Panel("shift (pixels)", List.of(shift))))
                .panels.get(0).getDomainAxis();
        // Over -1..5 on a wide panel standard ticks would step by a fraction; whole-number ones cannot.
        assertEquals(-1, pixels.getLowerBound());
        assertEquals(5, pixels.getUpperBound());
        assertEquals(1, pixels.getTickUnit().getSize());
    }

    @Test
    void eachPanelHasItsOwnXRange() {
        BandPlot.Series degrees = new BandPlot.Series("baseline", new double[] {0, 10, 20}, filled(3, 60), filled(3, 1));
        BandPlot.Series sigma = new BandPlot.Series("baseline", new double[] {0, 0.1, 0.2}, filled(3, 60), filled(3, 1));
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("rotation (degrees)", List.of(degrees)),
                new BandPlot.Panel("noise (sigma)", List.of(sigma))));
        assertEquals(25, d.panels.get(0).getDomainAxis().getUpperBound(), 1e-12);
        assertEquals(0.25, d.panels.get(1).getDomainAxis().getUpperBound(), 1e-12);
        assertEquals("rotation (degrees)", d.panels.get(0).getDomainAxis().getLabel());
    }

    @Test
    void theEpochFormRunsFromOneToNWithHalfAnEpochEitherSide() {
        BandPlot.Series s = new BandPlot.Series("baseline", filled(4, 60), filled(4, 1));
        assertArrayEquals(new double[] {1, 2, 3, 4}, s.x());
        assertEquals(new BandPlot.Series("baseline", new double[] {1, 2, 3, 4}, filled(4, 60), filled(4, 1)), s);
        Drawn d = Drawn.of(List.of(new BandPlot.Panel("epoch", List.of(s))));
        ValueAxis axis = d.panels.get(0).getDomainAxis();
        assertEquals(0.5, axis.getLowerBound());
        assertEquals(4.5, axis.getUpperBound());
        XYSeries line = ((XYSeriesCollection) d.panels.get(0).getDataset()).getSeries(0);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), IntStream.range(0, 4).mapToObj(i -> line.getX(i).doubleValue()).toList());

        BandPlot.Series one = new BandPlot.Series("baseline", new double[] {60}, new double[] {1});
        ValueAxis single = Drawn.of(List.of(new BandPlot.Panel("epoch", List.of(one)))).panels.get(0).getDomainAxis();
        assertEquals(0.5, single.getLowerBound());
        assertEquals(1.5, single.getUpperBound());
    }

    @Test
    void xIsCopied() {
        double[] x = {0, 0.1};
        BandPlot.Series s = new BandPlot.Series("x", x, new double[] {1, 2}, new double[] {0.1, 0.2});
        x[0] = -1;
        s.x()[1] = 9;
        assertArrayEquals(new double[] {0, 0.1}, s.x());
        assertFalse(s.equals(new BandPlot.Series("x", new double[] {0, 0.2}, new double[] {1, 2}, new double[] {0.1, 0.2})),
                "x takes part in equality");
    }

    @Test
    void rejectsANonIncreasingX() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Series("noise", new double[] {0, 0.1, 0.1}, filled(3, 60), filled(3, 1)));
        assertEquals("x of noise must be strictly increasing, was 0.1 at index 1 and 0.1 at index 2", e.getMessage());
    }

    @Test
    void rejectsADecreasingX() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Series("noise", new double[] {0.2, 0.1}, filled(2, 60), filled(2, 1)));
        assertEquals("x of noise must be strictly increasing, was 0.2 at index 0 and 0.1 at index 1", e.getMessage());
    }

    @Test
    void rejectsAnXOfAnotherLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Series("noise", new double[] {0, 0.1}, filled(3, 60), filled(3, 1)));
        assertEquals("x of noise must hold as many values as mean (3), held 2", e.getMessage());
    }

    @Test
    void rejectsANonFiniteX() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Series("noise", new double[] {0, NAN}, filled(2, 60), filled(2, 1)));
        assertEquals("x of noise must be finite, was NaN at index 1", e.getMessage());
    }

    @Test
    void needsAPanel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BandPlot.render("t", "y", List.of(), 640, 400));
        assertEquals("panels must hold at least one panel, held none", e.getMessage());
    }

    @Test
    void needsASeriesPerPanel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Panel("epoch", List.of()));
        assertEquals("series of panel \"epoch\" must hold at least one series, held none", e.getMessage());
    }

    @Test
    void needsTheSameVariantsInEveryPanel() {
        List<BandPlot.Panel> panels = List.of(new BandPlot.Panel("a", List.of(SEEDS, ONE_SEED)),
                new BandPlot.Panel("b", List.of(ONE_SEED, SEEDS)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BandPlot.render("t", "y", panels, 640, 400));
        assertEquals("panels[1] must list the variants of panels[0] [baseline, dropout] in the same order, "
                + "listed [dropout, baseline]", e.getMessage());
    }

    @Test
    void needsDistinctVariants() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BandPlot.render("t", "y", List.of(new BandPlot.Panel("a", List.of(SEEDS, SEEDS))), 640, 400));
        assertEquals("panels must list distinct variants, listed [baseline, baseline]", e.getMessage());
    }

    @Test
    void needsAnEpoch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Series("x", new double[0], new double[0]));
        assertEquals("mean of x must hold at least one epoch, held none", e.getMessage());
    }

    @Test
    void needsAnSdPerEpoch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Series("x", new double[] {1, 2}, new double[] {0.1}));
        assertEquals("sd of x must hold as many epochs as mean (2), held 1", e.getMessage());
    }

    @Test
    void rejectsANegativeSd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Series("x", new double[] {1, 2}, new double[] {0.1, -0.2}));
        assertEquals("sd of x at epoch 2 must be finite and at least 0, or NaN, was -0.2", e.getMessage());
    }

    @Test
    void rejectsAnInfiniteSd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Series("x", new double[] {1}, new double[] {Double.POSITIVE_INFINITY}));
        assertEquals("sd of x at epoch 1 must be finite and at least 0, or NaN, was Infinity", e.getMessage());
    }

    @Test
    void rejectsABlankVariant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPlot.Series("", new double[] {1}, new double[] {0}));
        assertEquals("variant must not be blank, was \"\"", e.getMessage());
    }

    @Test
    void rejectsANonPositiveWidth() {
        List<BandPlot.Panel> panels = List.of(new BandPlot.Panel("a", List.of(SEEDS)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BandPlot.render("t", "y", panels, 0, 400));
        assertEquals("width must be at least 200 pixels, was 0", e.getMessage());
    }

    @Test
    void rejectsANonPositiveHeight() {
        List<BandPlot.Panel> panels = List.of(new BandPlot.Panel("a", List.of(SEEDS)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BandPlot.render("t", "y", panels, 640, -5));
        assertEquals("height must be at least 150 pixels, was -5", e.getMessage());
    }
}
