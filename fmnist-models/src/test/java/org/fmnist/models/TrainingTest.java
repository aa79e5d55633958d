package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;

import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.data.testing.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Short trainings on a few hundred real Fashion-MNIST images: enough to see learning, cheap enough for two
 * shared cores. Model selection uses the validation split only; the test split is never touched here.
 */
@Tag("real-data")
class TrainingTest {

    private static final int TRAIN_IMAGES = 512;
    private static final int VALIDATION_IMAGES = 500;

    private static FashionMnist data;

    @BeforeAll
    static void loadData() {
        data = RealData.load();
    }

    private static DataSetIterator train(ModelSpec spec, int images) {
        return FashionMnistIterator.builder(data, Split.TRAIN)
                .optBatchSize(spec.training().batchSize())
                .optSubset(images)
                .optSeed(spec.training().seed())
                .build();
    }

    private static DataSetIterator validation() {
        return FashionMnistIterator.builder(data, Split.VALIDATION)
                .optBatchSize(250)
                .optSubset(VALIDATION_IMAGES)
                .build();
    }

    /** Mean cross-entropy per image (plus the penalty, zero for the baseline) over the iterator. */
    private static double meanLoss(MultiLayerNetwork network, DataSetIterator iterator) {
        iterator.reset();
        double sum = 0;
        int images = 0;
        while (iterator.hasNext()) {
            var batch = iterator.next();
            sum += network.score(batch, false) * batch.numExamples();
            images += batch.numExamples();
        }
        return sum / images;
    }

    @Test
    void baselineLowersTheLossAndBeatsChanceClearly() {
        ModelSpec spec = Preset.BASELINE.spec().toBuilder().optBatchSize(32).build();
        MultiLayerNetwork network = NetworkBuilder.network(spec);
        DataSetIterator validation = validation();
        double before = meanLoss(network, validation);

        network.fit(train(spec, TRAIN_IMAGES), 2);

        double after = meanLoss(network, validation);
        double accuracy = network.evaluate(validation).accuracy();
        System.out.printf("baseline, %d images x 2 epochs: validation loss %.4f -> %.4f, accuracy %.4f%n",
                TRAIN_IMAGES, before, after, accuracy);
        assertTrue(after < 0.6 * before, "validation loss " + before + " -> " + after);
        assertTrue(accuracy > 0.5, "validation accuracy " + accuracy + " (chance is 0.1)");
    }

    @Test
    void earlyStoppingKeepsTheEpochWithTheBestValidationAccuracy() {
        // The regularized network (batch norm, dropout, L2, decaying learning rate), at most 3 epochs.
        ModelSpec spec = Preset.REGULARIZED.spec().toBuilder().optBatchSize(32).optEpochs(3).optPatience(2).build();
        DataSetIterator validation = validation();
        EarlyStoppingResult<MultiLayerNetwork> result =
                EarlyStopping.trainer(spec, NetworkBuilder.network(spec), train(spec, TRAIN_IMAGES), validation).fit();

        Map<Integer, Double> scores = result.getScoreVsEpoch();
        double best = Collections.max(scores.values());
        double bestAccuracy = result.getBestModel().evaluate(validation).accuracy();
        System.out.printf("regularized, early stopping: validation accuracy by epoch %s, best epoch %d%n",
                scores, result.getBestModelEpoch());
        assertEquals(3, result.getTotalEpochs());
        assertEquals(best, EarlyStopping.bestValidationAccuracy(result));
        assertEquals(best, bestAccuracy, 1e-9, "the kept model is the one that scored best");
        assertTrue(bestAccuracy > 0.5, "validation accuracy " + bestAccuracy + " (chance is 0.1)");
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
        // A learning rate so small that no prediction changes: validation accuracy never improves after epoch 0,
        // so patience 1 stops after epoch 1 although 10 epochs are allowed.
        ModelSpec spec = Preset.EARLY_STOPPING.spec().toBuilder()
                .optLearningRate(1e-12).optPatience(1).optEpochs(10).optBatchSize(64).build();
        EarlyStoppingResult<MultiLayerNetwork> result =
                EarlyStopping.trainer(spec, NetworkBuilder.network(spec), train(spec, 128), validation()).fit();

        assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition, result.getTerminationReason());
        assertTrue(result.getTerminationDetails().startsWith("EarlyStoppingRule(patience=1)"),
                result.getTerminationDetails());
        assertEquals(2, result.getTotalEpochs());
        assertEquals(0, result.getBestModelEpoch());
    }

    @Test
    void earlyStoppingNeedsPatience() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EarlyStopping.configuration(Preset.BASELINE.spec(), validation()));
        assertEquals("patience must be > 0 for early stopping, was 0 in 'baseline'", e.getMessage());
    }
}
