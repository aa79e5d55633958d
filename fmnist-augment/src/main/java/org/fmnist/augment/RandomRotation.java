package org.fmnist.augment;

import java.util.random.RandomGenerator;

/**
 * Rotation by an angle drawn uniformly from {@code [-degrees, degrees]}.
 *
 * @param degrees largest rotation either way, in {@code [0, 180]} degrees
 */
public record RandomRotation(double degrees) implements Augmentation {

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if {@code degrees} is outside {@code [0, 180]} or NaN
     */
    public RandomRotation {
        Check.closed("degrees", degrees, 0, 180);
    }

    /**
     * Draws one value from {@code rng}.
     *
     * @return a {@link Rotation} by an angle in {@code [-degrees, degrees]}
     */
    @Override
    public Rotation sample(RandomGenerator rng) {
        return new Rotation((2 * rng.nextDouble() - 1) * degrees);
    }
}
