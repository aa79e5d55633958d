package org.fmnist.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.ImageSet;
import org.fmnist.models.NetworkSpec;
import org.fmnist.models.TrainingSpec;

/**
 * The images every benchmark step sees, the same on both sides of a comparison: the first training images as
 * pixels / 255 in [0, 1], row-major, 28 x 28 each, with their labels.
 *
 * @param pixels {@code labels.length} images, {@link ImageSet#PIXELS} values each
 * @param labels their classes, 0 to 9
 */
record FixedBatch(float[] pixels, int[] labels) {

    /**
     * The first {@code n} training images of Fashion-MNIST.
     *
     * @throws IOException if the dataset cannot be found or read
     */
    static FixedBatch firstTrainingImages(int n) throws IOException {
        ImageSet train = FashionMnist.load().train();
        float[] pixels = new float[n * ImageSet.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (train.pixels()[i] & 0xFF) / 255f;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = train.label(i);
        }
        return new FixedBatch(pixels, labels);
    }

    /** {@code n} images of uniform random pixels (a fixed seed), labelled 0, 1, ..., 9, 0, ... */
    static FixedBatch synthetic(int n) {
        SplittableRandom rng = new SplittableRandom(TrainingSpec.DEFAULT_SEED);
        float[] pixels = new float[n * ImageSet.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % NetworkSpec.CLASSES;
        }
        return new FixedBatch(pixels, labels);
    }

    /** The pixels of the first {@code n} images. */
    float[] pixels(int n) {
        return Arrays.copyOf(pixels, n * ImageSet.PIXELS);
    }
}
