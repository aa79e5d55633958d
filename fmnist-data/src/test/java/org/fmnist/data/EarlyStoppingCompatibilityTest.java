package org.fmnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.fmnist.data.testing.RealData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The iterators drive DL4J's EarlyStoppingTrainer (which wraps them asynchronously) epoch after epoch. */
@Tag("real-data")
class EarlyStoppingCompatibilityTest {

    @Test
    void trainsEveryEpochOnTheWholeSubsetAndScoresOnValidation() {
        FashionMnist data = RealData.load();
        FashionMnistIterator train = FashionMnistIterator.builder(data, Split.TRAIN).optSubset(320).optBatchSize(32)
                .optLayout(Layout.FLAT).optSeed(1).build();
        FashionMnistIterator validation = FashionMnistIterator.builder(data, Split.VALIDATION).optSubset(200)
                .optLayout(Layout.FLAT).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<Integer> examplesPerEpoch = new ArrayList<>();
        int[] seen = {0};
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void onEpochStart(Model model) {
                seen[0] = 0;
            }

            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                seen[0] += model.batchSize();
            }

            @Override
            public void onEpochEnd(Model model) {
                examplesPerEpoch.add(seen[0]);
            }
        });
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(3))
                .scoreCalculator(new DataSetLossCalculator(validation, true))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(es, net, train).fit();

        assertEquals(3, result.getTotalEpochs());
        assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition, result.getTerminationReason());
        assertEquals(List.of(320, 320, 320), examplesPerEpoch);
        assertNotNull(result.getBestModel());
        double chance = -Math.log(0.1);
        assertTrue(result.getBestModelScore() < chance, "validation loss " + result.getBestModelScore());
    }
}
