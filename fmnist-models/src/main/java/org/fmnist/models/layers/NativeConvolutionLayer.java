package org.fmnist.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution layer configuration whose implementation runs ND4J's native {@code conv2d} and
 * {@code conv2d_bp} operations directly, so that the backend's convolution primitives (oneDNN on the
 * {@code *-onednn-*} CPU builds) do the work instead of DL4J's im2col and matrix-multiply path.
 *
 * <p>It is a {@link ConvolutionLayer} in every other respect: the same settings, the same parameters
 * ({@code W} of shape [out channels, in channels, kernel height, kernel width] and {@code b} of shape
 * [1, out channels]), the same JSON form apart from its class name, and numerically the same outputs and
 * gradients within float tolerance. Create one with {@link NativeLayers#of(org.deeplearning4j.nn.conf.layers.Layer)}
 * from a configured {@link ConvolutionLayer}.
 */
public class NativeConvolutionLayer extends ConvolutionLayer {

    /** For JSON deserialization; configure one with {@link NativeLayers#of} instead. */
    public NativeConvolutionLayer() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("NativeConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new NativeConvolutionImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public NativeConvolutionLayer clone() {
        return (NativeConvolutionLayer) super.clone();
    }
}
