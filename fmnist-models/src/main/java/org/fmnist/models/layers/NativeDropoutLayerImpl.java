package org.fmnist.models.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The implementation behind {@link NativeDropoutLayer}. */
final class NativeDropoutLayerImpl extends DropoutLayer {

    NativeDropoutLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The layer's dropout where this class handles it: a {@link NativeDropout} and no mask array; else null. */
    private NativeDropout nativeDropout() {
        return maskArray == null && layerConf().getIDropout() instanceof NativeDropout dropout ? dropout : null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        NativeDropout dropout = nativeDropout();
        if (!training || dropout == null) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(),
                'c');
        return dropout.applyDropout(input, output, getIterationCount(), getEpochCount(), workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        NativeDropout dropout = nativeDropout();
        if (dropout == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                epsilon.shape(), 'c');
        return new Pair<>(new DefaultGradient(), dropout.backprop(epsilon, delta, getIterationCount(),
                getEpochCount()));
    }
}
