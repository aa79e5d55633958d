package org.fmnist.data;

/**
 * Images and their labels, all in memory.
 *
 * @param pixels {@code size() * 784} unsigned bytes (0 = background, 255 = full ink), row-major 28x28 per image
 * @param labels {@code size()} labels, each 0-9 (see {@link FashionMnistClass})
 */
public record ImageSet(byte[] pixels, byte[] labels) {

    /** Image height in pixels. */
    public static final int ROWS = 28;
    /** Image width in pixels. */
    public static final int COLS = 28;
    /** Pixels per image, 784. */
    public static final int PIXELS = ROWS * COLS;

    /**
     * @throws IllegalArgumentException if the pixel count is not 784 per label
     */
    public ImageSet {
        if (pixels.length != (long) labels.length * PIXELS) {
            throw new IllegalArgumentException("pixels must hold 784 bytes per label: " + labels.length
                    + " labels need " + (long) labels.length * PIXELS + " pixels, was " + pixels.length);
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** The label of image {@code i}, 0-9. */
    public int label(int i) {
        return labels[i];
    }

    /** Number of images of each label, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[FashionMnistClass.COUNT];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Mean and standard deviation of all pixels, on the [0, 1] scale (pixel / 255), computed exactly from a
     * histogram of the byte values.
     */
    public PixelStatistics pixelStatistics() {
        long[] histogram = new long[256];
        for (byte p : pixels) {
            histogram[p & 0xff]++;
        }
        return statistics(histogram);
    }

    /**
     * Mean and standard deviation of the pixels of the given images only, like {@link #pixelStatistics()}.
     *
     * @param images indices of images of this set, each at most once
     * @throws IllegalArgumentException if {@code images} is empty
     */
    public PixelStatistics pixelStatistics(int[] images) {
        if (images.length == 0) {
            throw new IllegalArgumentException("images must not be empty");
        }
        long[] histogram = new long[256];
        for (int image : images) {
            for (int p = image * PIXELS, end = p + PIXELS; p < end; p++) {
                histogram[pixels[p] & 0xff]++;
            }
        }
        return statistics(histogram);
    }

    private static PixelStatistics statistics(long[] histogram) {
        double n = 0;
        for (long count : histogram) {
            n += count;
        }
        double sum = 0;
        double sumSquares = 0;
        for (int v = 0; v < 256; v++) {
            double x = v / 255.0;
            sum += histogram[v] * x;
            sumSquares += histogram[v] * x * x;
        }
        double mean = sum / n;
        return new PixelStatistics(mean, Math.sqrt(Math.max(0, sumSquares / n - mean * mean)));
    }

    /**
     * Pixel mean and standard deviation on the [0, 1] scale.
     *
     * @param mean mean pixel value, in [0, 1]
     * @param std standard deviation, in [0, 0.5]
     */
    public record PixelStatistics(double mean, double std) {
    }
}
