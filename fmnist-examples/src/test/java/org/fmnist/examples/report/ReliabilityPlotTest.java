package org.fmnist.examples.report;

import org.fmnist.examples.evaluation.ReliabilityBin;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReliabilityPlotTest {


    /**
     * Four bins, two of them empty: [0.1, 0.5) a little under-confident, [0.9, 1] over-confident and tall.
     */
    private static final List<ReliabilityBin> BINS = List.of(
            new ReliabilityBin(0, 0.1, 0, 0, 0),
            new ReliabilityBin(0.1, 0.5, 3, 0.3, 1.0 / 3),
            new ReliabilityBin(0.5, 0.9, 0, 0, 0),
            new ReliabilityBin(0.9, 1, 10, 0.95, 0.9));

    private static ReliabilityPlot.Diagram diagram(String variant) {
        return new ReliabilityPlot.Diagram(variant, BINS, 0.0123);
    }

    private static List<ReliabilityPlot.Diagram> diagrams(int n) {
        return IntStream.range(0, n).mapToObj(i -> diagram("variant " + i)).toList();
    }

    private static XYPlot plot(JFreeChart chart) {
        return (XYPlot) chart.getPlot();
    }

    @Test
    void barsSpanTheNonEmptyBinsAtTheirAccuracy() {
        XYPlot plot = plot(ReliabilityPlot.panel(diagram("baseline"), 0));
        IntervalXYDataset data = (IntervalXYDataset) plot.getDataset();
        assertEquals(1, data.getSeriesCount());
        assertEquals(2, data.getItemCount(0), "one bar per non-empty bin");
        assertEquals(0.1, data.getStartXValue(0, 0));
        assertEquals(0.5, data.getEndXValue(0, 0));
        assertEquals(1.0 / 3, data.getYValue(0, 0));
        assertEquals(0.9, data.getStartXValue(0, 1));
        assertEquals(1.0, data.getEndXValue(0, 1));
        assertEquals(0.9, data.getYValue(0, 1));
    }

    @Test
    void axesRunFromZeroToOneWithTheDiagonalOnTop() {
        XYPlot plot = plot(ReliabilityPlot.panel(diagram("baseline"), 0));
        assertEquals("confidence", plot.getDomainAxis().getLabel());
        assertEquals(0, plot.getDomainAxis().getLowerBound());
        assertEquals(1, plot.getDomainAxis().getUpperBound());
        assertEquals("accuracy", plot.getRangeAxis().getLabel());
        assertEquals(0, plot.getRangeAxis().getLowerBound());
        assertEquals(1, plot.getRangeAxis().getUpperBound());
        List<XYAnnotation> annotations = plot.getAnnotations();
        assertEquals(1, annotations.size());
        XYLineAnnotation diagonal = (XYLineAnnotation) annotations.get(0);
        assertEquals(List.of(0.0, 0.0, 1.0, 1.0),
                List.of(diagonal.getX1(), diagonal.getY1(), diagonal.getX2(), diagonal.getY2()));
    }

    @Test
    void theTitleGivesTheEceInPercent() {
        assertEquals("baseline  ECE 1.23%", ReliabilityPlot.panel(diagram("baseline"), 0).getTitle().getText());
        Locale before = Locale.getDefault();
        try {
            // A decimal comma would make the figure depend on the machine's locale.
            Locale.setDefault(Locale.GERMANY);
            ReliabilityPlot.Diagram d = new ReliabilityPlot.Diagram("dropout", BINS, 0.04567);
            assertEquals("dropout  ECE 4.57%", ReliabilityPlot.panel(d, 1).getTitle().getText());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aBarShowsItsVariantsColourUpToItsAccuracy() {
        JFreeChart chart = ReliabilityPlot.panel(diagram("baseline"), 2);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(400, 320, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = plot(chart);
        BiFunction<Double, Double, Color> at = (x, y) -> new Color(image.getRGB(
                (int) Math.floor(plot.getDomainAxis().valueToJava2D(x, area, RectangleEdge.BOTTOM)),
                (int) Math.floor(plot.getRangeAxis().valueToJava2D(y, area, RectangleEdge.LEFT))));
        Color colour = Plots.paletteColour(2);
        // Inside the tall bar [0.9, 1] of 0.9, away from the diagonal (there at 0.95) and the bar's edges.
        assertEquals(colour, at.apply(0.95, 0.4));
        assertEquals(colour, at.apply(0.93, 0.8));
        // Inside the bar [0.1, 0.5) of 1/3, and above it.
        assertEquals(colour, at.apply(0.2, 0.1));
        assertFalse(colour.equals(at.apply(0.2, 0.6)), "nothing above a bar's accuracy");
        // An empty bin has no bar.
        assertFalse(colour.equals(at.apply(0.7, 0.2)), "no bar for the empty bin [0.5, 0.9)");
    }

    @Test
    void fourDiagramsFillTwoRowsOfThree() {
        BufferedImage image = ReliabilityPlot.render("reliability", diagrams(4), 1200);
        assertEquals(1200, image.getWidth());
        // Cells of 400 by 320 (0.8 of their width), two rows under the 40-pixel title strip.
        assertEquals(ReliabilityPlot.TITLE_HEIGHT + 2 * 320, image.getHeight());
        assertEquals(ReliabilityPlot.TITLE_HEIGHT + 320, ReliabilityPlot.render("reliability", diagrams(3), 1200).getHeight());
        assertEquals(320, ReliabilityPlot.render(null, diagrams(3), 1200).getHeight(), "no title, no strip");
        // Row by row: the fourth panel starts the second row, in the fourth colour; the two cells after it are empty.
        for (int i = 0; i < 6; i++) {
            int left = (i % 3) * 400;
            int top = ReliabilityPlot.TITLE_HEIGHT + (i / 3) * 320;
            for (int c = 0; c < 4; c++) {
                assertEquals(c == i, holds(image, left, top, 400, 320, Plots.paletteColour(c)),
                        "cell " + i + " in colour " + c);
            }
        }
    }

    @Test
    void oneDiagramIsOnePanelAcrossTheWidth() {
        BufferedImage image = ReliabilityPlot.render("reliability", diagrams(1), 600);
        assertEquals(600, image.getWidth());
        assertEquals(ReliabilityPlot.TITLE_HEIGHT + 480, image.getHeight());
        assertTrue(holds(image, 400, ReliabilityPlot.TITLE_HEIGHT, 200, 480, Plots.paletteColour(0)),
                "the right third holds the tall bar");
    }

    /** Whether at least 100 pixels of the rectangle show the colour exactly: a bar's fill, not a stray edge. */
    private static boolean holds(BufferedImage image, int left, int top, int width, int height, Color colour) {
        int found = 0;
        for (int x = left; x < left + width; x++) {
            for (int y = top; y < top + height; y++) {
                if (image.getRGB(x, y) == colour.getRGB()) {
                    found++;
                }
            }
        }
        return found >= 100;
    }

    @Test
    void pngRoundTripsAtTheDefaultWidth(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("reliability.png");
        ReliabilityPlot.writePng("reliability", diagrams(2), png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(Plots.WIDTH, read.getWidth());
        // Two panels of 600 by 480.
        assertEquals(ReliabilityPlot.TITLE_HEIGHT + 480, read.getHeight());
    }

    @Test
    void rejectsOverlappingBins() {
        List<ReliabilityBin> bins = List.of(new ReliabilityBin(0, 0.5, 1, 0.4, 1),
                new ReliabilityBin(0.4, 1, 1, 0.9, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReliabilityPlot.Diagram("baseline", bins, 0.1));
        assertEquals("bins of baseline must be in increasing order and not overlap, bin 1 starts at 0.4 before bin 0 "
                + "ends at 0.5", e.getMessage());
    }

    @Test
    void rejectsADiagramWithoutBins() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReliabilityPlot.Diagram("baseline", List.of(), 0));
        assertEquals("bins of baseline must hold at least one bin, held none", e.getMessage());
    }

    @Test
    void rejectsAnEceOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReliabilityPlot.Diagram("baseline", BINS, 1.23));
        assertEquals("ece of baseline must be in [0, 1], was 1.23", e.getMessage());
    }

    @Test
    void rejectsABlankVariant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReliabilityPlot.Diagram(" ", BINS, 0));
        assertEquals("variant must not be blank, was \" \"", e.getMessage());
    }

    @Test
    void rejectsNoDiagrams() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReliabilityPlot.render("t", List.of(), 1200));
        assertEquals("diagrams must hold at least one diagram, held none", e.getMessage());
    }

    @Test
    void rejectsARepeatedVariant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReliabilityPlot.render("t", List.of(diagram("baseline"), diagram("baseline")), 1200));
        assertEquals("diagrams must name distinct variants, named baseline twice", e.getMessage());
    }

    @Test
    void rejectsANarrowImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReliabilityPlot.render("t", diagrams(1), 299));
        assertEquals("width must be at least 300 pixels, was 299", e.getMessage());
    }
}
