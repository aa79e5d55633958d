package org.fmnist.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dropout layer configuration whose implementation, with a {@link NativeDropout}, writes the masked
 * activations and their gradient straight into new arrays, where DL4J's copies the input first in the forward pass
 * and the gradient first in the backward pass, then masks the copy in place.
 *
 * <p>It is a {@link DropoutLayer} in every other respect (settings, JSON form apart from the class name, outputs
 * and gradients for the same mask); with any other dropout, in inference and with a mask array it runs DL4J's
 * implementation. Create one with {@link NativeLayers#of(org.deeplearning4j.nn.conf.layers.Layer)}.
 */
public class NativeDropoutLayer extends DropoutLayer {

    /** For JSON deserialization; configure one with {@link NativeLayers#of} instead. */
    public NativeDropoutLayer() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new NativeDropoutLayerImpl(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams, initializer());
    }

    @Override
    public NativeDropoutLayer clone() {
        return (NativeDropoutLayer) super.clone();
    }
}
