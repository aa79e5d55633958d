package org.fmnist.augment;

import static org.fmnist.augment.Images.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class AugmentingIteratorTest {

    private static final int EXAMPLES = 40;
    private static final int BATCH = 16;

    /** Random images with one-hot labels; ViewIterator serves views into these very arrays. */
    private static DataSet data() {
        INDArray features = Nd4j.create(
                Images.random(new ImageShape(EXAMPLES, 28, 28), ValueRange.UNIT, SEED),
                new long[] {EXAMPLES, 1, 28, 28}, 'c');
        INDArray labels = Nd4j.zeros(EXAMPLES, 10);
        for (int i = 0; i < EXAMPLES; i++) {
            labels.putScalar(i, i % 10, 1);
        }
        return new DataSet(features, labels);
    }

    private static List<DataSet> epoch(DataSetIterator iterator) {
        List<DataSet> batches = new ArrayList<>();
        while (iterator.hasNext()) {
            batches.add(iterator.next());
        }
        iterator.reset();
        return batches;
    }

    @Test
    void labelsPassThroughUnchangedAndFeaturesAreAugmented() {
        DataSet data = data();
        List<DataSet> plain = epoch(new ViewIterator(data, BATCH));
        List<DataSet> augmented = epoch(new AugmentingIterator(new ViewIterator(data, BATCH),
                BatchAugmenter.of(Pipeline.defaults()), SEED));
        assertEquals(plain.size(), augmented.size());
        for (int b = 0; b < plain.size(); b++) {
            assertEquals(plain.get(b).getLabels(), augmented.get(b).getLabels());
            assertEquals(plain.get(b).getFeatures().shapeInfoToString(),
                    augmented.get(b).getFeatures().shapeInfoToString());
            assertNotEquals(plain.get(b).getFeatures(), augmented.get(b).getFeatures());
        }
    }

    @Test
    void everyEpochIsFreshAndTheWrappedDataIsNeverTouched() {
        DataSet data = data();
        INDArray original = data.getFeatures().dup();
        AugmentingIterator iterator = new AugmentingIterator(new ViewIterator(data, BATCH),
                BatchAugmenter.of(Pipeline.defaults()), SEED);
        List<DataSet> first = epoch(iterator);
        List<DataSet> second = epoch(iterator);
        assertEquals(original, data.getFeatures(), "augmenting must not write into the source");
        for (int b = 0; b < first.size(); b++) {
            assertNotEquals(first.get(b).getFeatures(), second.get(b).getFeatures(),
                    "batch " + b + " must be augmented afresh in the second epoch");
        }
    }

    @Test
    void theSameSeedReplaysTheRunAndAnotherSeedDoesNot() {
        DataSet data = data();
        BatchAugmenter augmenter = BatchAugmenter.of(Pipeline.defaults());
        AugmentingIterator a = new AugmentingIterator(new ViewIterator(data, BATCH), augmenter, SEED);
        AugmentingIterator b = new AugmentingIterator(new ViewIterator(data, BATCH), augmenter, SEED);
        AugmentingIterator c = new AugmentingIterator(new ViewIterator(data, BATCH), augmenter, SEED + 1);
        for (int e = 0; e < 2; e++) {
            List<DataSet> ea = epoch(a);
            List<DataSet> eb = epoch(b);
            List<DataSet> ec = epoch(c);
            for (int i = 0; i < ea.size(); i++) {
                assertEquals(ea.get(i).getFeatures(), eb.get(i).getFeatures());
                assertNotEquals(ea.get(i).getFeatures(), ec.get(i).getFeatures());
            }
        }
    }

    @Test
    void iteratorFactsComeFromTheWrappedIteratorAndAPreProcessorRunsAfterAugmenting() {
        DataSet data = data();
        ViewIterator base = new ViewIterator(data, BATCH);
        AugmentingIterator iterator = new AugmentingIterator(base,
                BatchAugmenter.of(new HorizontalFlip()), SEED);
        assertEquals(base.batch(), iterator.batch());
        assertEquals(base.totalOutcomes(), iterator.totalOutcomes());
        assertEquals(base.resetSupported(), iterator.resetSupported());
        // Flipping back after the flip: only a pre-processor running second restores the source.
        iterator.setPreProcessor(ds -> ds.setFeatures(BatchAugmenter.of(new HorizontalFlip())
                .augment(ds.getFeatures(), new java.util.SplittableRandom(SEED)).features()));
        DataSet first = iterator.next();
        assertEquals(data.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, BATCH)),
                first.getFeatures());
    }
}
