package org.fmnist.augment;

/**
 * Shift by a fixed offset. Whole-pixel offsets move every pixel exactly; fractional ones
 * interpolate.
 *
 * @param dx pixels to the right (negative: left), finite
 * @param dy pixels downwards (negative: up), finite
 */
public record Translation(double dx, double dy) implements GeometricTransform {

    /**
     * Validates the offsets.
     *
     * @throws IllegalArgumentException if an offset is NaN or infinite
     */
    public Translation {
        Check.finite("dx", dx);
        Check.finite("dy", dy);
    }

    @Override
    public Affine sourceMap(ImageShape shape) {
        return new Affine(1, 0, -dx, 0, 1, -dy);
    }
}
