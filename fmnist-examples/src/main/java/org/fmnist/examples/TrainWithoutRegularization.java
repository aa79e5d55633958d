package org.fmnist.examples;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NativeRuntime;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Question 1: what happens to a CNN trained without any regularization?
 *
 * <p>It trains the {@code baseline} network on 5,000 training images and prints, after every epoch,
 * the accuracy on those images and on 5,000 held-out validation images. Training accuracy keeps
 * climbing towards 100% while validation accuracy levels off: the widening gap is over-fitting.
 *
 * <p>Run: {@code java -cp ... org.fmnist.examples.TrainWithoutRegularization}.
 */
public final class TrainWithoutRegularization {

    private TrainWithoutRegularization() {
    }

    /**
     * Trains and prints the per-epoch accuracies, then the test accuracy.
     *
     * @param args ignored
     * @throws Exception if the dataset cannot be found or read
     */
    public static void main(String[] args) throws Exception {
        NativeRuntime.configureForTraining(); // before the first ND4J array: see its javadoc
        FashionMnist data = FashionMnist.load();
        ModelSpec spec = Preset.BASELINE.spec();
        MultiLayerNetwork net = NetworkBuilder.network(spec);

        FashionMnistIterator train = FashionMnistIterator.builder(data, Split.TRAIN)
                .optSubset(5_000).optBatchSize(spec.training().batchSize()).optSeed(spec.training().seed()).build();
        // The same training images, in a fixed order, to measure what the network has learned of them.
        FashionMnistIterator trainEval = FashionMnistIterator.builder(data, Split.TRAIN)
                .optSubset(5_000).optBatchSize(500).optShuffle(false).build();
        FashionMnistIterator validation = FashionMnistIterator.builder(data, Split.VALIDATION).optBatchSize(500).build();

        for (int epoch = 1; epoch <= 10; epoch++) {
            net.fit(train);
            Evaluation onTrain = net.evaluate(trainEval);
            Evaluation onValidation = net.evaluate(validation);
            System.out.printf("epoch %2d  train accuracy %.2f%%  validation accuracy %.2f%%  gap %+.2f points%n",
                    epoch, 100 * onTrain.accuracy(), 100 * onValidation.accuracy(),
                    100 * (onTrain.accuracy() - onValidation.accuracy()));
        }
        FashionMnistIterator test = FashionMnistIterator.builder(data, Split.TEST).optBatchSize(500).build();
        System.out.printf("test accuracy %.2f%%%n", 100 * net.evaluate(test).accuracy());
    }
}
