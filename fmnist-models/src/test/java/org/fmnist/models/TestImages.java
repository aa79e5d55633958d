package org.fmnist.models;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded random inputs for tests that need no real images, drawn without touching ND4J's generator. */
final class TestImages {

    private TestImages() {
    }

    /** {@code n} images [n, 1, 28, 28] with pixels uniform in [0, 1). */
    static INDArray images(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[n * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return Nd4j.create(pixels, new long[] {n, 1, 28, 28}, 'c');
    }

    /** {@code n} random images with random one-hot labels. */
    static DataSet batch(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        INDArray labels = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, random.nextInt(10), 1f);
        }
        return new DataSet(images(n, random.nextLong()), labels);
    }
}
