package org.fmnist.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation layer configuration whose implementation, for ReLU and identity, writes the activation in one
 * pass and backpropagates from its own output, where DL4J's copies the input first in both directions.
 *
 * <p>It is an {@link ActivationLayer} in every other respect (settings, JSON form apart from the class name,
 * outputs and gradients); other activation functions run DL4J's implementation. Create one with
 * {@link NativeLayers#of(org.deeplearning4j.nn.conf.layers.Layer)}.
 */
public class NativeActivationLayer extends ActivationLayer implements ReluBeforeMaxPool {

    /** See {@link ReluBeforeMaxPool}. */
    private boolean reluGradientByNextLayer;

    /** For JSON deserialization; configure one with {@link NativeLayers#of} instead. */
    public NativeActivationLayer() {
    }

    @Override
    public boolean isReluGradientByNextLayer() {
        return reluGradientByNextLayer;
    }

    @Override
    public void setReluGradientByNextLayer(boolean reluGradientByNextLayer) {
        this.reluGradientByNextLayer = reluGradientByNextLayer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new NativeActivationImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public NativeActivationLayer clone() {
        return (NativeActivationLayer) super.clone();
    }
}
