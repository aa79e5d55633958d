package org.fmnist.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link DataSetIterator} over one split of Fashion-MNIST in memory.
 *
 * <p>Batches hold {@code float} features in the chosen {@link Layout} and one-hot labels {@code [n, 10]}; the last
 * batch of an epoch is partial when the split size is not a multiple of the batch size. With shuffling on, each
 * epoch has a new order, and the sequence of orders is the same for the same seed: {@link #reset()} starts the next
 * epoch's order only if the current epoch served at least one batch, so redundant resets (DL4J's trainers make
 * some) do not change the sequence.
 *
 * <p>The parts are those of the {@link FashionMnist} it is built from: every iterator over the same instance
 * serves the same disjoint training, validation and test images.
 */
public final class FashionMnistIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    /** Batch size unless set otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private static final long SUBSET_SEED = 0x50B5E7L;

    private final transient ImageSet images;
    private final int[] indices;
    private final int batchSize;
    private final boolean shuffle;
    private final Layout layout;
    private final float[] pixelValues;
    private final SplittableRandom seedStream;
    private final long seed;
    private DataSetPreProcessor preProcessor;

    private int[] order;
    private int cursor;

    private FashionMnistIterator(Builder b, int[] indices, float[] pixelValues) {
        this.images = b.data.file(b.split);
        this.indices = indices;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle != null ? b.shuffle : b.split == Split.TRAIN;
        this.layout = b.layout;
        this.pixelValues = pixelValues;
        this.seed = b.seed;
        this.seedStream = new SplittableRandom(b.seed);
        this.preProcessor = b.preProcessor;
        this.order = nextOrder();
    }

    /**
     * A builder for an iterator over one split.
     *
     * @param data the loaded dataset
     * @param split which part to serve
     */
    public static Builder builder(FashionMnist data, Split split) {
        return new Builder(data, split);
    }

    private int[] nextOrder() {
        int[] next = indices.clone();
        if (shuffle) {
            SplittableRandom random = seedStream.split();
            for (int i = next.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = next[i];
                next[i] = next[j];
                next[j] = t;
            }
        }
        return next;
    }

    /** Number of images in one epoch. */
    public int size() {
        return indices.length;
    }

    /** The image indices of one epoch, in the file's order (before shuffling); a copy. */
    public int[] indices() {
        return indices.clone();
    }

    /** The seed this iterator's shuffling started from. */
    public long seed() {
        return seed;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (num <= 0) {
            throw new IllegalArgumentException("num must be positive, was " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("epoch finished after " + order.length + " images; call reset()");
        }
        int n = Math.min(num, order.length - cursor);
        float[] features = new float[n * ImageSet.PIXELS];
        float[] labels = new float[n * FashionMnistClass.COUNT];
        byte[] pixels = images.pixels();
        byte[] classes = images.labels();
        for (int i = 0; i < n; i++) {
            int image = order[cursor + i];
            int from = image * ImageSet.PIXELS;
            int to = i * ImageSet.PIXELS;
            for (int p = 0; p < ImageSet.PIXELS; p++) {
                features[to + p] = pixelValues[pixels[from + p] & 0xff];
            }
            labels[i * FashionMnistClass.COUNT + classes[image]] = 1f;
        }
        cursor += n;
        INDArray x = Nd4j.create(features, layout.shape(n), 'c');
        INDArray y = Nd4j.create(labels, new long[] {n, FashionMnistClass.COUNT}, 'c');
        DataSet batch = new DataSet(x, y);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public int inputColumns() {
        return ImageSet.PIXELS;
    }

    @Override
    public int totalOutcomes() {
        return FashionMnistClass.COUNT;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        if (cursor > 0) {
            order = nextOrder();
        }
        cursor = 0;
    }

    @Override
    public int batch() {
        return batchSize;
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
        return FashionMnistClass.displayNames();
    }

    /**
     * Settings of a {@link FashionMnistIterator}. The data and split are required (given to
     * {@link FashionMnistIterator#builder}); everything else is optional.
     */
    public static final class Builder {
        private final FashionMnist data;
        private final Split split;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private long seed;
        private Boolean shuffle;
        private int subset;
        private Normalization normalization = Normalization.UNIT;
        private Layout layout = Layout.NCHW;
        private DataSetPreProcessor preProcessor;

        private Builder(FashionMnist data, Split split) {
            this.data = Objects.requireNonNull(data, "data");
            this.split = Objects.requireNonNull(split, "split");
        }

        /** Images per batch, at least 1; {@value #DEFAULT_BATCH_SIZE} by default. */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of the shuffling; 0 by default. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether each epoch has a new random order; on for {@link Split#TRAIN}, off otherwise, by default. */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Serve only a stratified, deterministic subset of the split of this many images (each class keeps its
         * share); 0, the default, serves the whole split.
         */
        public Builder optSubset(int subset) {
            this.subset = subset;
            return this;
        }

        /** How pixels are scaled; {@link Normalization#UNIT} by default. */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        /** The feature array's shape; {@link Layout#NCHW} by default. */
        public Builder optLayout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** Applied to every batch after it is built; none by default. */
        public Builder optPreProcessor(DataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
            return this;
        }

        /**
         * The iterator.
         *
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public FashionMnistIterator build() {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            int[] splitIndices = data.indices(split);
            if (splitIndices.length == 0) {
                throw new IllegalArgumentException("the " + split + " split of this dataset is empty");
            }
            if (subset < 0 || subset > splitIndices.length) {
                throw new IllegalArgumentException("subset must be in [0, " + splitIndices.length + "] for the "
                        + split + " split, was " + subset);
            }
            int[] served = subset == 0 ? splitIndices
                    : StratifiedSampling.choose(data.file(split).labels(), splitIndices, subset, SUBSET_SEED);
            return new FashionMnistIterator(this, served, pixelValues());
        }

        private float[] pixelValues() {
            float[] values = new float[256];
            double mean = 0;
            double std = 1;
            if (normalization == Normalization.STANDARDIZE) {
                ImageSet.PixelStatistics stats = data.trainPixelStatistics();
                mean = stats.mean();
                std = stats.std();
            }
            for (int v = 0; v < values.length; v++) {
                values[v] = (float) ((v / 255.0 - mean) / std);
            }
            return values;
        }
    }
}
