package org.fmnist.augment;

import static org.fmnist.augment.Images.FM;
import static org.fmnist.augment.Images.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchAugmenterTest {

    private static final int N = 16;
    private static final BatchAugmenter DEFAULT = BatchAugmenter.of(Pipeline.defaults());

    /** A flat [N, 784] batch of random images in [0, 1]. */
    private static INDArray flatBatch(long seed) {
        return Nd4j.create(Images.random(new ImageShape(N, 28, 28), ValueRange.UNIT, seed),
                new long[] {N, 784}, 'c');
    }

    @Test
    void nchwAndFlatBatchesGetTheSamePixels() {
        INDArray flat = flatBatch(SEED);
        INDArray nchw = flat.reshape('c', N, 1, 28, 28);
        INDArray a = DEFAULT.augment(flat, new SplittableRandom(SEED)).features();
        INDArray b = DEFAULT.augment(nchw, new SplittableRandom(SEED)).features();
        assertArrayEquals(new long[] {N, 784}, a.shape());
        assertArrayEquals(new long[] {N, 1, 28, 28}, b.shape());
        assertArrayEquals(a.data().asFloat(), b.dup('c').data().asFloat());
    }

    @Test
    void theSameSeedGivesTheSameBatchAndOtherSeedsDoNot() {
        INDArray batch = flatBatch(SEED);
        INDArray a = DEFAULT.augment(batch, new SplittableRandom(SEED)).features();
        INDArray b = DEFAULT.augment(batch, new SplittableRandom(SEED)).features();
        INDArray c = DEFAULT.augment(batch, new SplittableRandom(SEED + 1)).features();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(batch, a, "the default pipeline changes images");
    }

    @Test
    void theInputBatchIsNeverModified() {
        INDArray batch = flatBatch(SEED);
        INDArray copy = batch.dup();
        DEFAULT.augment(batch, new SplittableRandom(SEED));
        assertEquals(copy, batch);
    }

    @Test
    void eachExampleIsItsOwnTransformAppliedToItsImage() {
        INDArray batch = flatBatch(SEED);
        AugmentedBatch augmented = DEFAULT.augment(batch, new SplittableRandom(SEED));
        assertEquals(N, augmented.transforms().size());
        for (int i = 0; i < N; i++) {
            float[] image = batch.getRow(i).dup().data().asFloat();
            float[] expected = augmented.transforms().get(i).apply(image, FM, ValueRange.UNIT);
            assertArrayEquals(expected, augmented.features().getRow(i).dup().data().asFloat(),
                    "example " + i);
        }
        assertNotEquals(augmented.transforms().get(0), augmented.transforms().get(1));
    }

    @Test
    void aFixedTransformGivesTheSamePixelsAsThePerImageKernel() {
        INDArray batch = flatBatch(SEED);
        Transform fixed = Sequence.of(new Rotation(12.5), new Translation(2, -1), new Scale(1.1));
        INDArray out = BatchAugmenter.of(fixed).augment(batch, new SplittableRandom(SEED)).features();
        for (int i = 0; i < N; i++) {
            float[] image = batch.getRow(i).dup().data().asFloat();
            assertArrayEquals(fixed.apply(image, FM, ValueRange.UNIT),
                    out.getRow(i).dup().data().asFloat());
        }
    }

    @Test
    void theDataTypeAndTheValueRangeAreKept() {
        INDArray batch = flatBatch(SEED).castTo(DataType.DOUBLE);
        INDArray out = DEFAULT.augment(batch, new SplittableRandom(SEED)).features();
        assertEquals(DataType.DOUBLE, out.dataType());
        assertTrue(out.minNumber().doubleValue() >= 0 && out.maxNumber().doubleValue() <= 1);
    }

    @Test
    void otherImageShapesAndRangesAreHonoured() {
        // Standardized 3-channel 8x6 images as [N, C*H*W] rows.
        ImageShape shape = new ImageShape(3, 8, 6);
        ValueRange range = ValueRange.of(-1.5f, 2.5f);
        BatchAugmenter augmenter = new BatchAugmenter(new HorizontalFlip(), shape, range);
        float[] values = Images.random(new ImageShape(4 * 3, 8, 6), range, SEED);
        INDArray batch = Nd4j.create(values, new long[] {4, shape.size()}, 'c');
        INDArray out = augmenter.augment(batch, new SplittableRandom(SEED)).features();
        INDArray twice = augmenter.augment(out, new SplittableRandom(SEED)).features();
        assertEquals(batch, twice);
        assertNotEquals(batch, out);
    }

    @Test
    void aBatchOfTheWrongWidthIsRejected() {
        INDArray wrong = Nd4j.zeros(DataType.FLOAT, 2, 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DEFAULT.augment(wrong, new SplittableRandom(SEED)));
        assertTrue(e.getMessage().contains("[N, 784]") && e.getMessage().contains("[2, 100]"),
                e.getMessage());
    }
}
