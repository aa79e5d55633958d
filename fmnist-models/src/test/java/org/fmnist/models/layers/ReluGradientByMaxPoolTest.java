package org.fmnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The hand-over of a ReLU's gradient to the max-pooling layer after it ({@link NativeSubsamplingLayer},
 * {@link ReluBeforeMaxPool}): where {@link NativeLayers#replaceIn} makes it, and that it changes no number.
 */
class ReluGradientByMaxPoolTest {

    private static final long SEED = 41L;
    /** 11x11 images: a 3x3 convolution gives 9x9, which 2x2 pooling truncates to 4x4. */
    private static final int SIDE = 11;
    private static final int CLASSES = 3;
    private static final int BATCH = 6;

    @Test
    void presetsHandTheGradientOfTheReluBeforeThePoolToThePool() {
        MultiLayerConfiguration baseline = NetworkBuilder.configuration(Preset.BASELINE.spec());
        assertFalse(handsOver(baseline, 0), "conv1 is followed by conv2");
        assertTrue(handsOver(baseline, 1), "conv2, ReLU, then pool1");
        assertTrue(poolApplies(baseline, 2));

        MultiLayerConfiguration regularized = NetworkBuilder.configuration(Preset.REGULARIZED.spec());
        assertEquals("relu1", regularized.getConf(2).getLayer().getLayerName());
        assertFalse(handsOver(regularized, 2), "relu1 is followed by dropout");
        assertEquals("relu2", regularized.getConf(6).getLayer().getLayerName());
        assertTrue(handsOver(regularized, 6), "relu2, then pool1");
        assertTrue(poolApplies(regularized, 7));
    }

    @Test
    void plainReluBeforeNonOverlappingMaxPoolIsPaired() {
        MultiLayerConfiguration conf = NativeLayers.replaceIn(convThenPool(Activation.RELU, b -> b));
        assertTrue(handsOver(conf, 0));
        assertTrue(poolApplies(conf, 1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"average pooling", "overlapping windows", "padding", "same mode", "dilation",
        "leaky ReLU", "capped ReLU", "identity", "dropout on the pool"})
    void otherPairsAreLeftAlone(String variant) {
        MultiLayerConfiguration standard = switch (variant) {
            case "average pooling" -> convThenPool(Activation.RELU, b -> b.poolingType(PoolingType.AVG));
            case "overlapping windows" -> convThenPool(Activation.RELU, b -> b.kernelSize(3, 3).stride(2, 2));
            case "padding" -> convThenPool(Activation.RELU, b -> b.padding(1, 1));
            case "same mode" -> convThenPool(Activation.RELU, b -> b.convolutionMode(ConvolutionMode.Same));
            case "dilation" -> convThenPool(Activation.RELU, b -> b.dilation(2, 2));
            case "leaky ReLU" -> convThenPool(Activation.LEAKYRELU, b -> b);
            case "capped ReLU" -> convThenPool(Activation.RELU6, b -> b);
            case "identity" -> convThenPool(Activation.IDENTITY, b -> b);
            case "dropout on the pool" -> convThenPool(Activation.RELU, b -> b.dropOut(0.5));
            default -> throw new IllegalArgumentException(variant);
        };

        MultiLayerConfiguration conf = NativeLayers.replaceIn(standard);

        assertInstanceOf(NativeSubsamplingLayer.class, conf.getConf(1).getLayer());
        assertFalse(handsOver(conf, 0));
        assertFalse(poolApplies(conf, 1));
    }

    @Test
    void standardInDropsTheSettingsAndJsonKeepsThem() {
        MultiLayerConfiguration standard = convThenPool(Activation.RELU, b -> b);
        MultiLayerConfiguration conf = NativeLayers.replaceIn(standard);

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());
        assertTrue(handsOver(restored, 0));
        assertTrue(poolApplies(restored, 1));
        assertEquals(conf.toJson(), restored.toJson());

        MultiLayerConfiguration back = NativeLayers.standardIn(conf);
        assertEquals(SubsamplingLayer.class, back.getConf(1).getLayer().getClass());
        assertEquals(standard.toJson(), back.toJson());
    }

    /**
     * With and without the hand-over, on fixed parameters and inputs (including windows that truncation drops and
     * windows of zeros), outputs, every gradient, the input gradient and the parameters after a training step are
     * the same to the bit.
     */
    @ParameterizedTest(name = "batchNorm={0}")
    @ValueSource(booleans = {false, true})
    void handingOverChangesNoNumber(boolean batchNorm) {
        MultiLayerConfiguration standard = smallCnn(batchNorm);
        MultiLayerConfiguration paired = NativeLayers.replaceIn(standard);
        int relu = batchNorm ? 2 : 0;
        assertTrue(handsOver(paired, relu), "the test needs a pair");
        MultiLayerConfiguration unpaired = paired.clone();
        ((ReluBeforeMaxPool) unpaired.getConf(relu).getLayer()).setReluGradientByNextLayer(false);
        ((NativeSubsamplingLayer) unpaired.getConf(relu + 1).getLayer()).setAppliesReluGradient(false);

        MultiLayerNetwork fused = new MultiLayerNetwork(paired);
        fused.init();
        MultiLayerNetwork plain = new MultiLayerNetwork(unpaired);
        plain.init(fused.params().dup(), false);
        SplittableRandom rng = new SplittableRandom(SEED);
        INDArray x = TestNetworks.images(BATCH, SIDE, CNN2DFormat.NHWC, rng.split());
        INDArray y = TestNetworks.labels(BATCH, CLASSES, rng.split());

        assertExactlyEqual("inference output", plain.output(x, false), fused.output(x, false));
        Pair<Gradient, INDArray> expected = plain.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> actual = fused.calculateGradients(x, y, null, null);
        TestNetworks.assertGradientsClose(expected.getFirst(), actual.getFirst(), 0.0);
        assertExactlyEqual("input gradient", expected.getSecond(), actual.getSecond());
        INDArray convGradient = actual.getFirst().getGradientFor("0_W");
        assertTrue(convGradient.amaxNumber().doubleValue() > 0, "a gradient that reaches the first layer");

        plain.fit(new DataSet(x, y));
        fused.fit(new DataSet(x, y));
        assertExactlyEqual("parameters after one step", plain.params(), fused.params());
    }

    /**
     * The pooling layer's backward pass on its own, after a training-mode forward pass (the pooled output kept) and
     * after an inference-mode one (nothing kept): both give each window's gradient to the position of its maximum
     * when that maximum is positive, and nothing anywhere else.
     */
    @ParameterizedTest(name = "training-mode forward pass: {0}")
    @ValueSource(booleans = {true, false})
    void poolingBackwardAppliesTheReluGradient(boolean trainingForward) {
        MultiLayerNetwork net = new MultiLayerNetwork(NativeLayers.replaceIn(convThenPool(Activation.RELU, b -> b)));
        net.init();
        org.deeplearning4j.nn.api.Layer pool = net.getLayer(1);
        assertInstanceOf(NativeSubsamplingImpl.class, pool);
        SplittableRandom rng = new SplittableRandom(SEED);
        // A ReLU output, NHWC [2, 5, 5, 3], with every value of some windows zero.
        float[] in = new float[2 * 5 * 5 * 3];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) Math.max(0, rng.nextGaussian() - 0.3);
        }
        INDArray input = Nd4j.create(in, new long[] {2, 5, 5, 3}, 'c');
        float[] e = new float[2 * 2 * 2 * 3];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) rng.nextGaussian();
        }
        INDArray epsilon = Nd4j.create(e, new long[] {2, 2, 2, 3}, 'c');
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();

        pool.setInput(input, noWorkspaces);
        pool.activate(trainingForward, noWorkspaces);
        INDArray actual = pool.backpropGradient(epsilon, noWorkspaces).getSecond();

        float[] expected = new float[in.length];
        int zeroWindows = 0;
        for (int n = 0; n < 2; n++) {
            for (int oh = 0; oh < 2; oh++) {
                for (int ow = 0; ow < 2; ow++) {
                    for (int c = 0; c < 3; c++) {
                        int best = -1;
                        for (int kh = 0; kh < 2; kh++) {
                            for (int kw = 0; kw < 2; kw++) {
                                int at = ((n * 5 + oh * 2 + kh) * 5 + ow * 2 + kw) * 3 + c;
                                best = best < 0 || in[at] > in[best] ? at : best;
                            }
                        }
                        if (in[best] > 0) {
                            expected[best] = e[((n * 2 + oh) * 2 + ow) * 3 + c];
                        } else {
                            zeroWindows++;
                        }
                    }
                }
            }
        }
        assertTrue(zeroWindows > 0, "the input has windows of zeros");
        assertExactlyEqual("input gradient", Nd4j.create(expected, new long[] {2, 5, 5, 3}, 'c'), actual);
    }

    private static boolean handsOver(MultiLayerConfiguration conf, int layer) {
        return conf.getConf(layer).getLayer() instanceof ReluBeforeMaxPool relu && relu.isReluGradientByNextLayer();
    }

    private static boolean poolApplies(MultiLayerConfiguration conf, int layer) {
        return conf.getConf(layer).getLayer() instanceof NativeSubsamplingLayer pool && pool.isAppliesReluGradient();
    }

    private static void assertExactlyEqual(String what, INDArray expected, INDArray actual) {
        TestNetworks.assertClose(what, expected, actual, 0.0);
    }

    /** conv 2x2 (3 channels, {@code activation}) on 5x5x1 NHWC, then 2x2/2 max pooling as {@code pool} leaves it. */
    private static MultiLayerConfiguration convThenPool(Activation activation,
            UnaryOperator<SubsamplingLayer.Builder> pool) {
        return new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).padding(1, 1).dataFormat(CNN2DFormat.NHWC)
                        .activation(activation).build())
                .layer(pool.apply(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(CNN2DFormat.NHWC)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(4, 4, 1, CNN2DFormat.NHWC))
                .build();
    }

    /** conv 3x3 (8) -> [BN -> ReLU layer | ReLU] -> max pool 2x2/2 -> dense(16, ReLU) -> softmax(3), NHWC. */
    private static MultiLayerConfiguration smallCnn(boolean batchNorm) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(SEED)
                .dataType(DataType.FLOAT).updater(new Adam(1e-2)).weightInit(WeightInit.RELU).list();
        list.layer(new ConvolutionLayer.Builder(3, 3).nOut(8).dataFormat(CNN2DFormat.NHWC)
                .activation(batchNorm ? Activation.IDENTITY : Activation.RELU).build());
        if (batchNorm) {
            list.layer(new BatchNormalization.Builder().dataFormat(CNN2DFormat.NHWC).build());
            list.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        }
        list.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .dataFormat(CNN2DFormat.NHWC).build());
        list.layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build());
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                .activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutional(SIDE, SIDE, 1, CNN2DFormat.NHWC));
        return list.build();
    }

    @Test
    void aHalfPairIsRefusedNamingTheLayer() {
        MultiLayerConfiguration paired = NetworkBuilder.configuration(Preset.of("baseline").spec());
        NativeLayers.checkReluPairs(paired);
        int pool = -1;
        for (int i = 0; i < paired.getConfs().size(); i++) {
            if (paired.getConf(i).getLayer() instanceof NativeSubsamplingLayer p && p.isAppliesReluGradient()) {
                pool = i;
            }
        }
        assertTrue(pool > 0, "the baseline pairs its second convolution's ReLU with the pooling after it");

        MultiLayerConfiguration reluOnly = paired.clone();
        ((NativeSubsamplingLayer) reluOnly.getConf(pool).getLayer()).setAppliesReluGradient(false);
        IllegalArgumentException lost = assertThrows(IllegalArgumentException.class,
                () -> NativeLayers.checkReluPairs(reluOnly));
        assertTrue(lost.getMessage().startsWith("layer " + (pool - 1) + " ("), lost.getMessage());
        assertTrue(lost.getMessage().endsWith("its ReLU's gradient would be lost"), lost.getMessage());

        MultiLayerConfiguration poolOnly = paired.clone();
        ((ReluBeforeMaxPool) poolOnly.getConf(pool - 1).getLayer()).setReluGradientByNextLayer(false);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> NativeLayers.checkReluPairs(poolOnly));
        assertTrue(twice.getMessage().startsWith("layer " + pool + " ("), twice.getMessage());
    }
}
