package org.fmnist.examples.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.augment.ImageShape;
import org.fmnist.augment.Perturbation;
import org.fmnist.augment.ValueRange;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.data.testing.RealData;
import org.fmnist.examples.training.Scores;
import org.fmnist.models.ConvBlock;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NetworkBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

@Tag("real-data")
class RobustnessCalibrationTest {

    private static final int IMAGES = 300;
    private static MultiLayerNetwork net;

    /** A small network trained for one pass over 640 real images: better than chance, far from certain. */
    @BeforeAll
    static void train() {
        net = NetworkBuilder.network(ModelSpec.builder().optName("small").optConvBlocks(List.of(ConvBlock.pooled(8)))
                .optDenseUnits(List.of(32)).optBatchSize(64).optEpochs(1).optSeed(3).build());
        FashionMnistIterator train = FashionMnistIterator.builder(RealData.load(), Split.TRAIN).optSubset(640)
                .optBatchSize(64).optSeed(3).build();
        net.fit(train);
    }

    private static FashionMnistIterator test(int batch) {
        return FashionMnistIterator.builder(RealData.load(), Split.TEST).optSubset(IMAGES).optBatchSize(batch)
                .build();
    }

    @Test
    void cleanFiguresAgreeWithTheTestScores() {
        RobustnessCalibration r = RobustnessCalibration.evaluate(net, test(128), List.of(Perturbation.rotation(10)));
        Scores scores = Scores.of(net, test(128), 0);
        assertEquals(IMAGES, r.images());
        assertEquals(scores.accuracy(), r.cleanAccuracy(), 1e-12);
        assertEquals(IMAGES, r.calibration().images());
        // Both floor the true class's probability at 1e-7; Scores sums in float, here in double.
        assertEquals(scores.loss(), r.calibration().nll(), 1e-5);
        assertTrue(r.cleanAccuracy() > 0.3 && r.cleanAccuracy() < 0.99, "trained a little: " + r.cleanAccuracy());
        assertTrue(r.calibration().ece() > 0, "a briefly trained network is not perfectly calibrated");
    }

    @Test
    void eachPerturbedAccuracyIsThatOfTheFixedTransformAppliedImageByImage() {
        List<Perturbation> suite = List.of(Perturbation.shift(4, 0), Perturbation.noise(0.2), Perturbation.scale(0.8));
        // Batches of 128 and 300 give the same figures: each image's perturbation depends on its index only.
        RobustnessCalibration batched = RobustnessCalibration.evaluate(net, test(128), suite);
        RobustnessCalibration whole = RobustnessCalibration.evaluate(net, test(IMAGES), suite);
        assertEquals(batched.perturbedAccuracy(), whole.perturbedAccuracy());

        DataSet all = test(IMAGES).next();
        float[] pixels = all.getFeatures().dup('c').data().asFloat();
        int[] labels = Nd4j.argMax(all.getLabels(), 1).toIntVector();
        int size = ImageShape.FASHION_MNIST.size();
        double sum = 0;
        for (Perturbation p : suite) {
            float[] perturbed = new float[pixels.length];
            for (int i = 0; i < IMAGES; i++) {
                float[] image = java.util.Arrays.copyOfRange(pixels, i * size, (i + 1) * size);
                System.arraycopy(p.forImage(i).apply(image, ImageShape.FASHION_MNIST, ValueRange.UNIT), 0,
                        perturbed, i * size, size);
            }
            INDArray features = Nd4j.create(perturbed, all.getFeatures().shape(), 'c');
            int[] predicted = Nd4j.argMax(net.output(features, false), 1).toIntVector();
            int right = 0;
            for (int i = 0; i < IMAGES; i++) {
                right += predicted[i] == labels[i] ? 1 : 0;
            }
            assertEquals((double) right / IMAGES, batched.perturbedAccuracy().get(p.name()), 1e-12, p.name());
            sum += (double) right / IMAGES;
        }
        assertEquals(sum / suite.size(), batched.meanPerturbedAccuracy(), 1e-12);
        assertEquals(List.of("shift-right-4", "noise-0.2", "scale-0.8"),
                List.copyOf(batched.perturbedAccuracy().keySet()), "in the suite's order");
        assertNotEquals(batched.cleanAccuracy(), batched.perturbedAccuracy().get("noise-0.2"),
                "noise of sigma 0.2 changes some predictions");
    }

    @Test
    void onlyTheFirstImagesArePerturbedAndCalibrationIsOnAll() {
        List<Perturbation> suite = List.of(Perturbation.rotation(20), Perturbation.noise(0.1));
        RobustnessCalibration part = RobustnessCalibration.evaluate(net, test(128), suite, 200);
        DataSet all = test(IMAGES).next();
        DataSet first = new DataSet(all.getFeatures().get(NDArrayIndex.interval(0, 200)),
                all.getLabels().get(NDArrayIndex.interval(0, 200)));
        RobustnessCalibration alone = RobustnessCalibration.evaluate(net,
                new ListDataSetIterator<>(first.asList(), 64), suite);
        assertEquals(200, part.images());
        assertEquals(alone.perturbedAccuracy(), part.perturbedAccuracy());
        assertEquals(alone.cleanAccuracy(), part.cleanAccuracy(), 1e-12);
        assertEquals(IMAGES, part.calibration().images());
        assertEquals(RobustnessCalibration.evaluate(net, test(128), suite).calibration(), part.calibration());
    }

    @Test
    void aZeroStrengthPerturbationScoresAsTheCleanImages() {
        RobustnessCalibration r = RobustnessCalibration.evaluate(net, test(100),
                List.of(Perturbation.rotation(0), Perturbation.noise(0)));
        assertEquals(r.cleanAccuracy(), r.perturbedAccuracy().get("rotate+0"), 0);
        assertEquals(r.cleanAccuracy(), r.perturbedAccuracy().get("noise-0"), 0);
    }

    @Test
    void theFileRoundTripsAndTheTextNamesEveryFigure(@TempDir Path dir) throws IOException {
        RobustnessCalibration r = RobustnessCalibration.evaluate(net, test(150), Perturbation.standard());
        Path file = dir.resolve(RobustnessCalibration.FILE);
        r.write(file);
        assertEquals(r, RobustnessCalibration.read(file));
        String text = r.toText();
        for (Perturbation p : Perturbation.standard()) {
            assertTrue(text.contains(p.name()), p.name());
        }
        assertTrue(text.contains("mean of 17"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "expected calibration error %.2f%%",
                100 * r.calibration().ece())), text);
    }

    @Test
    void aSuiteNamingOnePerturbationTwiceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RobustnessCalibration
                .evaluate(net, test(100), List.of(Perturbation.horizontalFlip(), Perturbation.horizontalFlip())));
        assertEquals("suite must name each perturbation once, named 'hflip' twice", e.getMessage());
    }
}
