package org.fmnist.augment;

import java.util.random.RandomGenerator;

/**
 * Shift by whole pixels drawn uniformly and independently for x and y from
 * {@code {-shift, ..., shift}}. Whole pixels, like padding and random cropping, so a shift alone
 * never blurs.
 *
 * @param shift largest shift either way, in {@code [0, 1000]} pixels
 */
public record RandomTranslation(int shift) implements Augmentation {

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if {@code shift} is outside {@code [0, 1000]}
     */
    public RandomTranslation {
        Check.closed("shift", shift, 0, 1000);
    }

    /**
     * Draws two values from {@code rng}.
     *
     * @return a {@link Translation} with whole-pixel offsets in {@code [-shift, shift]}
     */
    @Override
    public Translation sample(RandomGenerator rng) {
        int dx = rng.nextInt(2 * shift + 1) - shift;
        int dy = rng.nextInt(2 * shift + 1) - shift;
        return new Translation(dx, dy);
    }
}
