package org.fmnist.examples.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * Running training loss and accuracy of an epoch, from the forward passes training makes anyway.
 *
 * <p>DL4J hands listeners the activations up to the layer before the output layer; for a dense
 * softmax output layer the class scores follow from those with one small matrix product, so the
 * running figures cost almost nothing. They are training-mode figures (dropout on, augmented images,
 * weights before the batch's update), as Keras reports them; the epoch's recorded metrics are measured
 * separately in inference mode. Other output layers leave the figures at NaN.
 */
final class BatchScores extends BaseTrainingListener {

    private long seen;
    private long correct;
    private double lossSum;

    /** Starts a new epoch's running figures. */
    void reset() {
        seen = 0;
        correct = 0;
        lossSum = 0;
    }

    /** Running accuracy in [0, 1], NaN before the first batch or for an unsupported output layer. */
    double accuracy() {
        return seen == 0 ? Double.NaN : (double) correct / seen;
    }

    /** Running mean cross-entropy, regularization penalty excluded; NaN as for {@link #accuracy()}. */
    double loss() {
        return seen == 0 ? Double.NaN : lossSum / seen;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (!(model instanceof MultiLayerNetwork net) || activations.isEmpty()) {
            return;
        }
        Layer output = net.getOutputLayer();
        INDArray labels = net.getLabels();
        if (!(output instanceof org.deeplearning4j.nn.layers.OutputLayer) || labels == null) {
            return;
        }
        INDArray last = activations.get(activations.size() - 1);
        // The activations live in a workspace that is reused after this call: compute and copy the
        // few numbers needed now, outside any workspace.
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long n = last.size(0);
            INDArray in = last.rank() == 2 ? last : last.reshape('c', n, last.length() / n);
            INDArray logits = in.mmul(output.getParam("W")).addiRowVector(output.getParam("b"));
            int[] predicted = Nd4j.argMax(logits, 1).toIntVector();
            int[] actual = Nd4j.argMax(labels, 1).toIntVector();
            // Cross-entropy of a softmax: logsumexp(z) - z[label], computed stably.
            INDArray max = logits.max(1);
            INDArray shifted = logits.subColumnVector(max);
            INDArray logSumExp = Transforms.log(Transforms.exp(shifted, false).sum(1), false);
            INDArray trueScore = shifted.mul(labels).sum(1);
            double batchLoss = logSumExp.sub(trueScore).sumNumber().doubleValue();
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == actual[i]) {
                    correct++;
                }
            }
            seen += n;
            lossSum += batchLoss;
        }
    }
}
