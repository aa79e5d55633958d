package org.fmnist.augment;

import java.util.random.RandomGenerator;

/**
 * Salt-and-pepper noise with a fresh pattern per image.
 *
 * @param probability fraction of values replaced, in {@code [0, 1]}; see
 *                    {@link SaltAndPepperNoise}
 */
public record RandomSaltAndPepperNoise(double probability) implements Augmentation {

    /**
     * Validates the probability.
     *
     * @throws IllegalArgumentException if {@code probability} is outside {@code [0, 1]} or NaN
     */
    public RandomSaltAndPepperNoise {
        Check.probability("probability", probability);
    }

    /**
     * Draws one value (the pattern's seed) from {@code rng}.
     *
     * @return a {@link SaltAndPepperNoise} with this probability and a drawn seed
     */
    @Override
    public SaltAndPepperNoise sample(RandomGenerator rng) {
        return new SaltAndPepperNoise(probability, rng.nextLong());
    }
}
