package org.fmnist.models;

import java.util.Objects;

import org.fmnist.augment.Pipeline;

/**
 * How one network is trained: its batches, its budget of epochs, early stopping, the augmentation of its training
 * batches and the seed of all its randomness.
 *
 * @param batchSize    training minibatch size, in images; at least 1
 * @param epochs       training epochs; with early stopping, the maximum; at least 1
 * @param patience     early stopping: stop after this many epochs without a better validation accuracy and keep
 *                     the best model; at least 0, 0 = off (train all {@code epochs})
 * @param augmentation the augmentation applied to training batches; {@link Pipeline#EMPTY} = off. Every step must
 *                     have fmnist-augment's text form ({@link Pipeline#toSpec()}), so that it can be saved
 * @param seed         seed of the initial weights, of dropout, of the image order and of the augmentation: the
 *                     same seed gives the same initial weights
 */
public record TrainingSpec(int batchSize, int epochs, int patience, Pipeline augmentation, long seed) {

    /** The seed every preset uses, so that the study's variants start from comparable weights. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException naming the setting and its value, if one is out of range, or if a step of
     *                                  the augmentation has no text form
     * @throws NullPointerException     if the augmentation is null
     */
    public TrainingSpec {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        Objects.requireNonNull(augmentation, "augmentation must not be null (use Pipeline.EMPTY for none)");
        try {
            augmentation.toSpec();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("augmentation must be made of steps with a text form: "
                    + e.getMessage(), e);
        }
    }

    /** Whether training uses early stopping on the validation split: {@code patience > 0}. */
    public boolean earlyStopping() {
        return patience > 0;
    }

    /** Whether training batches are augmented: the pipeline has at least one step. */
    public boolean augmented() {
        return !augmentation.steps().isEmpty();
    }

    /** The augmentation in fmnist-augment's text form; {@code ""} for none. */
    public String augmentationText() {
        return augmented() ? augmentation.toSpec() : "";
    }
}
