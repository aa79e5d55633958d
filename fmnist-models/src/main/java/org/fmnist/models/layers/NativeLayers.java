package org.fmnist.models.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Swaps DL4J's standard convolution, batch-normalization and activation layer configurations, and its
 * fixed-probability dropout, for their native-op twins in this package, leaving every setting, parameter shape
 * and initialization unchanged.
 *
 * <p>Only layers of exactly {@link ConvolutionLayer}, {@link BatchNormalization} and {@link ActivationLayer}
 * change class; subclasses
 * (depthwise, separable, 1-D and 3-D convolutions, ...) and every other layer keep theirs. A layer whose dropout
 * is a {@link Dropout} with a fixed probability gets a {@link NativeDropout} with the same probability.
 */
public final class NativeLayers {

    private static final Map<Class<?>, Class<? extends Layer>> REPLACEMENTS = Map.of(
            ConvolutionLayer.class, NativeConvolutionLayer.class,
            BatchNormalization.class, NativeBatchNormalization.class,
            ActivationLayer.class, NativeActivationLayer.class);

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

    private static Layer twinOf(Layer layer) {
        Class<? extends Layer> twin = REPLACEMENTS.get(layer.getClass());
        if (twin == null) {
            return layer;
        }
        // The copy goes through DL4J's own JSON form, so it carries exactly the settings that a saved model
        // carries; the twins add no fields of their own.
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode tree = mapper.valueToTree(layer);
        tree.put("@class", twin.getName());
        try {
            return mapper.treeToValue(tree, twin);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot copy " + layer.getClass().getSimpleName() + " settings into "
                    + twin.getSimpleName(), e);
        }
    }

    /**
     * A copy of a network configuration with every replaceable layer swapped for its native twin.
     *
     * @param configuration a built configuration; not modified
     * @return a new configuration, equal to the input apart from the layer classes
     */
    public static MultiLayerConfiguration replaceIn(MultiLayerConfiguration configuration) {
        MultiLayerConfiguration copy = configuration.clone();
        for (NeuralNetConfiguration layerConf : copy.getConfs()) {
            layerConf.setLayer(of(layerConf.getLayer()));
        }
        return copy;
    }
}
