package org.fmnist.augment;

import java.util.random.RandomGenerator;

/**
 * Mirror left to right with a probability. Label-preserving for Fashion-MNIST, and part of the
 * default pipeline.
 *
 * @param probability chance of flipping, in {@code [0, 1]}
 */
public record RandomHorizontalFlip(double probability) implements Augmentation {

    /**
     * Validates the probability.
     *
     * @throws IllegalArgumentException if {@code probability} is outside {@code [0, 1]} or NaN
     */
    public RandomHorizontalFlip {
        Check.probability("probability", probability);
    }

    /**
     * Draws one value from {@code rng}.
     *
     * @return {@link HorizontalFlip} with chance {@code probability}, else {@link Identity}
     */
    @Override
    public GeometricTransform sample(RandomGenerator rng) {
        return rng.nextDouble() < probability ? new HorizontalFlip() : new Identity();
    }
}
