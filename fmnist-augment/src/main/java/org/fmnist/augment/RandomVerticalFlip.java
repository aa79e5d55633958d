package org.fmnist.augment;

import java.util.random.RandomGenerator;

/**
 * Mirror top to bottom with a probability.
 *
 * <p><strong>Off by default and not label-preserving for Fashion-MNIST:</strong> the dataset shows
 * clothing upright only, so an upside-down shoe is not a shoe it would ever contain. Use it to
 * study exactly that, not as a default.
 *
 * @param probability chance of flipping, in {@code [0, 1]}
 */
public record RandomVerticalFlip(double probability) implements Augmentation {

    /**
     * Validates the probability.
     *
     * @throws IllegalArgumentException if {@code probability} is outside {@code [0, 1]} or NaN
     */
    public RandomVerticalFlip {
        Check.probability("probability", probability);
    }

    /**
     * Draws one value from {@code rng}.
     *
     * @return {@link VerticalFlip} with chance {@code probability}, else {@link Identity}
     */
    @Override
    public GeometricTransform sample(RandomGenerator rng) {
        return rng.nextDouble() < probability ? new VerticalFlip() : new Identity();
    }
}
