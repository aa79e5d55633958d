package org.fmnist.examples.report;

/**
 * What one epoch of training measured.
 *
 * <p>Losses are the mean cross-entropy of the softmax output (natural log), without any
 * regularization penalty, so that variants with and without L1/L2 compare on the same scale. Training
 * loss and accuracy are measured after the epoch, in inference mode (no dropout, no augmentation), on
 * a fixed sample of the images the model trains on; validation figures on the held-out validation
 * split. The gap between the two is what regularization is meant to close.
 *
 * @param epoch              the epoch number, from 1
 * @param trainLoss          mean training cross-entropy, at least 0 (NaN if training diverged)
 * @param trainAccuracy      training accuracy in [0, 1]
 * @param validationLoss     mean validation cross-entropy, at least 0 (NaN if training diverged)
 * @param validationAccuracy validation accuracy in [0, 1]
 * @param trainSeconds       wall-clock seconds spent training in this epoch (evaluation excluded), at least 0
 * @param elapsedSeconds     wall-clock seconds since the run started, this epoch's evaluation included, at least 0
 * @param imagesPerSecond    training throughput in this epoch, images per second, at least 0
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                           double validationAccuracy, double trainSeconds, double elapsedSeconds,
                           double imagesPerSecond) {

    /** Validates every field; see the record description for the ranges. */
    public EpochMetrics {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1, was " + epoch);
        }
        requireLoss("trainLoss", trainLoss);
        requireLoss("validationLoss", validationLoss);
        requireFraction("trainAccuracy", trainAccuracy);
        requireFraction("validationAccuracy", validationAccuracy);
        requireNonNegative("trainSeconds", trainSeconds);
        requireNonNegative("elapsedSeconds", elapsedSeconds);
        requireNonNegative("imagesPerSecond", imagesPerSecond);
    }

    /** Training minus validation accuracy: positive when the model fits its training images better. */
    public double accuracyGap() {
        return trainAccuracy - validationAccuracy;
    }

    private static void requireLoss(String name, double value) {
        if (!(value >= 0) && !Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must be at least 0 or NaN, was " + value);
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and at least 0, was " + value);
        }
    }
}
