package org.fmnist.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D pooling layer configuration that can take over the gradient of the ReLU in front of it.
 *
 * <p>Max pooling over windows that do not overlap, right after a plain ReLU, passes each window's gradient to one
 * position whose value is the window's maximum; ReLU's gradient at that position is 1 exactly where the pooled
 * value is positive. So multiplying the pooled-side gradient by step(pooled output) before routing it back gives
 * exactly what routing it back and then multiplying by step(ReLU output) gives, on a quarter of the values for
 * 2x2 windows. {@link NativeLayers#replaceIn} sets {@link #setAppliesReluGradient} on such a layer and
 * {@code reluGradientByNextLayer} on the layer before it, which then skips its own ReLU gradient.
 *
 * <p>Without that setting the layer is DL4J's {@link SubsamplingLayer} in every respect; with it, forward pass,
 * outputs and gradients are unchanged as well. Create one with
 * {@link NativeLayers#of(org.deeplearning4j.nn.conf.layers.Layer)}.
 */
public class NativeSubsamplingLayer extends SubsamplingLayer {

    /** The JSON name of {@link #isAppliesReluGradient()}. */
    static final String APPLIES_RELU_GRADIENT = "appliesReluGradient";

    private boolean appliesReluGradient;

    /** For JSON deserialization; configure one with {@link NativeLayers#of} instead. */
    public NativeSubsamplingLayer() {
    }

    /**
     * Whether the backward pass also applies the gradient of the ReLU that the previous layer ends in; false
     * unless {@link NativeLayers#replaceIn} paired the two layers.
     *
     * @return the setting
     */
    public boolean isAppliesReluGradient() {
        return appliesReluGradient;
    }

    /**
     * Whether the backward pass also applies the gradient of the ReLU that the previous layer ends in. Only valid
     * for max pooling over non-overlapping windows right after a plain ReLU whose layer has
     * {@code reluGradientByNextLayer} set; {@link NativeLayers#replaceIn} checks both.
     *
     * @param appliesReluGradient true to apply it
     */
    public void setAppliesReluGradient(boolean appliesReluGradient) {
        this.appliesReluGradient = appliesReluGradient;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new NativeSubsamplingImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public NativeSubsamplingLayer clone() {
        return (NativeSubsamplingLayer) super.clone();
    }
}
