package org.fmnist.examples.report;

import org.fmnist.data.FashionMnistClass;

/**
 * Test-set scores of one class.
 *
 * @param label     the class
 * @param precision of the images predicted as this class, the fraction that are, in [0, 1] (0 when none were)
 * @param recall    of the images of this class, the fraction predicted as it, in [0, 1] (0 when there are none)
 * @param f1        harmonic mean of precision and recall, in [0, 1]
 * @param support   number of test images of this class, at least 0
 */
public record ClassScores(FashionMnistClass label, double precision, double recall, double f1, long support) {

    /** Validates the ranges given in the record description. */
    public ClassScores {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null");
        }
        for (double v : new double[] {precision, recall, f1}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("precision, recall and f1 must be in [0, 1], were "
                        + precision + ", " + recall + ", " + f1);
            }
        }
        if (support < 0) {
            throw new IllegalArgumentException("support must be at least 0, was " + support);
        }
    }
}
