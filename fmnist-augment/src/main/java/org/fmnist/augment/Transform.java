package org.fmnist.augment;

import java.util.random.RandomGenerator;

/**
 * A deterministic image transform with fixed parameters: the same input always gives the same
 * output. Either geometric (a resampling through an {@link Affine} map), a per-pixel operation,
 * or a {@link Sequence} of those.
 *
 * <p>As an {@link Augmentation} a transform is its own fixed form: {@link #sample} returns it
 * without drawing anything.
 */
public sealed interface Transform extends Augmentation
        permits GeometricTransform, PixelTransform, Sequence {

    /**
     * Returns this transform; draws nothing.
     *
     * @param rng ignored
     * @return {@code this}
     */
    @Override
    default Transform sample(RandomGenerator rng) {
        return this;
    }

    /**
     * Applies this transform to one image, leaving the input untouched.
     *
     * @param image pixels, planar (channel after channel, rows within), {@code shape.size()} values
     *              in {@code range}
     * @param shape the image's shape
     * @param range the value range; geometric transforms fill with its background and all outputs
     *              stay within it
     * @return a new array with the transformed image
     * @throws IllegalArgumentException if {@code image.length != shape.size()}
     */
    default float[] apply(float[] image, ImageShape shape, ValueRange range) {
        if (image.length != shape.size()) {
            throw new IllegalArgumentException("image length must be " + shape.size()
                    + " for shape " + shape + ", was " + image.length);
        }
        float[] out = new float[image.length];
        new Renderer(shape, range).render(this, image, 0, out, 0);
        return out;
    }
}
