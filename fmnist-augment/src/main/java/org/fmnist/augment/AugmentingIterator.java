package org.fmnist.augment;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Wraps a <em>training</em> iterator and augments each batch freshly as it is served: every epoch
 * sees new random transforms, drawn from a stream handed in by the caller, so the whole run is
 * reproducible from its seed. Wrap only the training iterator; validation and test iterators stay
 * unwrapped and are never augmented.
 *
 * <p>A wrapper rather than a {@link DataSetPreProcessor}: a pre-processor changes the
 * {@link DataSet} it is given in place, and iterators that cache their batches would then serve the
 * already augmented images again next epoch, augmenting them twice. This wrapper builds a new
 * {@code DataSet} and never writes into the wrapped iterator's arrays. Labels and masks are passed
 * through unchanged.
 *
 * <p>A pre-processor set on this wrapper runs after augmentation; one set on the wrapped iterator
 * runs before it, so the augmenter's {@link ValueRange} must describe the wrapped iterator's output.
 * The wrapped iterator's own prefetching (if any) is preserved; DL4J may still prefetch this wrapper
 * on a background thread, which then does the augmentation alongside training.
 */
public final class AugmentingIterator implements DataSetIterator {

    private final DataSetIterator base;
    private final BatchAugmenter augmenter;
    private final SplittableRandom stream;
    private DataSetPreProcessor preProcessor;

    /**
     * @param base      the training iterator; its batches are never modified
     * @param augmenter what to apply to each example
     * @param stream    the run's augmentation stream (split it off the run's root stream); one
     *                  stream per batch is split off it
     */
    public AugmentingIterator(DataSetIterator base, BatchAugmenter augmenter,
            SplittableRandom stream) {
        this.base = Check.notNull("base", base);
        this.augmenter = Check.notNull("augmenter", augmenter);
        this.stream = Check.notNull("stream", stream);
    }

    /**
     * Convenience for a run whose only randomness here is the augmentation.
     *
     * @param base      the training iterator
     * @param augmenter what to apply to each example
     * @param seed      seed of the augmentation stream
     */
    public AugmentingIterator(DataSetIterator base, BatchAugmenter augmenter, long seed) {
        this(base, augmenter, new SplittableRandom(seed));
    }

    /** @return the augmenter applied to each batch */
    public BatchAugmenter augmenter() {
        return augmenter;
    }

    @Override
    public DataSet next() {
        return augmentBatch(base.next());
    }

    @Override
    public DataSet next(int num) {
        return augmentBatch(base.next(num));
    }

    private DataSet augmentBatch(DataSet batch) {
        AugmentedBatch augmented = augmenter.augment(batch.getFeatures(), stream.split());
        DataSet out = new DataSet(augmented.features(), batch.getLabels(),
                batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
        out.setExampleMetaData(batch.getExampleMetaData());
        if (preProcessor != null) {
            preProcessor.preProcess(out);
        }
        return out;
    }

    @Override
    public boolean hasNext() {
        return base.hasNext();
    }

    @Override
    public int inputColumns() {
        return base.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return base.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return base.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return base.asyncSupported();
    }

    /** Resets the wrapped iterator; the augmentation stream continues, so the next epoch differs. */
    @Override
    public void reset() {
        base.reset();
    }

    @Override
    public int batch() {
        return base.batch();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return base.getLabels();
    }
}
