package org.fmnist.augment;

import java.util.random.RandomGenerator;

/**
 * Additive Gaussian noise with a fresh noise field per image.
 *
 * @param sigma standard deviation as a fraction of the value range's width, in {@code [0, 1]};
 *              see {@link GaussianNoise}
 */
public record RandomGaussianNoise(double sigma) implements Augmentation {

    /**
     * Validates the standard deviation.
     *
     * @throws IllegalArgumentException if {@code sigma} is outside {@code [0, 1]} or NaN
     */
    public RandomGaussianNoise {
        Check.closed("sigma", sigma, 0, 1);
    }

    /**
     * Draws one value (the field's seed) from {@code rng}.
     *
     * @return a {@link GaussianNoise} with this sigma and a drawn seed
     */
    @Override
    public GaussianNoise sample(RandomGenerator rng) {
        return new GaussianNoise(sigma, rng.nextLong());
    }
}
