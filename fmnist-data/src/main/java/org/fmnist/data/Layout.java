package org.fmnist.data;

/** The shape of the feature array of a batch of {@code n} images. */
public enum Layout {
    /** {@code [n, 784]}, for dense networks. */
    FLAT,
    /** {@code [n, 1, 28, 28]}, channels first, DL4J's default for convolutions. The default. */
    NCHW,
    /** {@code [n, 28, 28, 1]}, channels last. */
    NHWC;

    /** The shape of a batch of {@code n} images in this layout. */
    public long[] shape(int n) {
        return switch (this) {
            case FLAT -> new long[] {n, ImageSet.PIXELS};
            case NCHW -> new long[] {n, 1, ImageSet.ROWS, ImageSet.COLS};
            case NHWC -> new long[] {n, ImageSet.ROWS, ImageSet.COLS, 1};
        };
    }
}
