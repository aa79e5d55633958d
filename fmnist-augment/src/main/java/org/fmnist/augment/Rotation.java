package org.fmnist.augment;

/**
 * Rotation about the image centre by a fixed angle.
 *
 * @param degrees angle in degrees, finite; positive turns the image counter-clockwise as displayed
 *                (x to the right, y downwards). Multiples of 90 are exact permutations of the pixel
 *                grid on square images.
 */
public record Rotation(double degrees) implements GeometricTransform {

    /**
     * Validates the angle.
     *
     * @throws IllegalArgumentException if {@code degrees} is NaN or infinite
     */
    public Rotation {
        Check.finite("degrees", degrees);
    }

    @Override
    public Affine sourceMap(ImageShape shape) {
        double cos;
        double sin;
        double turns = degrees / 90;
        if (turns == Math.rint(turns)) {
            // Math.cos(PI/2) is 6e-17, not 0: exact quarter turns keep 90-degree rotations lossless.
            int quarter = (int) Math.floorMod((long) turns, 4L);
            cos = new double[] {1, 0, -1, 0}[quarter];
            sin = new double[] {0, 1, 0, -1}[quarter];
        } else {
            double radians = Math.toRadians(degrees);
            cos = Math.cos(radians);
            sin = Math.sin(radians);
        }
        double cx = (shape.width() - 1) / 2.0;
        double cy = (shape.height() - 1) / 2.0;
        // Source of output p is the centre plus (p - centre) turned back by the angle.
        return new Affine(cos, -sin, cx - cos * cx + sin * cy,
                sin, cos, cy - sin * cx - cos * cy);
    }
}
