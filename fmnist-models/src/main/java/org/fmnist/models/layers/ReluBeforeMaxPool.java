package org.fmnist.models.layers;

/**
 * A native layer that ends in a ReLU and can leave that ReLU's gradient to the max-pooling layer after it (see
 * {@link NativeSubsamplingLayer}). {@link NativeLayers#replaceIn} sets the two settings together; the forward pass
 * and every output and gradient of the network stay the same.
 */
public interface ReluBeforeMaxPool {

    /** The JSON name of the setting. */
    String RELU_GRADIENT_BY_NEXT_LAYER = "reluGradientByNextLayer";

    /**
     * Whether the next layer, a {@link NativeSubsamplingLayer} with {@code appliesReluGradient} set, applies this
     * layer's ReLU gradient, so that this layer's backward pass passes the incoming gradient on as it is.
     *
     * @return the setting; false unless {@link NativeLayers#replaceIn} paired the layers
     */
    boolean isReluGradientByNextLayer();

    /**
     * See {@link #isReluGradientByNextLayer()}. Set it only together with the next layer's
     * {@link NativeSubsamplingLayer#setAppliesReluGradient}: alone, the ReLU's gradient is lost.
     *
     * @param reluGradientByNextLayer true when the next layer applies it
     */
    void setReluGradientByNextLayer(boolean reluGradientByNextLayer);
}
