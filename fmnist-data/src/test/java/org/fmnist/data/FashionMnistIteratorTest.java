package org.fmnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fmnist.data.testing.RealData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

@Tag("real-data")
class FashionMnistIteratorTest {

    private final FashionMnist data = RealData.load();

    private FashionMnistIterator.Builder builder(Split split) {
        return FashionMnistIterator.builder(data, split);
    }

    /** The image index behind each example of an epoch, recovered from the one-hot labels and pixels. */
    private static List<Integer> labelsOfEpoch(DataSetIterator it) {
        List<Integer> labels = new ArrayList<>();
        while (it.hasNext()) {
            INDArray y = it.next().getLabels();
            for (long i = 0; i < y.rows(); i++) {
                labels.add(y.getRow(i).argMax().getInt(0));
            }
        }
        return labels;
    }

    private static int[] histogram(int[] indices, byte[] labels) {
        int[] counts = new int[10];
        for (int i : indices) {
            counts[labels[i]]++;
        }
        return counts;
    }

    @Test
    void splitsAreStratifiedDisjointAndComplete() {
        int[] train = builder(Split.TRAIN).build().indices();
        int[] validation = builder(Split.VALIDATION).build().indices();
        assertEquals(55_000, train.length);
        assertEquals(5_000, validation.length);
        Set<Integer> all = new HashSet<>();
        Arrays.stream(train).forEach(all::add);
        Arrays.stream(validation).forEach(all::add);
        assertEquals(60_000, all.size());
        int[] perClass = histogram(validation, data.train().labels());
        assertArrayEquals(new int[] {500, 500, 500, 500, 500, 500, 500, 500, 500, 500}, perClass);
        assertEquals(10_000, builder(Split.TEST).build().size());
        // The validation split does not depend on the run's seed.
        assertArrayEquals(validation, builder(Split.VALIDATION).optSeed(99).build().indices());
        // The parts are the dataset's: iterators serve exactly them.
        assertArrayEquals(data.indices(Split.TRAIN), train);
        assertArrayEquals(data.indices(Split.VALIDATION), validation);
    }

    @Test
    void anotherValidationSizeIsAnotherViewOfTheSameImages() {
        FashionMnist smaller = data.withValidationSize(4_500);
        assertEquals(4_500, smaller.validationSize());
        assertEquals(55_500, FashionMnistIterator.builder(smaller, Split.TRAIN).build().size());
        assertEquals(4_500, FashionMnistIterator.builder(smaller, Split.VALIDATION).build().size());
        assertArrayEquals(histogram(smaller.indices(Split.VALIDATION), data.train().labels()),
                new int[] {450, 450, 450, 450, 450, 450, 450, 450, 450, 450});
        assertSame(data.train(), smaller.train());
        assertSame(data, data.withValidationSize(5_000));
        // The original keeps its own split.
        assertEquals(5_000, data.size(Split.VALIDATION));

        FashionMnist none = data.withValidationSize(0);
        assertArrayEquals(range(60_000), none.indices(Split.TRAIN));
        assertEquals("the VALIDATION split of this dataset is empty", assertThrows(IllegalArgumentException.class,
                () -> FashionMnistIterator.builder(none, Split.VALIDATION).build()).getMessage());
        assertEquals("validationSize must be in [0, 60000), was -1", assertThrows(IllegalArgumentException.class,
                () -> data.withValidationSize(-1)).getMessage());
        assertEquals("validationSize must be in [0, 60000), was 60000", assertThrows(
                IllegalArgumentException.class, () -> data.withValidationSize(60_000)).getMessage());
    }

    @Test
    void standardizationStatisticsComeFromTheTrainingPartOnly() {
        double sum = 0;
        double sumSquares = 0;
        long n = 0;
        byte[] pixels = data.train().pixels();
        for (int image : data.indices(Split.TRAIN)) {
            for (int p = 0; p < ImageSet.PIXELS; p++) {
                double x = (pixels[image * ImageSet.PIXELS + p] & 0xff) / 255.0;
                sum += x;
                sumSquares += x * x;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSquares / n - mean * mean);
        ImageSet.PixelStatistics stats = data.trainPixelStatistics();
        assertEquals(mean, stats.mean(), 1e-9);
        assertEquals(std, stats.std(), 1e-9);
        // The validation images move the whole file's statistics; they must not enter standardization.
        assertNotEquals(data.train().pixelStatistics().mean(), stats.mean());
        assertNotEquals(data.train().pixelStatistics().std(), stats.std());
    }

    private static int[] range(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    @Test
    void subsetIsStratified() {
        FashionMnistIterator it = builder(Split.TRAIN).optSubset(1_003).build();
        assertEquals(1_003, it.size());
        int[] counts = histogram(it.indices(), data.train().labels());
        for (int c : counts) {
            assertTrue(c == 100 || c == 101, Arrays.toString(counts));
        }
        Set<Integer> validation = new HashSet<>();
        Arrays.stream(builder(Split.VALIDATION).build().indices()).forEach(validation::add);
        assertTrue(Arrays.stream(it.indices()).noneMatch(validation::contains));
    }

    @Test
    void lastBatchIsExactlyTheRemainder() {
        FashionMnistIterator it = builder(Split.TEST).optBatchSize(64).build();
        int batches = 0;
        long last = 0;
        long total = 0;
        while (it.hasNext()) {
            last = it.next().numExamples();
            total += last;
            batches++;
        }
        assertEquals(157, batches);
        assertEquals(10_000 - 156 * 64, last);
        assertEquals(10_000, total);
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void layoutsAndScaling() {
        DataSet nchw = builder(Split.TEST).optBatchSize(5).build().next();
        assertArrayEquals(new long[] {5, 1, 28, 28}, nchw.getFeatures().shape());
        assertArrayEquals(new long[] {5, 10}, nchw.getLabels().shape());
        DataSet flat = builder(Split.TEST).optBatchSize(5).optLayout(Layout.FLAT).build().next();
        assertArrayEquals(new long[] {5, 784}, flat.getFeatures().shape());
        DataSet nhwc = builder(Split.TEST).optBatchSize(5).optLayout(Layout.NHWC).build().next();
        assertArrayEquals(new long[] {5, 28, 28, 1}, nhwc.getFeatures().shape());

        // Test image 0 unshuffled: pixel (r, c) is byte [r * 28 + c] / 255.
        byte[] pixels = data.test().pixels();
        for (int p : new int[] {0, 300, 401, 783}) {
            float expected = (pixels[p] & 0xff) / 255f;
            assertEquals(expected, flat.getFeatures().getFloat(0, p), 1e-7);
            assertEquals(expected, nchw.getFeatures().getFloat(0, 0, p / 28, p % 28), 1e-7);
        }
        assertEquals(1f, flat.getLabels().getFloat(0, 9));
        assertEquals(1f, flat.getLabels().sumNumber().floatValue() / 5, 1e-7);

        DataSet standardized = builder(Split.TEST).optBatchSize(5).optLayout(Layout.FLAT)
                .optNormalization(Normalization.STANDARDIZE).build().next();
        ImageSet.PixelStatistics stats = data.trainPixelStatistics();
        assertEquals(((pixels[401] & 0xff) / 255.0 - stats.mean()) / stats.std(),
                standardized.getFeatures().getFloat(0, 401), 1e-5);
    }

    @Test
    void shufflingIsNewEachEpochAndRepeatsForTheSameSeed() {
        FashionMnistIterator a = builder(Split.TRAIN).optSubset(500).optBatchSize(100).optSeed(7).build();
        FashionMnistIterator b = builder(Split.TRAIN).optSubset(500).optBatchSize(100).optSeed(7).build();
        FashionMnistIterator c = builder(Split.TRAIN).optSubset(500).optBatchSize(100).optSeed(8).build();
        List<Integer> a1 = labelsOfEpoch(a);
        a.reset();
        a.reset(); // a redundant reset does not advance the sequence
        List<Integer> a2 = labelsOfEpoch(a);
        List<Integer> b1 = labelsOfEpoch(b);
        b.reset();
        List<Integer> b2 = labelsOfEpoch(b);
        assertEquals(a1, b1);
        assertEquals(a2, b2);
        assertNotEquals(a1, a2);
        assertNotEquals(a1, labelsOfEpoch(c));
        // Same images every epoch, only their order changes.
        List<Integer> sorted1 = new ArrayList<>(a1);
        List<Integer> sorted2 = new ArrayList<>(a2);
        sorted1.sort(null);
        sorted2.sort(null);
        assertEquals(sorted1, sorted2);
    }

    @Test
    void testAndValidationAreNotShuffledByDefault() {
        List<Integer> first = labelsOfEpoch(builder(Split.TEST).optBatchSize(1000).build());
        List<Integer> expected = new ArrayList<>();
        for (byte label : data.test().labels()) {
            expected.add((int) label);
        }
        assertEquals(expected, first);
    }

    @Test
    void contract() {
        FashionMnistIterator it = builder(Split.VALIDATION).optBatchSize(32).build();
        assertTrue(it.resetSupported());
        assertTrue(it.asyncSupported());
        assertEquals(10, it.totalOutcomes());
        assertEquals(784, it.inputColumns());
        assertEquals(32, it.batch());
        assertEquals(FashionMnistClass.displayNames(), it.getLabels());
        assertEquals("T-shirt/top", it.getLabels().get(0));
        assertEquals(7, it.next(7).numExamples());
        it.setPreProcessor(ds -> ds.getFeatures().addi(1));
        DataSet shifted = it.next();
        assertTrue(shifted.getFeatures().minNumber().doubleValue() >= 1.0);
        assertFalse(it.getPreProcessor() == null);
    }

    @Test
    void asyncWrapperServesTheSameBatches() {
        List<Integer> direct = labelsOfEpoch(builder(Split.TRAIN).optSubset(640).optSeed(3).build());
        DataSetIterator async = new AsyncDataSetIterator(builder(Split.TRAIN).optSubset(640).optSeed(3).build(), 4);
        assertEquals(direct, labelsOfEpoch(async));
        async.reset();
        assertEquals(640, labelsOfEpoch(async).size());
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        assertEquals("batchSize must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> builder(Split.TRAIN).optBatchSize(0).build()).getMessage());
        assertEquals("subset must be in [0, 55000] for the TRAIN split, was 60000",
                assertThrows(IllegalArgumentException.class,
                        () -> builder(Split.TRAIN).optSubset(60_000).build()).getMessage());
    }
}
