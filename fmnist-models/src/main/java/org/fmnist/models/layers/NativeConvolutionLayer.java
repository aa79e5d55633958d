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
public class NativeConvolutionLayer extends ConvolutionLayer implements ReluBeforeMaxPool {

    /** The JSON name of {@link #isInputGradient()}, a setting DL4J's layer has not. */
    static final String INPUT_GRADIENT = "inputGradient";

    /** False: backpropagation computes no gradient for the layer's input (see {@link #setInputGradient}). */
    private boolean inputGradient = true;

    /** See {@link ReluBeforeMaxPool}. */
    private boolean reluGradientByNextLayer;

    /** For JSON deserialization; configure one with {@link NativeLayers#of} instead. */
    public NativeConvolutionLayer() {
    }

    /**
     * Whether backpropagation computes the gradient with respect to this layer's input; true unless set otherwise.
     *
     * @return the setting
     */
    public boolean isInputGradient() {
        return inputGradient;
    }

    /**
     * Whether backpropagation computes the gradient with respect to this layer's input. {@code false} suits the
     * first layer of a network, whose input gradient {@code MultiLayerNetwork.fit} discards: the layer then
     * returns {@code null} for it (as DL4J's embedding layer does), and with stride 1, no dilation and explicit
     * padding it computes its weight gradient as one forward convolution of the inputs with the output gradient
     * instead of the full backward pass. {@code MultiLayerNetwork.backpropGradient} and {@code calculateGradients}
     * then return no input gradient either; {@link NativeLayers#standardIn} gives the configuration back with DL4J's
     * own layers, which compute it.
     *
     * @param inputGradient false to skip the input gradient
     */
    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
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
        LayerValidation.assertNInNOutSet("NativeConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new NativeConvolutionImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public NativeConvolutionLayer clone() {
        return (NativeConvolutionLayer) super.clone();
    }
}
