package org.fmnist.examples.training;

import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.data.FashionMnistClass;
import org.fmnist.examples.report.TestEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A model's loss, accuracy and confusion counts on some images, measured in inference mode.
 *
 * @param loss      mean cross-entropy of the softmax output (natural log), no regularization penalty;
 *                  probabilities are floored at 1e-7 so that one confident mistake stays finite
 * @param accuracy  fraction classified correctly, in [0, 1]
 * @param confusion counts, {@code [actual][predicted]}
 * @param images    how many images were evaluated
 * @param labels    the true class of each image, in the order evaluated
 * @param predicted the predicted class of each image (the most probable), in the same order
 */
public record Scores(double loss, double accuracy, long[][] confusion, long images, int[] labels, int[] predicted) {

    private static final double MIN_PROBABILITY = 1e-7;

    /**
     * Evaluates a network on the batches of an iterator, from its current position.
     *
     * @param net       the network; its output layer must give class probabilities
     * @param data      the images; reset by the caller if needed
     * @param maxImages stop after this many images (the last batch is cut), or 0 for all
     * @return the scores
     */
    public static Scores of(MultiLayerNetwork net, DataSetIterator data, long maxImages) {
        long[][] confusion = new long[FashionMnistClass.COUNT][FashionMnistClass.COUNT];
        double lossSum = 0;
        long images = 0;
        long correct = 0;
        IntStream.Builder allLabels = IntStream.builder();
        IntStream.Builder allPredicted = IntStream.builder();
        while (data.hasNext() && (maxImages == 0 || images < maxImages)) {
            DataSet batch = data.next();
            INDArray features = batch.getFeatures();
            INDArray labels = batch.getLabels();
            if (maxImages > 0 && images + features.size(0) > maxImages) {
                long keep = maxImages - images;
                features = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, keep));
                labels = labels.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, keep));
            }
            INDArray probabilities = net.output(features, false);
            INDArray trueProbability = probabilities.mul(labels).sum(1);
            lossSum -= Transforms.log(Transforms.max(trueProbability, MIN_PROBABILITY, false), false)
                    .sumNumber().doubleValue();
            int[] predicted = Nd4j.argMax(probabilities, 1).toIntVector();
            int[] actual = Nd4j.argMax(labels, 1).toIntVector();
            for (int i = 0; i < predicted.length; i++) {
                confusion[actual[i]][predicted[i]]++;
                allLabels.add(actual[i]);
                allPredicted.add(predicted[i]);
                if (actual[i] == predicted[i]) {
                    correct++;
                }
            }
            images += predicted.length;
        }
        if (images == 0) {
            throw new IllegalArgumentException("data must hold at least one image, held none");
        }
        return new Scores(lossSum / images, (double) correct / images, confusion, images, allLabels.build().toArray(),
                allPredicted.build().toArray());
    }

    /** The labels and predictions as CSV: {@code index,label,predicted}, one row per image. */
    public String predictionsCsv() {
        StringBuilder csv = new StringBuilder(labels.length * 10 + 32).append("index,label,predicted\n");
        for (int i = 0; i < labels.length; i++) {
            csv.append(i).append(',').append(labels[i]).append(',').append(predicted[i]).append('\n');
        }
        return csv.toString();
    }

    /** The test-report form of these scores. */
    public TestEvaluation toTestEvaluation() {
        return TestEvaluation.fromConfusion(confusion);
    }
}
