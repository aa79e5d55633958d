package org.fmnist.augment;

/**
 * The shape of one image stored planar (channel after channel, each plane row-major), as in one
 * example of an NCHW batch or a flattened {@code [N, C*H*W]} batch.
 *
 * @param channels number of planes, at least 1 (1 for Fashion-MNIST)
 * @param height   rows per plane, at least 1
 * @param width    columns per plane, at least 1
 */
public record ImageShape(int channels, int height, int width) {

    /** One 28x28 grey plane: a Fashion-MNIST image. */
    public static final ImageShape FASHION_MNIST = new ImageShape(1, 28, 28);

    /**
     * Validates the dimensions.
     *
     * @throws IllegalArgumentException if any dimension is below 1 or the image has more than
     *                                  {@link Integer#MAX_VALUE} values
     */
    public ImageShape {
        requirePositive("channels", channels);
        requirePositive("height", height);
        requirePositive("width", width);
        long size = (long) channels * height * width;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "channels*height*width must fit an int, was " + size);
        }
    }

    /**
     * A single-channel shape.
     *
     * @param height rows, at least 1
     * @param width  columns, at least 1
     * @return the shape {@code (1, height, width)}
     */
    public static ImageShape grey(int height, int width) {
        return new ImageShape(1, height, width);
    }

    /** @return values in one plane: {@code height * width} */
    public int planeSize() {
        return height * width;
    }

    /** @return values in the whole image: {@code channels * height * width} */
    public int size() {
        return channels * height * width;
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
