package org.fmnist.examples.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** Ten classes: {@code top} on {@code predicted}, the rest spread evenly over the other nine. */
    private static double[] row(int predicted, double top) {
        double[] p = new double[10];
        Arrays.fill(p, (1 - top) / 9);
        p[predicted] = top;
        return p;
    }

    /** {@code n} images predicted as class 0 with confidence {@code top}, the first {@code right} of them right. */
    private static void fill(double[][] p, int[] labels, int from, int n, double top, int right) {
        for (int i = 0; i < n; i++) {
            p[from + i] = row(0, top);
            labels[from + i] = i < right ? 0 : 3;
        }
    }

    @Test
    void aPerfectlyCalibratedSetHasNoCalibrationErrorAndHandComputedLossAndBrier() {
        double[][] p = new double[10][];
        int[] labels = new int[10];
        fill(p, labels, 0, 10, 0.8, 8);
        Calibration c = Calibration.of(p, labels);

        assertEquals(10, c.images());
        assertEquals(0, c.ece(), 1e-12);
        double other = 0.2 / 9;
        assertEquals((8 * -Math.log(0.8) + 2 * -Math.log(other)) / 10, c.nll(), 1e-12);
        double right = 0.2 * 0.2 + 9 * other * other;
        double wrong = 0.8 * 0.8 + (1 - other) * (1 - other) + 8 * other * other;
        assertEquals((8 * right + 2 * wrong) / 10, c.brier(), 1e-12);
        // 0.8 * 15 = 12: the bin [12/15, 13/15).
        ReliabilityBin bin = c.bins().get(12);
        assertEquals(10, bin.count());
        assertEquals(0.8, bin.meanConfidence(), 1e-12);
        assertEquals(0.8, bin.accuracy(), 1e-12);
        assertEquals(12.0 / 15, bin.lower(), 1e-15);
        assertEquals(13.0 / 15, bin.upper(), 1e-15);
    }

    @Test
    void anOverConfidentSetHasTheWeightedGapAsItsError() {
        // 20 images at 0.95 with 10 right (gap 0.45), 20 at 0.5 with 10 right (gap 0): ECE = 0.5 * 0.45.
        double[][] p = new double[40][];
        int[] labels = new int[40];
        fill(p, labels, 0, 20, 0.95, 10);
        fill(p, labels, 20, 20, 0.5, 10);
        Calibration c = Calibration.of(p, labels);
        assertEquals(0.225, c.ece(), 1e-12);
        assertEquals(20, c.bins().get(14).count());
        assertEquals(0.5, c.bins().get(14).accuracy(), 1e-12);
        assertEquals(20, c.bins().get(7).count(), "0.5 * 15 = 7.5: the bin [7/15, 8/15)");
        assertEquals(40, c.bins().stream().mapToLong(ReliabilityBin::count).sum());
    }

    @Test
    void certaintyFallsInTheLastBinAndCertainRightAnswersScoreZero() {
        double[][] p = {row(2, 1.0), row(5, 1.0)};
        Calibration c = Calibration.of(p, new int[] {2, 5});
        assertEquals(15, c.bins().size());
        assertEquals(2, c.bins().get(14).count());
        assertEquals(1.0, c.bins().get(14).upper());
        assertEquals(0, c.ece(), 1e-12);
        assertEquals(0, c.brier(), 1e-12);
        assertEquals(0, c.nll(), 1e-12);
    }

    @Test
    void aCertainMistakeHasAFiniteLossAndTheLargestBrierScore() {
        Calibration c = Calibration.of(new double[][] {row(1, 1.0)}, new int[] {4});
        assertEquals(-Math.log(Calibration.MIN_PROBABILITY), c.nll(), 1e-9);
        assertEquals(2, c.brier(), 1e-12);
        assertEquals(1, c.ece(), 1e-12);
    }

    @Test
    void badInputIsRejectedWithWhatWasWrong() {
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> Calibration.of(new double[][] {row(0, 0.5)}, new int[] {0, 1}));
        assertTrue(lengths.getMessage().contains("held 1 and 2"), lengths.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Calibration.of(new double[][] {row(0, 0.5)}, new int[] {10}));
        assertEquals("label of image 0 must be in [0, 10), was 10", label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[0][], new int[0]));
    }

    @Test
    void aBinOutOfItsRangesIsRejected() {
        assertEquals("edges must satisfy 0 <= lower < upper <= 1, were 0.3 and 0.3",
                assertThrows(IllegalArgumentException.class, () -> new ReliabilityBin(0.3, 0.3, 1, 0.3, 1))
                        .getMessage());
        assertEquals("count must be at least 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> new ReliabilityBin(0.1, 0.2, -1, 0.15, 1))
                        .getMessage());
        assertEquals("accuracy must be in [0, 1], was 1.2",
                assertThrows(IllegalArgumentException.class, () -> new ReliabilityBin(0.1, 0.2, 5, 0.15, 1.2))
                        .getMessage());
        assertEquals("meanConfidence must be in [0, 1], was NaN",
                assertThrows(IllegalArgumentException.class, () -> new ReliabilityBin(0.1, 0.2, 5, Double.NaN, 1))
                        .getMessage());
    }
}
