package org.fmnist.models.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** The implementation behind {@link NativeActivationLayer}. */
final class NativeActivationImpl extends ActivationLayer {

    private INDArray trainingOutput;
    private INDArray trainingInput;

    NativeActivationImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private IActivation activation() {
        return layerConf().getActivationFn();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        IActivation activation = activation();
        if (!Activations.derivableFromOutput(activation)) {
            trainingOutput = null;
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        INDArray x = input.castTo(dataType);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        if (Activations.isIdentity(activation)) {
            out.assign(x);
        } else {
            Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(out).addFloatingPointArguments(0.0)
                    .build());
        }
        trainingOutput = training ? out : null;
        trainingInput = training ? input : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (conf.getLayer() instanceof ReluBeforeMaxPool layer && layer.isReluGradientByNextLayer()) {
            // The max-pooling layer after this one has applied the ReLU's gradient (see NativeSubsamplingLayer).
            assertInputSet(true);
            trainingOutput = null;
            trainingInput = null;
            INDArray eps = epsilon.castTo(dataType);
            return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, eps));
        }
        if (trainingOutput == null || trainingInput != input) {
            trainingOutput = null;
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        // Written where it is returned: a working array would be copied over by leverageTo.
        INDArray delta = Activations.backpropFromOutput(activation(), trainingOutput, epsilon,
                ArrayType.ACTIVATION_GRAD, workspaceMgr);
        trainingOutput = null;
        trainingInput = null;
        return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, delta));
    }
}
