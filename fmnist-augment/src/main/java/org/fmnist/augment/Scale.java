package org.fmnist.augment;

/**
 * Zoom about the image centre by a fixed factor.
 *
 * @param scale magnification in {@code [0.001, 1000]}: above 1 enlarges (the border is cropped),
 *              below 1 shrinks (background enters from the border), 1 changes nothing
 */
public record Scale(double scale) implements GeometricTransform {

    /** Smallest accepted factor; the bound keeps the inverse map finite. */
    public static final double MIN_SCALE = 1e-3;

    /** Largest accepted factor. */
    public static final double MAX_SCALE = 1e3;

    /**
     * Validates the factor.
     *
     * @throws IllegalArgumentException if {@code scale} is outside {@code [0.001, 1000]} or NaN
     */
    public Scale {
        Check.closed("scale", scale, MIN_SCALE, MAX_SCALE);
    }

    @Override
    public Affine sourceMap(ImageShape shape) {
        double cx = (shape.width() - 1) / 2.0;
        double cy = (shape.height() - 1) / 2.0;
        double inv = 1 / scale;
        return new Affine(inv, 0, cx - cx * inv, 0, inv, cy - cy * inv);
    }
}
