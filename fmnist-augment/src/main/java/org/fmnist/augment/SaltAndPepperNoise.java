package org.fmnist.augment;

import java.util.SplittableRandom;

/**
 * Salt-and-pepper noise with a fixed pattern generated from {@code seed}: each value is, with
 * probability {@code probability / 2}, set to the range's maximum (salt), with the same
 * probability to its minimum (pepper), and otherwise kept.
 *
 * @param probability fraction of values replaced, in {@code [0, 1]}
 * @param seed        seed of the pattern
 */
public record SaltAndPepperNoise(double probability, long seed) implements PixelTransform {

    /**
     * Validates the probability.
     *
     * @throws IllegalArgumentException if {@code probability} is outside {@code [0, 1]} or NaN
     */
    public SaltAndPepperNoise {
        Check.probability("probability", probability);
    }

    @Override
    public void applyInPlace(float[] values, int offset, int length, ValueRange range) {
        if (probability == 0) {
            return;
        }
        SplittableRandom pattern = new SplittableRandom(seed);
        double half = probability / 2;
        for (int i = offset, end = offset + length; i < end; i++) {
            double u = pattern.nextDouble();
            if (u < half) {
                values[i] = range.max();
            } else if (u < probability) {
                values[i] = range.min();
            }
        }
    }
}
