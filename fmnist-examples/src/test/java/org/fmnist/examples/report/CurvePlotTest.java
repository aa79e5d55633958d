package org.fmnist.examples.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurvePlotTest {

    private static final int FIRST_COLOUR = 0x4E79A7;
    private static final int SECOND_COLOUR = 0xF28E2B;

    @Test
    void everyVariantIsDrawnInItsColourInBothPanels(@TempDir Path dir) throws IOException {
        List<VariantResult> variants = List.of(ReportFixtures.variant("baseline", 6, 0.99, 0.88),
                ReportFixtures.variant("dropout", 6, 0.93, 0.90));
        Path png = dir.resolve("curves.png");
        CurvePlot.writePng(variants, CurvePlot.Metric.ACCURACY, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(CurvePlot.WIDTH, image.getWidth());
        assertEquals(CurvePlot.HEIGHT, image.getHeight());
        int half = image.getWidth() / 2;
        for (int colour : new int[] {FIRST_COLOUR, SECOND_COLOUR}) {
            assertTrue(count(image, colour, 0, half) > 50, "left panel shows colour " + Integer.toHexString(colour));
            assertTrue(count(image, colour, half, image.getWidth()) > 50, "right panel shows colour " + Integer.toHexString(colour));
        }
    }

    @Test
    void divergedLossesAreLeftOutInsteadOfFailing() {
        List<EpochMetrics> epochs = new ArrayList<>(ReportFixtures.variant("x", 3, 0.9, 0.8).epochs());
        epochs.add(new EpochMetrics(4, Double.NaN, 0.1, Double.NaN, 0.1, 1, 50, 100));
        VariantResult diverged = new VariantResult("diverged", "", "", 10, epochs, 4, false,
                TestEvaluation.fromConfusion(ReportFixtures.confusion(1, 9)));
        BufferedImage image = CurvePlot.render(List.of(diverged), CurvePlot.Metric.LOSS, 400, 300);
        assertEquals(400, image.getWidth());
    }

    @Test
    void needsAVariant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurvePlot.render(List.of(), CurvePlot.Metric.LOSS, 400, 300));
        assertEquals("variants must hold at least one variant, held none", e.getMessage());
    }

    private static int count(BufferedImage image, int rgb, int fromX, int toX) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
