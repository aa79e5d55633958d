package org.fmnist.examples;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.augment.AugmentingIterator;
import org.fmnist.augment.BatchAugmenter;
import org.fmnist.augment.Pipeline;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NativeRuntime;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.SplittableRandom;

/**
 * Question 3: what does data augmentation do to the same CNN?
 *
 * <p>It trains the baseline network on 5,000 training images, each batch freshly rotated, shifted,
 * scaled and flipped at random, so that the network never sees exactly the same image twice. Compare
 * its per-epoch gap with {@link TrainWithoutRegularization}'s: training accuracy rises more slowly and
 * stays closer to validation accuracy. Only the training batches are augmented.
 *
 * <p>Run: {@code java -cp ... org.fmnist.examples.TrainWithAugmentation}.
 */
public final class TrainWithAugmentation {

    private TrainWithAugmentation() {
    }

    /**
     * Trains on augmented batches and prints the per-epoch accuracies, then the test accuracy.
     *
     * @param args ignored
     * @throws Exception if the dataset cannot be found or read
     */
    public static void main(String[] args) throws Exception {
        NativeRuntime.configureForTraining(); // before the first ND4J array: see its javadoc
        FashionMnist data = FashionMnist.load();
        ModelSpec spec = Preset.BASELINE.spec();
        MultiLayerNetwork net = NetworkBuilder.network(spec);
        SplittableRandom seeds = new SplittableRandom(spec.training().seed());

        FashionMnistIterator images = FashionMnistIterator.builder(data, Split.TRAIN)
                .optSubset(5_000).optBatchSize(spec.training().batchSize()).optSeed(seeds.split().nextLong()).build();
        Pipeline augmentation = Pipeline.parse("rotate=10,shift=2,scale=0.9:1.1,hflip=0.5");
        DataSetIterator train = new AugmentingIterator(images, BatchAugmenter.of(augmentation), seeds.split());

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
