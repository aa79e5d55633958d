package org.fmnist.augment;

/**
 * A transform that moves pixels: rotation, translation, scaling, flips.
 *
 * <p>Output pixel {@code (x, y)} takes the input value at {@code sourceMap(shape).apply(x, y)},
 * interpolated bilinearly; positions outside the input read as the range's background. Runs of
 * geometric transforms are composed into one map and resampled once, so a pipeline interpolates
 * once however many geometric steps it has.
 */
public sealed interface GeometricTransform extends Transform
        permits Identity, Rotation, Translation, Scale, HorizontalFlip, VerticalFlip {

    /**
     * @param shape the image's shape; rotations and scalings act about the centre
     *              {@code ((width-1)/2, (height-1)/2)}
     * @return the map from output pixel coordinates to input coordinates
     */
    Affine sourceMap(ImageShape shape);
}
