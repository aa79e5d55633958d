package org.fmnist.augment;

import java.util.SplittableRandom;

/** Test images and the one seed the tests derive their randomness from. */
final class Images {

    /** Root seed of every test's randomness; tests split or offset it, never invent their own. */
    static final long SEED = 20_240_601L;

    static final ImageShape FM = ImageShape.FASHION_MNIST;

    private Images() {
    }

    /** Values uniform in the range, so every pixel differs from its neighbours. */
    static float[] random(ImageShape shape, ValueRange range, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] image = new float[shape.size()];
        for (int i = 0; i < image.length; i++) {
            image[i] = range.min() + range.width() * (float) rng.nextDouble();
        }
        return image;
    }

    static float[] constant(ImageShape shape, float value) {
        float[] image = new float[shape.size()];
        java.util.Arrays.fill(image, value);
        return image;
    }

    /** Value at (channel, row, column) of a planar image. */
    static float at(float[] image, ImageShape shape, int c, int y, int x) {
        return image[c * shape.planeSize() + y * shape.width() + x];
    }
}
