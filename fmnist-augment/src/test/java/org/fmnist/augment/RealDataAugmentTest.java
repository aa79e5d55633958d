package org.fmnist.augment;

import static org.fmnist.augment.Images.FM;
import static org.fmnist.augment.Images.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistClass;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.ImageSet;
import org.fmnist.data.Layout;
import org.fmnist.data.Normalization;
import org.fmnist.data.Split;
import org.fmnist.data.testing.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The augmentations on real Fashion-MNIST images and the data module's iterators. */
@Tag("real-data")
class RealDataAugmentTest {

    private static final int SUBSET = 320;
    private static final int BATCH = 64;

    private static FashionMnist data;

    @BeforeAll
    static void load() {
        data = RealData.load();
    }

    private static FashionMnistIterator.Builder iterator(Split split, Layout layout) {
        return FashionMnistIterator.builder(data, split).optBatchSize(BATCH).optSeed(SEED)
                .optSubset(SUBSET).optLayout(layout);
    }

    private static float[] image(ImageSet set, int index) {
        float[] image = new float[ImageSet.PIXELS];
        for (int p = 0; p < ImageSet.PIXELS; p++) {
            image[p] = (set.pixels()[index * ImageSet.PIXELS + p] & 0xff) / 255f;
        }
        return image;
    }

    private static List<DataSet> epoch(DataSetIterator iterator) {
        List<DataSet> batches = new ArrayList<>();
        iterator.reset();
        while (iterator.hasNext()) {
            batches.add(iterator.next());
        }
        return batches;
    }

    @Test
    void augmentedTrainingBatchesKeepTheirLabelsAndTheirRange() {
        // The training iterator reshuffles every epoch: compare epoch by epoch with a twin.
        FashionMnistIterator twin = iterator(Split.TRAIN, Layout.NCHW).build();
        List<DataSet> plainFirst = epoch(twin);
        List<DataSet> plainSecond = epoch(twin);
        AugmentingIterator augmented = new AugmentingIterator(iterator(Split.TRAIN, Layout.NCHW).build(),
                BatchAugmenter.of(Pipeline.defaults()), SEED);
        List<DataSet> first = epoch(augmented);
        List<DataSet> second = epoch(augmented);
        assertEquals(SUBSET / BATCH, first.size());
        for (int b = 0; b < first.size(); b++) {
            assertEquals(plainFirst.get(b).getLabels(), first.get(b).getLabels());
            assertEquals(plainSecond.get(b).getLabels(), second.get(b).getLabels());
            assertNotEquals(plainFirst.get(b).getFeatures(), first.get(b).getFeatures());
            assertNotEquals(first.get(b).getFeatures(), second.get(b).getFeatures());
            assertTrue(first.get(b).getFeatures().minNumber().doubleValue() >= 0);
            assertTrue(first.get(b).getFeatures().maxNumber().doubleValue() <= 1);
        }
    }

    @Test
    void flatAndNchwTrainingBatchesGetTheSamePixels() {
        BatchAugmenter augmenter = BatchAugmenter.of(Pipeline.defaults());
        DataSet flat = new AugmentingIterator(iterator(Split.TRAIN, Layout.FLAT).build(), augmenter,
                SEED).next();
        DataSet nchw = new AugmentingIterator(iterator(Split.TRAIN, Layout.NCHW).build(), augmenter,
                SEED).next();
        assertEquals(flat.getFeatures(), nchw.getFeatures().reshape('c', BATCH, 784));
    }

    @Test
    void trainingWithAugmentationLeavesValidationAndTestDataAlone() {
        List<DataSet> validation = epoch(iterator(Split.VALIDATION, Layout.NCHW).build());
        List<DataSet> test = epoch(iterator(Split.TEST, Layout.NCHW).build());
        AugmentingIterator train = new AugmentingIterator(iterator(Split.TRAIN, Layout.NCHW).build(),
                BatchAugmenter.of(Pipeline.parse("rotate=30,shift=4,noise=0.2")), SEED);
        epoch(train);
        epoch(train);
        List<DataSet> validationAfter = epoch(iterator(Split.VALIDATION, Layout.NCHW).build());
        List<DataSet> testAfter = epoch(iterator(Split.TEST, Layout.NCHW).build());
        for (int b = 0; b < validation.size(); b++) {
            assertEquals(validation.get(b).getFeatures(), validationAfter.get(b).getFeatures());
        }
        for (int b = 0; b < test.size(); b++) {
            assertEquals(test.get(b).getFeatures(), testAfter.get(b).getFeatures());
        }
    }

    @Test
    void standardizedBatchesUseTheStandardizedRange() {
        ImageSet.PixelStatistics stats = data.trainPixelStatistics();
        ValueRange range = ValueRange.standardized(stats.mean(), stats.std());
        BatchAugmenter augmenter = new BatchAugmenter(Pipeline.defaults(), FM, range);
        DataSet batch = new AugmentingIterator(iterator(Split.TRAIN, Layout.NCHW)
                .optNormalization(Normalization.STANDARDIZE).build(), augmenter, SEED).next();
        // The background that enters from the border is standardized black, not 0.
        assertEquals(range.min(), batch.getFeatures().minNumber().floatValue(), 1e-6f);
        assertTrue(batch.getFeatures().maxNumber().floatValue() <= range.max());
    }

    @Test
    void exactPropertiesHoldOnRealImages() {
        ImageSet train = data.train();
        for (int i = 0; i < 50; i++) {
            float[] image = image(train, i);
            assertArrayEquals(image, Sequence.of(new HorizontalFlip(), new HorizontalFlip())
                    .apply(image, FM, ValueRange.UNIT));
            assertArrayEquals(image, Sequence.of(new Rotation(90), new Rotation(90), new Rotation(90),
                    new Rotation(90)).apply(image, FM, ValueRange.UNIT));
            // Fashion-MNIST objects sit inside a black margin: a 1-pixel shift and back keeps them.
            assertEquals(sum(image), sum(Sequence.of(new Translation(1, 0), new Translation(-1, 0))
                    .apply(image, FM, ValueRange.UNIT)), 1e-3);
        }
    }

    @Test
    void writesAPreviewOfTheDefaultWithOneRowPerClass(@TempDir Path dir) throws IOException {
        ImageSet train = data.train();
        PreviewGrid.Builder builder = PreviewGrid.builder().setAugmentation(Pipeline.defaults())
                .optSeed(SEED);
        for (FashionMnistClass c : FashionMnistClass.values()) {
            int i = 0;
            while (train.label(i) != c.label()) {
                i++;
            }
            builder.addRow(c.displayName(), image(train, i));
        }
        PreviewGrid grid = builder.build();
        Path png = dir.resolve("preview").resolve("default.png");
        grid.write(png);
        BufferedImage written = ImageIO.read(png.toFile());
        assertEquals(grid.width(), written.getWidth());
        assertEquals(grid.height(), written.getHeight());
        assertEquals(10, (grid.height() - grid.cellY(0)) / (grid.cellY(1) - grid.cellY(0)));
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
