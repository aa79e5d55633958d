package org.fmnist.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully connected layer configuration whose implementation multiplies with ND4J's native {@code matmul}
 * operation into row-major arrays, which the {@code *-onednn-*} CPU builds run on oneDNN.
 *
 * <p>DL4J's own dense layer multiplies into column-major arrays through the BLAS library (OpenBLAS on the CPU).
 * The result is the same, but OpenBLAS keeps its worker threads spinning for a while after every
 * multi-threaded call, and on a machine with few cores they then compete with the threads of the next
 * convolution: with them out of the training step the baseline CNN trains about a quarter faster on 2 cores
 * (see {@code bench/vs-pytorch}).
 *
 * <p>It is a {@link DenseLayer} in every other respect: the same settings, the same parameters ({@code W} of shape
 * [in, out] and {@code b} of shape [1, out]), the same JSON form apart from its class name, and numerically the
 * same outputs and gradients within float tolerance. Create one with
 * {@link NativeLayers#of(org.deeplearning4j.nn.conf.layers.Layer)} from a configured {@link DenseLayer}.
 */
public class NativeDenseLayer extends DenseLayer {

    /** For JSON deserialization; configure one with {@link NativeLayers#of} instead. */
    public NativeDenseLayer() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("NativeDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new NativeDenseImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public NativeDenseLayer clone() {
        return (NativeDenseLayer) super.clone();
    }
}
