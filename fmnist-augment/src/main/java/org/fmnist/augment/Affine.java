package org.fmnist.augment;

/**
 * A 2-D affine map of pixel coordinates, {@code x' = a*x + b*y + c}, {@code y' = d*x + e*y + f}.
 *
 * <p>Coordinates are in pixels with the centre of pixel (column {@code x}, row {@code y}) at
 * {@code (x, y)}; {@code x} grows to the right and {@code y} downwards. Geometric transforms
 * describe themselves by their <em>source map</em>: for each output pixel, where in the input to
 * sample. Composing source maps instead of images lets a run of geometric steps be resampled once.
 *
 * @param a x-coefficient of x'
 * @param b y-coefficient of x'
 * @param c offset of x', pixels
 * @param d x-coefficient of y'
 * @param e y-coefficient of y'
 * @param f offset of y', pixels
 */
public record Affine(double a, double b, double c, double d, double e, double f) {

    /** The map that leaves every point where it is. */
    public static final Affine IDENTITY = new Affine(1, 0, 0, 0, 1, 0);

    /**
     * Validates the coefficients.
     *
     * @throws IllegalArgumentException if a coefficient is NaN or infinite
     */
    public Affine {
        double[] values = {a, b, c, d, e, f};
        String[] names = {"a", "b", "c", "d", "e", "f"};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(names[i] + " must be finite, was " + values[i]);
            }
        }
    }

    /**
     * The map that applies {@code inner} first and then this one: {@code this(inner(p))}.
     *
     * <p>For source maps this is the order of application reversed: if step 1 has source map
     * {@code S1} and step 2 has {@code S2}, the two together have {@code S1.compose(S2)}.
     *
     * @param inner the map applied first
     * @return the composition
     */
    public Affine compose(Affine inner) {
        return new Affine(
                a * inner.a + b * inner.d, a * inner.b + b * inner.e, a * inner.c + b * inner.f + c,
                d * inner.a + e * inner.d, d * inner.b + e * inner.e, d * inner.c + e * inner.f + f);
    }

    /**
     * @return the map that undoes this one
     * @throws IllegalStateException if the map is singular (it collapses the plane)
     */
    public Affine inverse() {
        double det = a * e - b * d;
        if (det == 0 || !Double.isFinite(1 / det)) {
            throw new IllegalStateException("affine map is singular, determinant " + det);
        }
        double ia = e / det;
        double ib = -b / det;
        double id = -d / det;
        double ie = a / det;
        return new Affine(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    /** @return whether this leaves every point exactly where it is */
    public boolean isIdentity() {
        // == rather than equals(): records compare doubles bitwise, and -0.0 (from sin 0) is no move
        return a == 1 && b == 0 && c == 0 && d == 0 && e == 1 && f == 0;
    }

    /**
     * @param x column coordinate, pixels
     * @param y row coordinate, pixels
     * @return the image of {@code (x, y)}: {@code {x', y'}}
     */
    public double[] apply(double x, double y) {
        return new double[] {a * x + b * y + c, d * x + e * y + f};
    }
}
