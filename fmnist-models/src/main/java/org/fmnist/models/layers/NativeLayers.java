package org.fmnist.models.layers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Swaps DL4J's standard convolution, batch-normalization, activation, dense, pooling and dropout layer
 * configurations, and its fixed-probability dropout, for their native-op twins in this package, leaving every
 * setting, parameter shape and initialization unchanged.
 *
 * <p>Only layers of exactly {@link ConvolutionLayer}, {@link BatchNormalization}, {@link ActivationLayer},
 * {@link DenseLayer}, {@link SubsamplingLayer} and {@link DropoutLayer} change class; subclasses
 * (depthwise, separable, 1-D and 3-D convolutions, ...) and every other layer keep theirs. A layer whose dropout
 * is a {@link Dropout} with a fixed probability gets a {@link NativeDropout} with the same probability.
 * {@link #replaceIn} also hands the gradient of a ReLU over to the max-pooling layer right after it, where that
 * gives the same numbers (see {@link NativeSubsamplingLayer}).
 */
public final class NativeLayers {

    private static final Map<Class<?>, Class<? extends Layer>> REPLACEMENTS = Map.of(
            ConvolutionLayer.class, NativeConvolutionLayer.class,
            BatchNormalization.class, NativeBatchNormalization.class,
            ActivationLayer.class, NativeActivationLayer.class,
            DenseLayer.class, NativeDenseLayer.class,
            SubsamplingLayer.class, NativeSubsamplingLayer.class,
            DropoutLayer.class, NativeDropoutLayer.class);

    /** The JSON names of the settings twins have and DL4J's layers have not. */
    static final Set<String> TWIN_SETTINGS = Set.of(NativeConvolutionLayer.INPUT_GRADIENT,
            ReluBeforeMaxPool.RELU_GRADIENT_BY_NEXT_LAYER, NativeSubsamplingLayer.APPLIES_RELU_GRADIENT);

    private NativeLayers() {
    }

    /**
     * The native twin of a layer configuration, or the same object where there is nothing to replace.
     *
     * @param layer a fully configured layer (as returned by its builder); not modified
     * @return a new configuration (twin class, native dropout) with otherwise identical settings, or {@code layer}
     *     itself
     */
    public static Layer of(Layer layer) {
        Layer result = twinOf(layer);
        if (result.getIDropout() instanceof Dropout dropout && dropout.getClass() == Dropout.class
                && dropout.getPSchedule() == null) {
            result = result == layer ? layer.clone() : result;
            result.setIDropout(new NativeDropout(dropout.getP()));
        }
        return result;
    }

    /**
     * The standard DL4J configuration of a native layer, the inverse of {@link #of}; any other layer is returned
     * as it is.
     *
     * @param layer a layer configuration; not modified
     * @return a new configuration of DL4J's class with DL4J's dropout and otherwise identical settings, or
     *     {@code layer} itself
     */
    public static Layer standardOf(Layer layer) {
        Layer result = layer;
        for (Map.Entry<Class<?>, Class<? extends Layer>> pair : REPLACEMENTS.entrySet()) {
            if (pair.getValue() == layer.getClass()) {
                result = copyAs(layer, pair.getKey().asSubclass(Layer.class));
            }
        }
        if (result.getIDropout() instanceof NativeDropout dropout) {
            result = result == layer ? layer.clone() : result;
            result.setIDropout(new Dropout(dropout.getP()));
        }
        return result;
    }

    /**
     * A copy of a network configuration with every native layer swapped back for DL4J's standard one, the inverse
     * of {@link #replaceIn}: for comparisons with DL4J's own implementations.
     *
     * @param configuration a built configuration; not modified
     * @return a new configuration, equal to the input apart from the layer classes
     */
    public static MultiLayerConfiguration standardIn(MultiLayerConfiguration configuration) {
        MultiLayerConfiguration copy = configuration.clone();
        for (NeuralNetConfiguration layerConf : copy.getConfs()) {
            layerConf.setLayer(standardOf(layerConf.getLayer()));
        }
        return copy;
    }

    /**
     * {@link #standardOf} with the layer's 2-D data format, where it has one (convolution, pooling, batch
     * normalization), set to NCHW.
     *
     * @param layer a layer configuration; not modified
     * @return a new configuration, or {@code layer} itself where there is nothing to change
     */
    public static Layer standardNchwOf(Layer layer) {
        Layer standard = standardOf(layer);
        Layer result = standard == layer ? layer.clone() : standard;
        if (result instanceof ConvolutionLayer convolution) {
            convolution.setCnn2dDataFormat(CNN2DFormat.NCHW);
        } else if (result instanceof SubsamplingLayer pooling) {
            pooling.setCnn2dDataFormat(CNN2DFormat.NCHW);
        } else if (result instanceof BatchNormalization norm) {
            norm.setCnn2DFormat(CNN2DFormat.NCHW);
        } else {
            return standard;
        }
        return result;
    }

    /**
     * The all-NCHW network of DL4J's standard layers that a configuration of native, channels-last layers (as
     * {@code NetworkBuilder} makes them) stands for: every layer through {@link #standardNchwOf}, no
     * {@link ChannelsLastPreProcessor}, and NCHW flattening before dense layers. Its parameters have the same
     * shapes; a dense layer after a flattened activation reads its inputs in (channel, height, width) order
     * instead of (height, width, channel).
     *
     * @param configuration a built configuration; not modified
     * @return a new configuration
     */
    public static MultiLayerConfiguration standardNchwIn(MultiLayerConfiguration configuration) {
        MultiLayerConfiguration copy = configuration.clone();
        for (NeuralNetConfiguration layerConf : copy.getConfs()) {
            layerConf.setLayer(standardNchwOf(layerConf.getLayer()));
        }
        Map<Integer, InputPreProcessor> preProcessors = new HashMap<>();
        copy.getInputPreProcessors().forEach((index, p) -> {
            if (p instanceof CnnToFeedForwardPreProcessor flatten) {
                preProcessors.put(index, new CnnToFeedForwardPreProcessor(flatten.getInputHeight(),
                        flatten.getInputWidth(), flatten.getNumChannels(), CNN2DFormat.NCHW));
            } else if (!(p instanceof ChannelsLastPreProcessor)) {
                preProcessors.put(index, p);
            }
        });
        copy.setInputPreProcessors(preProcessors);
        return copy;
    }

    private static Layer twinOf(Layer layer) {
        Class<? extends Layer> twin = REPLACEMENTS.get(layer.getClass());
        return twin == null ? layer : copyAs(layer, twin);
    }

    private static Layer copyAs(Layer layer, Class<? extends Layer> twin) {
        // The copy goes through DL4J's own JSON form, so it carries exactly the settings that a saved model
        // carries, apart from the twins' own settings: a twin made from DL4J's layer starts from their defaults,
        // and DL4J's layer made from a twin has none of them.
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode tree = mapper.valueToTree(layer);
        tree.put("@class", twin.getName());
        tree.remove(TWIN_SETTINGS);
        try {
            return mapper.treeToValue(tree, twin);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot copy " + layer.getClass().getSimpleName() + " settings into "
                    + twin.getSimpleName(), e);
        }
    }

    /**
     * A copy of a network configuration whose first layer, where it is a {@link NativeConvolutionLayer}, computes
     * no input gradient ({@link NativeConvolutionLayer#setInputGradient}): training never uses the gradient with
     * respect to the network's input.
     *
     * @param configuration a built configuration; not modified
     * @return a new configuration, equal to the input apart from that setting
     */
    public static MultiLayerConfiguration withoutInputGradient(MultiLayerConfiguration configuration) {
        MultiLayerConfiguration copy = configuration.clone();
        if (!copy.getConfs().isEmpty() && copy.getConf(0).getLayer() instanceof NativeConvolutionLayer first) {
            first.setInputGradient(false);
        }
        return copy;
    }

    /**
     * A copy of a network configuration with every replaceable layer swapped for its native twin, and the gradient
     * of each ReLU that a max-pooling layer directly follows handed over to that layer (see
     * {@link NativeSubsamplingLayer}; the network's outputs and gradients stay the same).
     *
     * @param configuration a built configuration; not modified
     * @return a new configuration, equal to the input apart from the layer classes and the twins' own settings
     */
    public static MultiLayerConfiguration replaceIn(MultiLayerConfiguration configuration) {
        MultiLayerConfiguration copy = configuration.clone();
        for (NeuralNetConfiguration layerConf : copy.getConfs()) {
            layerConf.setLayer(of(layerConf.getLayer()));
        }
        for (int i = 0; i + 1 < copy.getConfs().size(); i++) {
            Layer before = copy.getConf(i).getLayer();
            Layer after = copy.getConf(i + 1).getLayer();
            if (before instanceof ReluBeforeMaxPool relu && after instanceof NativeSubsamplingLayer pool
                    && copy.getInputPreProcess(i + 1) == null && takesOverReluGradient(activationOf(before), pool)) {
                relu.setReluGradientByNextLayer(true);
                pool.setAppliesReluGradient(true);
            }
        }
        checkReluPairs(copy);
        return copy;
    }

    /**
     * Checks the ReLU hand-overs of a configuration (a built one, or one read from a file that may have been
     * edited): every layer that leaves its ReLU's gradient to the next layer ({@link ReluBeforeMaxPool}) is followed
     * by a {@link NativeSubsamplingLayer} that applies it, and every such pooling layer follows one. Either half
     * alone trains a different network: the ReLU's gradient is lost, or applied where there is no ReLU.
     *
     * @param configuration the configuration
     * @throws IllegalArgumentException naming the layer whose partner is missing
     */
    public static void checkReluPairs(MultiLayerConfiguration configuration) {
        List<NeuralNetConfiguration> confs = configuration.getConfs();
        for (int i = 0; i < confs.size(); i++) {
            Layer layer = confs.get(i).getLayer();
            Layer next = i + 1 < confs.size() ? confs.get(i + 1).getLayer() : null;
            Layer previous = i > 0 ? confs.get(i - 1).getLayer() : null;
            if (layer instanceof ReluBeforeMaxPool relu && relu.isReluGradientByNextLayer()
                    && !(next instanceof NativeSubsamplingLayer pool && pool.isAppliesReluGradient())) {
                throw new IllegalArgumentException("layer " + i + " (" + layer.getLayerName() + ") has "
                        + ReluBeforeMaxPool.RELU_GRADIENT_BY_NEXT_LAYER + " set, but layer " + (i + 1)
                        + " is not a max pooling layer with " + NativeSubsamplingLayer.APPLIES_RELU_GRADIENT
                        + " set: its ReLU's gradient would be lost");
            }
            if (layer instanceof NativeSubsamplingLayer pool && pool.isAppliesReluGradient()
                    && !(previous instanceof ReluBeforeMaxPool relu && relu.isReluGradientByNextLayer())) {
                throw new IllegalArgumentException("layer " + i + " (" + layer.getLayerName() + ") has "
                        + NativeSubsamplingLayer.APPLIES_RELU_GRADIENT + " set, but layer " + (i - 1)
                        + " does not leave it a ReLU gradient (" + ReluBeforeMaxPool.RELU_GRADIENT_BY_NEXT_LAYER
                        + "): it would apply one where there is none");
            }
        }
    }

    /**
     * Whether {@code pool}, right after a layer ending in {@code activation}, can apply that activation's gradient
     * with the same result: the activation is max(0, z), and the pooling takes the maximum of windows that do not
     * overlap (kernel equal to stride, no padding, no dilation, no "same" mode), with no dropout on its input.
     * Then every value of the activation feeds at most one window, and the position a window's gradient goes back
     * to holds the window's maximum, positive exactly where ReLU's gradient is 1.
     */
    static boolean takesOverReluGradient(IActivation activation, SubsamplingLayer pool) {
        return activation != null && Activations.isPlainRelu(activation)
                && pool.getPoolingType() == PoolingType.MAX
                && Arrays.equals(pool.getKernelSize(), pool.getStride())
                && Arrays.stream(pool.getPadding()).allMatch(p -> p == 0)
                && Arrays.stream(pool.getDilation()).allMatch(d -> d == 1)
                && pool.getConvolutionMode() != ConvolutionMode.Same
                && pool.getIDropout() == null;
    }

    private static IActivation activationOf(Layer layer) {
        if (layer instanceof ConvolutionLayer convolution) {
            return convolution.getActivationFn();
        }
        return layer instanceof ActivationLayer activation ? activation.getActivationFn() : null;
    }
}
