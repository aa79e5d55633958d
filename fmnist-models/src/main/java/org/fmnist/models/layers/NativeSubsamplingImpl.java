package org.fmnist.models.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The implementation behind {@link NativeSubsamplingLayer}: DL4J's pooling, with the preceding ReLU's gradient
 * applied on the pooled side when the configuration asks for it.
 */
final class NativeSubsamplingImpl extends SubsamplingLayer {

    /** The training-mode output of the last forward pass, kept while it is still this layer's output. */
    private INDArray trainingOutput;
    /** The input that {@link #trainingOutput} was computed from. */
    private INDArray trainingInput;

    NativeSubsamplingImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean appliesReluGradient() {
        return conf.getLayer() instanceof NativeSubsamplingLayer layer && layer.isAppliesReluGradient();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray output = super.activate(training, workspaceMgr);
        boolean keep = training && appliesReluGradient();
        trainingOutput = keep ? output : null;
        trainingInput = keep ? input : null;
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!appliesReluGradient()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray eps = epsilon.castTo(dataType);
        INDArray pooled = trainingInput == input ? trainingOutput : null;
        trainingOutput = null;
        trainingInput = null;
        if (pooled != null) {
            // step(pooled) * dL/dpooled, then routed back: a quarter of the values of the ReLU's own gradient.
            INDArray delta = Activations.reluGradient(pooled, eps, ArrayType.BP_WORKING_MEM, workspaceMgr);
            return super.backpropGradient(delta, workspaceMgr);
        }
        // No usable forward output (an inference-mode or foreign forward pass): apply it at the input's size.
        Pair<Gradient, INDArray> routed = super.backpropGradient(eps, workspaceMgr);
        INDArray reluOutput = input.castTo(dataType);
        INDArray delta = Activations.reluGradient(reluOutput, routed.getSecond(), ArrayType.ACTIVATION_GRAD,
                workspaceMgr);
        return new Pair<>(routed.getFirst(), delta);
    }
}
