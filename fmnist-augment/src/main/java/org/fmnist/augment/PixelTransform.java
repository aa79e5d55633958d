package org.fmnist.augment;

/** A transform that changes values where they are, such as noise. */
public sealed interface PixelTransform extends Transform
        permits GaussianNoise, SaltAndPepperNoise {

    /**
     * Transforms {@code values[offset, offset + length)} in place.
     *
     * @param values the image data
     * @param offset index of the first value
     * @param length number of values (all planes of one image)
     * @param range  the value range; results are clipped to it
     */
    void applyInPlace(float[] values, int offset, int length, ValueRange range);
}
