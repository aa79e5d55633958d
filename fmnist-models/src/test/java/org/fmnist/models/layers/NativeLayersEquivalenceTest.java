package org.fmnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * On identical weights and inputs, a network of native layers computes what the same network of DL4J's standard
 * layers computes: inference outputs, training-mode activations of every layer, the loss, every parameter gradient
 * (weights, biases, batch-norm scale, shift and running statistics), the gradient with respect to the input, and the
 * parameters after one optimizer step.
 *
 * <p>The exact check is in float64: the native layers run the same Java code on float64 arrays (libnd4j's own
 * kernels instead of oneDNN's), and agree with DL4J's float64 layers to {@link #FLOAT64_TOLERANCE}. That is where a
 * defect of layout, bias or batch statistics shows, on any CPU.
 *
 * <p>In float32, the precision training runs in, forward values are compared tightly. Gradients are compared
 * loosely, because ReLU at zero and max pooling between equal inputs are kinks: where a pre-activation lies within
 * float32 rounding of one, two correct float32 implementations may take different sides and then differ by a whole
 * gradient term, whichever is the more accurate. Measured on this fixture with AVX2 kernels
 * ({@code ONEDNN_MAX_CPU_ISA=AVX2}): the native second batch norm's output was -6.4e-8 at one place where float64
 * gives +1.35e-6 and DL4J's float32 layers +1.30e-6, while the native float32 activations were closer to float64
 * overall (largest difference 7.1e-6 against 1.4e-5 for DL4J's float32 layers); the one flipped ReLU moved the
 * input gradient by 2.4e-2 of its scale and the second convolution's weight gradient by 1.6e-2. No tolerance that admits such a flip can also tell
 * rounding from a small defect, so float32 gradients only catch what is grossly wrong (order 1), and float64
 * catches the rest.
 */
class NativeLayersEquivalenceTest {

    /**
     * Float32 forward values, relative to max(largest magnitude, {@link #SCALE_FLOOR}). Measured: at most 2.8e-6, with
     * AVX-512 and with AVX2 kernels (float32 rounding of sums of a few hundred products).
     */
    private static final double FLOAT32_TOLERANCE = 1e-4;
    /**
     * Float32 gradients and parameters after a step. Measured: at most 5.3e-4 with AVX-512 kernels, and 2.4e-2 with
     * AVX2 kernels, where one kink is taken on the other side (see the class comment); a defect moves a gradient by
     * order 1.
     */
    private static final double FLOAT32_GRADIENT_TOLERANCE = 0.1;
    /** Everything in float64, same scale. Measured: at most 1.1e-11 (the parameters after a step), both kernels. */
    private static final double FLOAT64_TOLERANCE = 1e-9;
    /**
     * Smallest magnitude the tolerance is scaled by: a convolution bias that feeds batch normalization has a true
     * gradient of zero, which float32 reproduces only to about 2e-5.
     */
    private static final double SCALE_FLOOR = 0.1;
    private static final int BATCH = 8;
    private static final long SEED = 20240611L;

    @ParameterizedTest(name = "batchNorm={0}, {1} pooling, {2}")
    @CsvSource({"false, MAX, NCHW", "false, MAX, NHWC", "true, MAX, NCHW", "true, MAX, NHWC",
        "false, AVG, NCHW", "true, AVG, NHWC"})
    void forwardPassMatchesStandardLayers(boolean batchNorm, PoolingType pooling, CNN2DFormat format) {
        Fixture f = new Fixture(batchNorm, pooling, format);

        INDArray inference = f.fast.output(f.x, false);
        assertClose("inference output vs float32", f.standardFloat.output(f.x, false), inference, FLOAT32_TOLERANCE);
        assertClose("inference output vs float64", f.standardDouble.output(f.xd, false), inference,
                FLOAT32_TOLERANCE);
        assertClose("float64 inference output", f.standardDouble.output(f.xd, false), f.fastDouble.output(f.xd, false),
                FLOAT64_TOLERANCE);

        List<INDArray> actual = f.fast.feedForward(f.x, true);
        List<INDArray> actualDouble = f.fastDouble.feedForward(f.xd, true);
        List<INDArray> expectedFloat = f.standardFloat.feedForward(f.x, true);
        List<INDArray> expectedDouble = f.standardDouble.feedForward(f.xd, true);
        assertEquals(expectedFloat.size(), actual.size());
        for (int i = 0; i < actual.size(); i++) {
            String what = "training-mode activation " + i;
            assertClose(what + " vs float32", expectedFloat.get(i), actual.get(i), FLOAT32_TOLERANCE);
            assertClose(what + " vs float64", expectedDouble.get(i), actual.get(i), FLOAT32_TOLERANCE);
            assertClose(what + " in float64", expectedDouble.get(i), actualDouble.get(i), FLOAT64_TOLERANCE);
        }
    }

    @ParameterizedTest(name = "batchNorm={0}, {1} pooling, {2}")
    @CsvSource({"false, MAX, NCHW", "false, MAX, NHWC", "true, MAX, NCHW", "true, MAX, NHWC",
        "false, AVG, NCHW", "true, AVG, NHWC"})
    void gradientsAndTrainingStepMatchStandardLayersInFloat64(boolean batchNorm, PoolingType pooling,
            CNN2DFormat format) {
        Fixture f = new Fixture(batchNorm, pooling, format);
        assertGradientsAndTrainingStepMatch(f, f.fastDouble, f.standardDouble, f.xd, f.yd, FLOAT64_TOLERANCE);
    }

    @ParameterizedTest(name = "batchNorm={0}, {1} pooling, {2}")
    @CsvSource({"false, MAX, NCHW", "false, MAX, NHWC", "true, MAX, NCHW", "true, MAX, NHWC",
        "false, AVG, NCHW", "true, AVG, NHWC"})
    void gradientsAndTrainingStepMatchStandardLayersInFloat32(boolean batchNorm, PoolingType pooling,
            CNN2DFormat format) {
        Fixture f = new Fixture(batchNorm, pooling, format);
        assertGradientsAndTrainingStepMatch(f, f.fast, f.standardDouble, f.x, f.yd, FLOAT32_GRADIENT_TOLERANCE);
    }

    /**
     * The network {@link NetworkBuilder} makes (native layers, channels-last inside, NCHW input) computes what its
     * {@link StandardTwin} of DL4J's standard layers computes in an all-NCHW network (the dense layer's rows
     * reordered from DL4J's NHWC flattening order): the layout changes nothing but speed.
     */
    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"BASELINE", "BATCHNORM"})
    void builtNetworkMatchesItsStandardTwin(Preset preset) {
        Fixture f = new Fixture(NetworkBuilder.configuration(preset.spec()), preset.spec().network().batchNorm());
        assertFalse(f.inputGradient, "the built network's first convolution skips the input gradient");

        assertClose("inference output vs float32", f.standardFloat.output(f.x, false), f.fast.output(f.x, false),
                FLOAT32_TOLERANCE);
        assertClose("inference output vs float64", f.standardDouble.output(f.xd, false), f.fast.output(f.x, false),
                FLOAT32_TOLERANCE);
        assertGradientsAndTrainingStepMatch(f, f.fastDouble, f.standardDouble, f.xd, f.yd, FLOAT64_TOLERANCE);
        // A fresh fixture: the step above trained both networks.
        Fixture g = new Fixture(NetworkBuilder.configuration(preset.spec()), preset.spec().network().batchNorm());
        assertGradientsAndTrainingStepMatch(g, g.fast, g.standardDouble, g.x, g.yd, FLOAT32_GRADIENT_TOLERANCE);
    }

    /**
     * Gradients of {@code actualNet} on ({@code x}, labels) against those of {@code expectedNet}, a float64 standard
     * network of the fixture, then the loss and parameters after one step of each. Both networks are trained by it.
     */
    private static void assertGradientsAndTrainingStepMatch(Fixture f, MultiLayerNetwork actualNet,
            MultiLayerNetwork expectedNet, INDArray x, INDArray yd, double tolerance) {
        INDArray y = yd.castTo(x.dataType());
        Pair<Gradient, INDArray> actual = actualNet.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> expected = expectedNet.calculateGradients(f.xd, f.yd, null, null);
        Map<String, INDArray> actualGradients = actual.getFirst().gradientForVariable();
        assertEquals(expected.getFirst().gradientForVariable().keySet(), actualGradients.keySet());
        for (String key : actualGradients.keySet()) {
            assertClose("gradient " + key, expected.getFirst().getGradientFor(key),
                    f.toStandard(key, actualGradients.get(key)), tolerance);
        }
        if (f.inputGradient) {
            assertClose("input gradient", expected.getSecond(), actual.getSecond(), tolerance);
        } else {
            assertNull(actual.getSecond(), "input gradient of a network whose first layer skips it");
        }

        actualNet.fit(new DataSet(x, y));
        expectedNet.fit(new DataSet(f.xd, f.yd));
        assertEquals(expectedNet.score(), actualNet.score(), tolerance * Math.max(1.0, expectedNet.score()), "loss");
        // For batch normalization the parameters include the running mean and standard deviation.
        assertClose("parameters after one step", expectedNet.params(), f.standardParams(actualNet), tolerance);
    }

    /**
     * A network of native layers in float32 and in float64, and its standard twins in float32 and float64, all with
     * the same parameters; seeded data.
     */
    private static final class Fixture {
        final MultiLayerNetwork fast;
        final MultiLayerNetwork fastDouble;
        final MultiLayerNetwork standardFloat;
        final MultiLayerNetwork standardDouble;
        final INDArray x;
        final INDArray y;
        final INDArray xd;
        final INDArray yd;
        private final boolean nchwTwin;
        /** Whether the native network computes the gradient with respect to its input. */
        final boolean inputGradient;

        /** {@link TestNetworks#cnn} of native layers, and of DL4J's standard layers in the same format. */
        Fixture(boolean batchNorm, PoolingType pooling, CNN2DFormat format) {
            this(NativeLayers.replaceIn(TestNetworks.cnn(batchNorm, pooling, format, SEED)),
                    TestNetworks.cnn(batchNorm, pooling, format, SEED), batchNorm, format);
        }

        /** A network of native layers taking NCHW input, and its {@link StandardTwin}. */
        Fixture(MultiLayerConfiguration fastConf, boolean batchNorm) {
            this(fastConf, null, batchNorm, CNN2DFormat.NCHW);
        }

        private Fixture(MultiLayerConfiguration fastConf, MultiLayerConfiguration standardConf, boolean batchNorm,
                CNN2DFormat inputFormat) {
            this.nchwTwin = standardConf == null;
            this.inputGradient = !(fastConf.getConf(0).getLayer() instanceof NativeConvolutionLayer first)
                    || first.isInputGradient();
            SplittableRandom rng = new SplittableRandom(SEED);
            fast = new MultiLayerNetwork(fastConf);
            fast.init();
            if (batchNorm) {
                randomizeBatchNorm(fast, rng.split());
            }
            assertNativeWhereExpected(fast, batchNorm);
            fastDouble = new MultiLayerNetwork(TestNetworks.inDouble(fastConf));
            fastDouble.init(fast.params().castTo(DataType.DOUBLE), false);
            if (nchwTwin) {
                standardFloat = StandardTwin.of(fast);
                standardDouble = StandardTwin.of(fastDouble);
            } else {
                standardFloat = new MultiLayerNetwork(standardConf);
                standardFloat.init(fast.params().dup(), false);
                standardDouble = new MultiLayerNetwork(TestNetworks.inDouble(standardConf));
                standardDouble.init(fast.params().castTo(DataType.DOUBLE), false);
            }
            x = TestNetworks.images(BATCH, inputFormat, rng.split());
            y = TestNetworks.labels(BATCH, rng.split());
            xd = x.castTo(DataType.DOUBLE);
            yd = y.castTo(DataType.DOUBLE);
        }

        /** The parameters of one of the native networks, as the standard twins hold them. */
        INDArray standardParams(MultiLayerNetwork nativeNet) {
            return nchwTwin ? StandardTwin.of(nativeNet).params() : nativeNet.params();
        }

        /** A gradient of the native network, as the standard twins compute it. */
        INDArray toStandard(String key, INDArray gradient) {
            return nchwTwin ? TestNetworks.nchwGradient(key, gradient, fast.getLayerWiseConfigurations()) : gradient;
        }
    }

    /** Non-trivial scale, shift and running statistics, so that inference mode does more than pass through. */
    private static void randomizeBatchNorm(MultiLayerNetwork net, SplittableRandom rng) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof NativeBatchNormalizationImpl) {
                for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                    boolean scale = p.getKey().equals("gamma");
                    layer.setParam(p.getKey(), TestNetworks.uniform(p.getValue(), scale ? 0.5 : -0.5,
                            scale ? 1.5 : 0.5, rng.split()));
                }
            }
        }
    }

    /** Guards against comparing the standard layers with themselves. */
    private static void assertNativeWhereExpected(MultiLayerNetwork net, boolean batchNorm) {
        int convolutions = 0;
        int norms = 0;
        int activations = 0;
        int denses = 0;
        for (Layer layer : net.getLayers()) {
            convolutions += layer instanceof NativeConvolutionImpl ? 1 : 0;
            norms += layer instanceof NativeBatchNormalizationImpl ? 1 : 0;
            activations += layer instanceof NativeActivationImpl ? 1 : 0;
            denses += layer instanceof NativeDenseImpl ? 1 : 0;
        }
        assertEquals(2, convolutions, "native convolution layers");
        assertEquals(1, denses, "native dense layers");
        assertEquals(batchNorm ? 2 : 0, norms, "native batch-normalization layers");
        assertEquals(batchNorm ? 2 : 0, activations, "native activation layers");
    }

    private static void assertClose(String what, INDArray expected, INDArray actual, double tolerance) {
        double error = TestNetworks.relativeError(expected, actual, SCALE_FLOOR);
        assertTrue(error <= tolerance, () -> what + ": relative difference " + error + ", limit " + tolerance);
    }
}
