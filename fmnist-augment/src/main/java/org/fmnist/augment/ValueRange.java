package org.fmnist.augment;

/**
 * The range pixel values live in, and the value of the empty background.
 *
 * <p>Geometric transforms fill what enters the frame from outside with {@link #background()} and
 * keep every output in {@code [min, max]}; noise is clipped to it, and its strength is expressed
 * as a fraction of {@link #width()}, so one specification means the same on {@code [0, 1]} data,
 * on raw bytes and on standardized data.
 *
 * @param min        smallest value, finite
 * @param max        largest value, finite, greater than {@code min}
 * @param background value of empty space, in {@code [min, max]}; black ({@code min}) for
 *                   Fashion-MNIST
 */
public record ValueRange(float min, float max, float background) {

    /** Pixels scaled to {@code [0, 1]} on a black background: the data module's default. */
    public static final ValueRange UNIT = new ValueRange(0f, 1f, 0f);

    /** Raw 8-bit pixels {@code [0, 255]} on a black background. */
    public static final ValueRange BYTE = new ValueRange(0f, 255f, 0f);

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if a bound is not finite, {@code min >= max}, or the
     *                                  background lies outside {@code [min, max]}
     */
    public ValueRange {
        if (!Float.isFinite(min)) {
            throw new IllegalArgumentException("min must be finite, was " + min);
        }
        if (!Float.isFinite(max)) {
            throw new IllegalArgumentException("max must be finite, was " + max);
        }
        if (!(min < max)) {
            throw new IllegalArgumentException(
                    "min must be less than max, was min " + min + ", max " + max);
        }
        if (!(background >= min && background <= max)) {
            throw new IllegalArgumentException(
                    "background must be in [" + min + ", " + max + "], was " + background);
        }
    }

    /**
     * A range whose background is its minimum (dark background, as in Fashion-MNIST).
     *
     * @param min smallest value, finite
     * @param max largest value, finite, greater than {@code min}
     * @return the range {@code [min, max]} with background {@code min}
     */
    public static ValueRange of(float min, float max) {
        return new ValueRange(min, max, min);
    }

    /**
     * The range of {@code [0, 1]} pixels after standardization {@code (p - mean) / std} (the data
     * module's {@code STANDARDIZE}); black, the background, becomes {@code -mean / std}.
     *
     * @param mean pixel mean on the {@code [0, 1]} scale, finite
     * @param std  pixel standard deviation on the {@code [0, 1]} scale, finite and positive
     * @return {@code [-mean / std, (1 - mean) / std]} with background {@code -mean / std}
     */
    public static ValueRange standardized(double mean, double std) {
        Check.finite("mean", mean);
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("std must be positive and finite, was " + std);
        }
        return of((float) (-mean / std), (float) ((1 - mean) / std));
    }

    /** @return {@code max - min}, the full scale that noise strengths are fractions of */
    public float width() {
        return max - min;
    }

    /**
     * @param value any value
     * @return {@code value} limited to {@code [min, max]}
     */
    public float clamp(float value) {
        return Math.min(max, Math.max(min, value));
    }
}
