package org.fmnist.examples.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a classifier's probabilities can be trusted, on one set of images.
 *
 * <p>The expected calibration error bins the images by their top-class probability (the confidence) into
 * {@link #BINS} equal-width bins and averages, weighted by the bins' image counts, the distance between each
 * bin's accuracy and its mean confidence (Guo et al., "On Calibration of Modern Neural Networks", 2017). DL4J's
 * {@code EvaluationCalibration} bins every class's probability separately, which is another diagram; this is the
 * top-label form the literature reports.
 *
 * @param images how many images were scored, at least 1
 * @param ece    expected calibration error, in [0, 1]; 0 is perfectly calibrated
 * @param nll    negative log-likelihood: the mean of {@code -ln p(true class)}, probabilities floored at
 *               {@link #MIN_PROBABILITY} so that one certain mistake stays finite (the test loss of
 *               {@code training.Scores} in the same form)
 * @param brier  Brier score: the mean over images of {@code sum_k (p_k - y_k)^2} over all ten classes, with
 *               {@code y} the one-hot label; in [0, 2], 0 for certain and right
 * @param bins   the reliability diagram: {@link #BINS} bins from confidence 0 to 1
 */
public record Calibration(int images, double ece, double nll, double brier, List<ReliabilityBin> bins) {

    /** Confidence bins of the calibration error and the reliability diagram. */
    public static final int BINS = 15;
    /** The floor of the true class's probability in the negative log-likelihood. */
    public static final double MIN_PROBABILITY = 1e-7;

    /** Copies the bins. */
    public Calibration {
        bins = List.copyOf(bins);
        if (images < 1) {
            throw new IllegalArgumentException("images must be at least 1, was " + images);
        }
    }

    /**
     * Scores a set of predictions.
     *
     * @param probabilities one row per image, each the class probabilities (each row sums to 1)
     * @param labels        the true class of each image, an index into its row
     * @return the calibration of the set
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or a label is out of its row
     */
    public static Calibration of(double[][] probabilities, int[] labels) {
        if (probabilities == null || labels == null || probabilities.length == 0
                || probabilities.length != labels.length) {
            throw new IllegalArgumentException("probabilities and labels must hold the same number of images, at "
                    + "least 1, held " + (probabilities == null ? "none" : probabilities.length) + " and "
                    + (labels == null ? "none" : labels.length));
        }
        int n = labels.length;
        long[] count = new long[BINS];
        double[] confidenceSum = new double[BINS];
        long[] correct = new long[BINS];
        double nll = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double[] p = probabilities[i];
            int label = labels[i];
            if (label < 0 || label >= p.length) {
                throw new IllegalArgumentException("label of image " + i + " must be in [0, " + p.length
                        + "), was " + label);
            }
            int top = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[top]) {
                    top = k;
                }
            }
            for (int k = 0; k < p.length; k++) {
                double d = p[k] - (k == label ? 1 : 0);
                brier += d * d;
            }
            nll -= Math.log(Math.max(p[label], MIN_PROBABILITY));
            int bin = Math.min((int) (p[top] * BINS), BINS - 1);
            count[bin]++;
            confidenceSum[bin] += p[top];
            if (top == label) {
                correct[bin]++;
            }
        }
        List<ReliabilityBin> bins = new ArrayList<>(BINS);
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            double confidence = count[b] == 0 ? 0 : confidenceSum[b] / count[b];
            double accuracy = count[b] == 0 ? 0 : (double) correct[b] / count[b];
            ece += (double) count[b] / n * Math.abs(accuracy - confidence);
            bins.add(new ReliabilityBin((double) b / BINS, (double) (b + 1) / BINS, count[b],
                    Math.min(confidence, 1), accuracy));
        }
        return new Calibration(n, ece, nll / n, brier / n, bins);
    }
}
