package org.fmnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A first convolution set to compute no input gradient: its weight and bias gradients (one forward convolution
 * with stride and dilation 1, the full backward pass otherwise) and one SGD step must equal those of DL4J's own
 * convolution layer on the same weights, and it must return no input gradient. Tanh, so no ReLU kinks: a float32
 * reference suffices.
 */
class NativeConvolutionWithoutInputGradientTest {

    private static final double TOLERANCE = 1e-4;
    private static final int BATCH = 5;
    private static final int SIDE = 9;

    @ParameterizedTest(name = "{0}, {1} channels, padding {2}, stride {3}, bias={4}")
    @CsvSource({"NHWC, 1, 0, 1, true", "NHWC, 3, 0, 1, true", "NHWC, 3, 1, 1, false", "NHWC, 1, 1, 1, true",
        "NCHW, 1, 0, 1, true", "NCHW, 3, 1, 1, true", "NHWC, 3, 0, 2, true", "NCHW, 2, 1, 2, false"})
    void parameterGradientsMatchDl4jAndNoInputGradientComesBack(CNN2DFormat format, int channels, int padding,
            int stride, boolean bias) {
        MultiLayerConfiguration standardConf = network(format, channels, padding, stride, bias);
        MultiLayerConfiguration conf = NativeLayers.withoutInputGradient(NativeLayers.replaceIn(standardConf));
        assertFalse(((NativeConvolutionLayer) conf.getConf(0).getLayer()).isInputGradient());
        MultiLayerNetwork fast = new MultiLayerNetwork(conf);
        fast.init();
        assertInstanceOf(NativeConvolutionImpl.class, fast.getLayer(0));
        MultiLayerNetwork standard = new MultiLayerNetwork(standardConf);
        standard.init(fast.params().dup(), false);

        SplittableRandom rng = new SplittableRandom(7);
        long[] shape = format == CNN2DFormat.NHWC ? new long[] {BATCH, SIDE, SIDE, channels}
                : new long[] {BATCH, channels, SIDE, SIDE};
        INDArray x = TestNetworks.uniform(Nd4j.zeros(DataType.FLOAT, shape), -1, 1, rng.split());
        INDArray y = TestNetworks.uniform(Nd4j.zeros(DataType.FLOAT, BATCH, 3), -1, 1, rng.split());

        Pair<Gradient, INDArray> expected = standard.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> actual = fast.calculateGradients(x, y, null, null);
        TestNetworks.assertGradientsClose(expected.getFirst(), actual.getFirst(), TOLERANCE);
        assertNull(actual.getSecond(), "input gradient");

        standard.fit(new DataSet(x, y));
        fast.fit(new DataSet(x, y));
        TestNetworks.assertClose("parameters after one step", standard.params(), fast.params(), TOLERANCE);
    }

    @Test
    void theSettingSurvivesJsonAndStaysOutOfDl4jsLayer() {
        MultiLayerConfiguration conf = NativeLayers.withoutInputGradient(
                NativeLayers.replaceIn(network(CNN2DFormat.NHWC, 1, 0, 1, true)));
        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(conf.toJson());
        assertFalse(((NativeConvolutionLayer) read.getConf(0).getLayer()).isInputGradient());
        assertEquals(conf, read);

        MultiLayerConfiguration standard = NativeLayers.standardIn(conf);
        assertEquals(ConvolutionLayer.class, standard.getConf(0).getLayer().getClass());
        assertFalse(standard.toJson().contains(NativeConvolutionLayer.INPUT_GRADIENT));
        assertTrue(((NativeConvolutionLayer) NativeLayers.replaceIn(standard).getConf(0).getLayer())
                .isInputGradient(), "a twin computes the input gradient unless told otherwise");
    }

    private static MultiLayerConfiguration network(CNN2DFormat format, int channels, int padding, int stride,
            boolean bias) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list();
        list.layer(new ConvolutionLayer.Builder(3, 3).nOut(4).stride(stride, stride).padding(padding, padding)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(format).hasBias(bias).biasInit(0.25)
                .activation(Activation.TANH).build());
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.IDENTITY)
                .build());
        return list.setInputType(InputType.convolutional(SIDE, SIDE, channels, format)).build();
    }
}
