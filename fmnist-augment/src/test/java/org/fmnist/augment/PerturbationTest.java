package org.fmnist.augment;

import static org.fmnist.augment.Images.FM;
import static org.fmnist.augment.Images.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PerturbationTest {

    private static final int IMAGES = 6;

    /** IMAGES random images back to back, and each on its own. */
    private static float[][] images() {
        float[][] images = new float[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            images[i] = Images.random(FM, ValueRange.UNIT, SEED + i);
        }
        return images;
    }

    private static INDArray batch(float[][] images, long... shape) {
        float[] flat = new float[IMAGES * FM.size()];
        for (int i = 0; i < IMAGES; i++) {
            System.arraycopy(images[i], 0, flat, i * FM.size(), FM.size());
        }
        return Nd4j.create(flat, shape, 'c');
    }

    @Test
    void theStandardSuiteIsTheStudysSeventeenPerturbations() {
        List<String> names = Perturbation.standard().stream().map(Perturbation::name).toList();
        assertEquals(List.of("rotate+10", "rotate-10", "rotate+20", "rotate-20",
                "shift-left-2", "shift-right-2", "shift-up-2", "shift-down-2",
                "shift-left-4", "shift-right-4", "shift-up-4", "shift-down-4",
                "scale-0.8", "scale-1.2", "hflip", "noise-0.1", "noise-0.2"), names);
        Perturbation up = Perturbation.standard().get(6);
        assertEquals(Perturbation.Kind.SHIFT, up.kind());
        assertEquals(2, up.strength());
        assertEquals(new Translation(0, -2), up.transform());
        assertEquals(new Rotation(-20), Perturbation.standard().get(3).transform());
        assertEquals(20, Perturbation.standard().get(3).strength());
        assertEquals(List.of("rotation 10", "rotation 20", "shift 2", "shift 4", "scale 0.8", "scale 1.2", "flip",
                "noise 0.1", "noise 0.2"), Perturbation.standard().stream().map(Perturbation::group).distinct()
                .toList());
    }

    @Test
    void theBatchFormEqualsTheFixedTransformAppliedImageByImage() {
        float[][] images = images();
        long first = 9_990;
        for (long[] shape : new long[][] {{IMAGES, 1, 28, 28}, {IMAGES, 784}, {IMAGES, 28, 28}}) {
            INDArray features = batch(images, shape);
            INDArray before = features.dup();
            for (Perturbation p : Perturbation.standard()) {
                INDArray out = p.apply(features, first);
                assertArrayEquals(shape, out.shape(), p.name());
                float[] got = out.data().asFloat();
                for (int i = 0; i < IMAGES; i++) {
                    float[] expected = p.forImage(first + i).apply(images[i], FM, ValueRange.UNIT);
                    assertArrayEquals(expected, Arrays.copyOfRange(got, i * FM.size(), (i + 1) * FM.size()),
                            p.name() + " image " + i + " of " + Arrays.toString(shape));
                }
            }
            assertEquals(before, features, "the input is not modified");
        }
    }

    @Test
    void aBatchPerturbedInPartsEqualsTheWholeBatch() {
        INDArray features = batch(images(), IMAGES, 784);
        Perturbation noise = Perturbation.noise(0.2);
        INDArray whole = noise.apply(features, 100);
        INDArray tail = noise.apply(features.get(NDArrayIndex.interval(2, IMAGES), NDArrayIndex.all()), 102);
        assertEquals(whole.get(NDArrayIndex.interval(2, IMAGES), NDArrayIndex.all()), tail);
    }

    @Test
    void noiseIsAFieldOfItsOwnPerImageAndTheSameOnEveryCall() {
        float[] grey = Images.constant(FM, 0.5f);
        Perturbation noise = Perturbation.noise(0.1);
        float[] first = noise.forImage(0).apply(grey, FM, ValueRange.UNIT);
        float[] second = noise.forImage(1).apply(grey, FM, ValueRange.UNIT);
        assertFalse(Arrays.equals(first, second), "images 0 and 1 get different fields");
        assertArrayEquals(first, Perturbation.noise(0.1).forImage(0).apply(grey, FM, ValueRange.UNIT));
        assertEquals(new GaussianNoise(0.1, Perturbation.NOISE_SEED + 7), noise.forImage(7));
    }

    @Test
    void geometricPerturbationsAreTheSameTransformForEveryImage() {
        Perturbation rotate = Perturbation.rotation(10);
        assertEquals(rotate.transform(), rotate.forImage(0));
        assertEquals(rotate.transform(), rotate.forImage(5_000));
    }

    @Test
    void aShiftMovesEveryPixelByWholePixels() {
        float[] image = Images.random(FM, ValueRange.UNIT, SEED);
        float[] right = Perturbation.shift(2, 0).forImage(0).apply(image, FM, ValueRange.UNIT);
        float[] up = Perturbation.shift(0, -4).forImage(0).apply(image, FM, ValueRange.UNIT);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float expectedRight = x >= 2 ? Images.at(image, FM, 0, y, x - 2) : 0f;
                float expectedUp = y < 24 ? Images.at(image, FM, 0, y + 4, x) : 0f;
                assertEquals(expectedRight, Images.at(right, FM, 0, y, x), "right, row " + y + " column " + x);
                assertEquals(expectedUp, Images.at(up, FM, 0, y, x), "up, row " + y + " column " + x);
            }
        }
    }

    @Test
    void zeroStrengthIsTheIdentity() {
        INDArray features = batch(images(), IMAGES, 1, 28, 28);
        for (Perturbation p : List.of(Perturbation.rotation(0), Perturbation.shift(0, 0), Perturbation.scale(1),
                Perturbation.noise(0))) {
            assertEquals(features, p.apply(features, 0), p.name());
        }
    }

    @Test
    void theBatchKeepsItsDataType() {
        INDArray features = batch(images(), IMAGES, 784).castTo(DataType.DOUBLE);
        INDArray out = Perturbation.horizontalFlip().apply(features, 0);
        assertEquals(DataType.DOUBLE, out.dataType());
        assertEquals(features.getDouble(0, 27), out.getDouble(0, 0), 1e-7);
    }

    @Test
    void badArgumentsAreRejectedByName() {
        IllegalArgumentException diagonal = assertThrows(IllegalArgumentException.class,
                () -> Perturbation.shift(1, 1));
        assertTrue(diagonal.getMessage().contains("dx or dy must be 0"), diagonal.getMessage());
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> Perturbation.horizontalFlip().forImage(-1));
        assertTrue(index.getMessage().startsWith("index must be at least 0"), index.getMessage());
        IllegalArgumentException sigma = assertThrows(IllegalArgumentException.class, () -> Perturbation.noise(2));
        assertTrue(sigma.getMessage().startsWith("sigma must be in [0, 1]"), sigma.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Perturbation.scale(0.8).apply(Nd4j.zeros(DataType.FLOAT, 2, 100), 0));
        assertTrue(shape.getMessage().startsWith("features must be"), shape.getMessage());
    }
}
