package org.fmnist.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch-normalization layer configuration whose implementation runs ND4J's native {@code moments} and
 * {@code batchnorm} operations on convolutional (rank 4) activations, in NCHW or NHWC layout, and computes the
 * backward pass in four passes over the data (libnd4j's {@code batchnorm_bp} takes about ten).
 *
 * <p>It is a {@link BatchNormalization} in every other respect: the same settings, the same parameters
 * ({@code gamma}, {@code beta}, {@code mean} and {@code log10stdev} or {@code var}), the same running-statistic
 * updates, the same JSON form apart from its class name. Like DL4J's layer it applies no activation function.
 * Dense (rank 2) input falls back to DL4J's implementation. Create one with
 * {@link NativeLayers#of(org.deeplearning4j.nn.conf.layers.Layer)}.
 */
public class NativeBatchNormalization extends BatchNormalization {

    /** For JSON deserialization; configure one with {@link NativeLayers#of} instead. */
    public NativeBatchNormalization() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNOutSet("NativeBatchNormalization", getLayerName(), layerIndex, getNOut());
        return LayerWiring.wire(new NativeBatchNormalizationImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public NativeBatchNormalization clone() {
        return (NativeBatchNormalization) super.clone();
    }
}
