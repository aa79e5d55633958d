package org.fmnist.augment;

import java.util.random.RandomGenerator;

/**
 * Zoom about the centre by a factor drawn uniformly from {@code [min, max]}.
 *
 * @param min smallest factor, in {@code [0.001, 1000]}
 * @param max largest factor, in {@code [min, 1000]}; {@code min == max} always draws that factor
 */
public record RandomScale(double min, double max) implements Augmentation {

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if a bound is outside {@code [0.001, 1000]} or NaN, or
     *                                  {@code min > max}
     */
    public RandomScale {
        Check.closed("min", min, Scale.MIN_SCALE, Scale.MAX_SCALE);
        Check.closed("max", max, Scale.MIN_SCALE, Scale.MAX_SCALE);
        if (min > max) {
            throw new IllegalArgumentException(
                    "scale min must not exceed max, was min " + min + ", max " + max);
        }
    }

    /**
     * Draws one value from {@code rng}.
     *
     * @return a {@link Scale} with a factor in {@code [min, max]}
     */
    @Override
    public Scale sample(RandomGenerator rng) {
        return new Scale(min + (max - min) * rng.nextDouble());
    }
}
