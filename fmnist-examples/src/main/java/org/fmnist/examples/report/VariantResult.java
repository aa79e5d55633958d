package org.fmnist.examples.report;

import java.util.List;

/**
 * The outcome of training one variant of the study.
 *
 * @param id            the variant's preset id, such as {@code baseline} or {@code dropout}
 * @param description   one line saying what the variant changes, for the report
 * @param augmentation  the augmentation spec it trained with, empty for none
 * @param parameters    number of trainable parameters, at least 1
 * @param epochs        the metrics of every epoch trained, in order, at least one
 * @param testedEpoch   the epoch whose weights were evaluated on the test split: the last one, or the
 *                      best by validation accuracy for a variant that keeps its best model
 * @param stoppedEarly  whether training ended before the epoch budget (early stopping)
 * @param test          the test-split evaluation of the tested epoch's weights
 */
public record VariantResult(String id, String description, String augmentation, long parameters,
                            List<EpochMetrics> epochs, int testedEpoch, boolean stoppedEarly,
                            TestEvaluation test) {

    /** Validates the fields; see the record description. */
    public VariantResult {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank, was '" + id + "'");
        }
        description = description == null ? "" : description;
        augmentation = augmentation == null ? "" : augmentation;
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("epochs must hold at least one epoch, held none");
        }
        if (testedEpoch < 1 || testedEpoch > epochs.size()) {
            throw new IllegalArgumentException("testedEpoch must be in [1, " + epochs.size() + "], was " + testedEpoch);
        }
        if (parameters < 1) {
            throw new IllegalArgumentException("parameters must be at least 1, was " + parameters);
        }
        if (test == null) {
            throw new IllegalArgumentException("test must not be null");
        }
    }

    /** The epoch with the highest validation accuracy (the earliest, on ties). */
    public EpochMetrics bestEpoch() {
        EpochMetrics best = epochs.get(0);
        for (EpochMetrics m : epochs) {
            if (m.validationAccuracy() > best.validationAccuracy()) {
                best = m;
            }
        }
        return best;
    }

    /** The last epoch trained. */
    public EpochMetrics lastEpoch() {
        return epochs.get(epochs.size() - 1);
    }

    /** Training minus validation accuracy after the last epoch. */
    public double finalGap() {
        return lastEpoch().accuracyGap();
    }

    /** Seconds from the start of training to the end of the last epoch's evaluation. */
    public double wallSeconds() {
        return lastEpoch().elapsedSeconds();
    }

    /** Training throughput over all epochs, images per second (evaluation time excluded). */
    public double imagesPerSecond() {
        double images = 0;
        double seconds = 0;
        for (EpochMetrics m : epochs) {
            images += m.imagesPerSecond() * m.trainSeconds();
            seconds += m.trainSeconds();
        }
        return seconds == 0 ? 0 : images / seconds;
    }
}
