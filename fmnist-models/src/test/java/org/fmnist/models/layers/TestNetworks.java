package org.fmnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The project's CNN built from DL4J's standard layers, and seeded test inputs for it. */
final class TestNetworks {

    static final int SIDE = 28;
    static final int CLASSES = 10;

    private TestNetworks() {
    }

    /**
     * conv3x3(32) -> [BN -> ReLU | ReLU] -> conv3x3(64) -> [BN -> ReLU | ReLU] -> pool 2x2/2 -> dense(128, ReLU)
     * -> softmax(10); with batch normalization the convolutions have identity activation, as DL4J's batch
     * normalization applies none itself.
     */
    static MultiLayerConfiguration cnn(boolean batchNorm, PoolingType pooling, CNN2DFormat format, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Nesterovs(0.01, 0.9))
                .weightInit(WeightInit.RELU)
                .list();
        Activation convActivation = batchNorm ? Activation.IDENTITY : Activation.RELU;
        for (int channels : new int[] {32, 64}) {
            list.layer(new ConvolutionLayer.Builder(3, 3).nOut(channels).dataFormat(format)
                    .activation(convActivation).build());
            if (batchNorm) {
                list.layer(new BatchNormalization.Builder().dataFormat(format).build());
                list.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            }
        }
        list.layer(new SubsamplingLayer.Builder(pooling).kernelSize(2, 2).stride(2, 2).dataFormat(format).build());
        list.layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build());
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                .activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutional(SIDE, SIDE, 1, format));
        return list.build();
    }

    /**
     * A gradient or parameter of {@code conf}'s network named {@code key} ("3_W"), for its {@link StandardTwin}: DL4J
     * flattens an NHWC activation in (height, width, channel) order, an NCHW one in (channel, height, width) order.
     */
    static INDArray nchwGradient(String key, INDArray gradient, MultiLayerConfiguration conf) {
        String[] parts = key.split("_", 2);
        InputPreProcessor p = conf.getInputPreProcess(Integer.parseInt(parts[0]));
        if (parts[1].equals("W") && p instanceof CnnToFeedForwardPreProcessor flatten
                && flatten.getFormat() == CNN2DFormat.NHWC) {
            return StandardTwin.nchwRows(gradient, flatten);
        }
        return gradient;
    }

    /** The same configuration with float64 parameters and activations. */
    static MultiLayerConfiguration inDouble(MultiLayerConfiguration conf) {
        MultiLayerConfiguration copy = conf.clone();
        copy.setDataType(DataType.DOUBLE);
        return copy;
    }

    /** Uniform [0, 1) images, shape [batch, 1, 28, 28] (NCHW) or [batch, 28, 28, 1] (NHWC). */
    static INDArray images(int batch, CNN2DFormat format, SplittableRandom rng) {
        return images(batch, SIDE, format, rng);
    }

    /** Uniform [0, 1) one-channel images, shape [batch, 1, side, side] (NCHW) or [batch, side, side, 1] (NHWC). */
    static INDArray images(int batch, int side, CNN2DFormat format, SplittableRandom rng) {
        float[] values = new float[batch * side * side];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.nextDouble();
        }
        long[] shape = format == CNN2DFormat.NHWC ? new long[] {batch, side, side, 1}
                : new long[] {batch, 1, side, side};
        return Nd4j.create(values, shape, 'c');
    }

    /** One-hot labels [batch, 10] drawn uniformly. */
    static INDArray labels(int batch, SplittableRandom rng) {
        return labels(batch, CLASSES, rng);
    }

    /** One-hot labels [batch, classes] drawn uniformly. */
    static INDArray labels(int batch, int classes, SplittableRandom rng) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, rng.nextInt(classes), 1.0);
        }
        return labels;
    }

    /** Values uniform in [low, high), same shape as {@code like}. */
    static INDArray uniform(INDArray like, double low, double high, SplittableRandom rng) {
        INDArray out = like.ulike();
        for (long i = 0; i < out.length(); i++) {
            out.putScalar(i, low + (high - low) * rng.nextDouble());
        }
        return out;
    }

    /**
     * The same parameter names in both, and each gradient of {@code actual} within {@code tolerance} of
     * {@code expected}'s ({@link #assertClose}).
     */
    static void assertGradientsClose(Gradient expected, Gradient actual, double tolerance) {
        Map<String, INDArray> gradients = actual.gradientForVariable();
        assertEquals(expected.gradientForVariable().keySet(), gradients.keySet());
        for (Map.Entry<String, INDArray> g : gradients.entrySet()) {
            assertClose("gradient " + g.getKey(), expected.getGradientFor(g.getKey()), g.getValue(), tolerance);
        }
    }

    /** Same shape, and the largest difference at most {@code tolerance} of max(largest magnitude, 1e-3). */
    static void assertClose(String what, INDArray expected, INDArray actual, double tolerance) {
        double error = relativeError(expected, actual, 1e-3);
        assertTrue(error <= tolerance, () -> what + ": relative difference " + error + ", limit " + tolerance);
    }

    /**
     * max |expected - actual| / max(max |expected|, {@code scaleFloor}), in float64, after asserting equal shapes.
     */
    static double relativeError(INDArray expected, INDArray actual, double scaleFloor) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), "shape");
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(e.amaxNumber().doubleValue(), scaleFloor);
        return e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale;
    }
}
