package org.fmnist.augment;

import java.util.SplittableRandom;

/**
 * Additive Gaussian noise with a fixed noise field: the field is generated from {@code seed}, so
 * the same record always adds the same noise.
 *
 * <p>Each value becomes {@code clamp(v + sigma * range.width() * z)} with {@code z} standard
 * normal. Clipping keeps values in range; on a black background that makes the noise one-sided
 * (it can only brighten), while on mid-grey content it has mean zero and standard deviation
 * {@code sigma * range.width()}.
 *
 * @param sigma standard deviation as a fraction of the range's width, in {@code [0, 1]}
 *              (0.05 is 0.05 on {@code [0, 1]} data and 12.75 on {@code [0, 255]} data)
 * @param seed  seed of the noise field
 */
public record GaussianNoise(double sigma, long seed) implements PixelTransform {

    /**
     * Validates the standard deviation.
     *
     * @throws IllegalArgumentException if {@code sigma} is outside {@code [0, 1]} or NaN
     */
    public GaussianNoise {
        Check.closed("sigma", sigma, 0, 1);
    }

    @Override
    public void applyInPlace(float[] values, int offset, int length, ValueRange range) {
        if (sigma == 0) {
            return;
        }
        // The field is a pure function of the seed, which the random form drew from the run's
        // stream: this stream is replayed, never shared.
        SplittableRandom field = new SplittableRandom(seed);
        double std = sigma * range.width();
        float lo = range.min();
        float hi = range.max();
        for (int i = offset, end = offset + length; i < end; i++) {
            float v = (float) (values[i] + std * field.nextGaussian());
            values[i] = v < lo ? lo : (v > hi ? hi : v);
        }
    }
}
