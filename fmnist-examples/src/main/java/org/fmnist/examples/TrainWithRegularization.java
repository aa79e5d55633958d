package org.fmnist.examples;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.models.EarlyStopping;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NativeRuntime;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;

/**
 * Question 2: what do dropout, an L2 penalty and early stopping do to the same CNN?
 *
 * <p>It trains the baseline network with dropout 0.25 and L2 5e-4 on 5,000 training images, under
 * DL4J's early-stopping trainer: after each epoch it scores the validation images and keeps the best
 * network, and stops when three epochs in a row bring no improvement. The model is chosen on the
 * validation split only; the test split is used once, at the end.
 *
 * <p>Run: {@code java -cp ... org.fmnist.examples.TrainWithRegularization}.
 */
public final class TrainWithRegularization {

    private TrainWithRegularization() {
    }

    /**
     * Trains with early stopping and prints the chosen epoch and its test accuracy.
     *
     * @param args ignored
     * @throws Exception if the dataset cannot be found or read
     */
    public static void main(String[] args) throws Exception {
        NativeRuntime.configureForTraining(); // before the first ND4J array: see its javadoc
        FashionMnist data = FashionMnist.load();
        ModelSpec spec = Preset.DROPOUT.spec().toBuilder()
                .optL2(5e-4)
                .optPatience(3)
                .optEpochs(15)
                .build();
        MultiLayerNetwork net = NetworkBuilder.network(spec);

        FashionMnistIterator train = FashionMnistIterator.builder(data, Split.TRAIN)
                .optSubset(5_000).optBatchSize(spec.training().batchSize()).optSeed(spec.training().seed()).build();
        FashionMnistIterator validation = FashionMnistIterator.builder(data, Split.VALIDATION).optBatchSize(500).build();

        EarlyStoppingTrainer trainer = EarlyStopping.trainer(spec, net, train, validation);
        trainer.setListener(new EarlyStoppingListener<>() {
            @Override
            public void onStart(EarlyStoppingConfiguration<MultiLayerNetwork> conf, MultiLayerNetwork model) {
            }

            @Override
            public void onEpoch(int epoch, double score, EarlyStoppingConfiguration<MultiLayerNetwork> conf,
                                MultiLayerNetwork model) {
                System.out.printf("epoch %2d  validation accuracy %.2f%%%n", epoch + 1, 100 * score);
            }

            @Override
            public void onCompletion(EarlyStoppingResult<MultiLayerNetwork> result) {
            }
        });
        EarlyStoppingResult<MultiLayerNetwork> result = trainer.fit();
        System.out.printf("stopped after %d epochs (%s); best validation accuracy %.2f%% at epoch %d%n",
                result.getTotalEpochs(), result.getTerminationDetails(), 100 * result.getBestModelScore(),
                result.getBestModelEpoch() + 1);

        FashionMnistIterator test = FashionMnistIterator.builder(data, Split.TEST).optBatchSize(500).build();
        System.out.printf("test accuracy of the best model %.2f%%%n", 100 * result.getBestModel().evaluate(test).accuracy());
    }
}
