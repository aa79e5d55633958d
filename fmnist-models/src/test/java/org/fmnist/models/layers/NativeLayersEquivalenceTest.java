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
 * On identical weights and inputs, a float32 network of native layers computes what the same network of DL4J's
 * standard layers computes: inference outputs, training-mode activations of every layer, the loss, every parameter
 * gradient (weights, biases, batch-norm scale, shift and running statistics), the gradient with respect to the
 * input, and the parameters after one optimizer step.
 *
 * <p>Two references are computed from DL4J's standard layers: in float32 (same rounding as the native layers)
 * and in float64 (close to exact). Forward values must match both. A gradient must match at least one of them:
 * ReLU at zero and max pooling between equal inputs are kinks, and where a pre-activation or a pooling window lies
 * within float32 rounding of one, two correct float32 implementations may take different sides and then differ
 * by a whole gradient term. A fixture of 8 images has a few such places (measured: the standard float32 layers
 * then differ from float64 by up to 4e-2 of the input gradient's scale), so one float32 reference alone would
 * test rounding luck. A real defect (layout, bias, batch statistics) is far outside the tolerance of both.
 */
class NativeLayersEquivalenceTest {

    /** Agreement required, relative to max(largest magnitude, {@link #SCALE_FLOOR}); measured: below 3e-4. */
    private static final double TOLERANCE = 1e-3;
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
        assertClose("inference output vs float32", f.standardFloat.output(f.x, false), inference);
        assertClose("inference output vs float64", f.standardDouble.output(f.xd, false), inference);

        List<INDArray> actual = f.fast.feedForward(f.x, true);
        List<INDArray> expectedFloat = f.standardFloat.feedForward(f.x, true);
        List<INDArray> expectedDouble = f.standardDouble.feedForward(f.xd, true);
        assertEquals(expectedFloat.size(), actual.size());
        for (int i = 0; i < actual.size(); i++) {
            assertClose("training-mode activation " + i + " vs float32", expectedFloat.get(i), actual.get(i));
            assertClose("training-mode activation " + i + " vs float64", expectedDouble.get(i), actual.get(i));
        }
    }

    @ParameterizedTest(name = "batchNorm={0}, {1} pooling, {2}")
    @CsvSource({"false, MAX, NCHW", "false, MAX, NHWC", "true, MAX, NCHW", "true, MAX, NHWC",
        "false, AVG, NCHW", "true, AVG, NHWC"})
    void gradientsAndTrainingStepMatchStandardLayers(boolean batchNorm, PoolingType pooling, CNN2DFormat format) {
        assertGradientsAndTrainingStepMatch(new Fixture(batchNorm, pooling, format));
    }

    /**
     * The network {@link NetworkBuilder} makes (native layers, channels-last inside, NCHW input) computes what
     * DL4J's standard layers compute in an all-NCHW network with the same parameters (the dense layer's rows
     * reordered from DL4J's NHWC flattening order): the layout changes nothing but speed.
     */
    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"BASELINE", "BATCHNORM"})
    void builtNetworkMatchesAnNchwNetworkOfStandardLayers(Preset preset) {
        MultiLayerConfiguration built = NetworkBuilder.configuration(preset.spec());
        Fixture f = new Fixture(built, NativeLayers.standardNchwIn(built), preset.spec().batchNorm());
        assertFalse(f.inputGradient, "the built network's first convolution skips the input gradient");

        assertClose("inference output vs float32", f.standardFloat.output(f.x, false), f.fast.output(f.x, false));
        assertClose("inference output vs float64", f.standardDouble.output(f.xd, false), f.fast.output(f.x, false));
        assertGradientsAndTrainingStepMatch(f);
    }

    private static void assertGradientsAndTrainingStepMatch(Fixture f) {
        Pair<Gradient, INDArray> actual = f.fast.calculateGradients(f.x, f.y, null, null);
        Pair<Gradient, INDArray> expectedFloat = f.standardFloat.calculateGradients(f.x, f.y, null, null);
        Pair<Gradient, INDArray> expectedDouble = f.standardDouble.calculateGradients(f.xd, f.yd, null, null);
        Map<String, INDArray> actualGradients = actual.getFirst().gradientForVariable();
        assertEquals(expectedDouble.getFirst().gradientForVariable().keySet(), actualGradients.keySet());
        for (String key : actualGradients.keySet()) {
            assertMatchesEither("gradient " + key, expectedFloat.getFirst().getGradientFor(key),
                    expectedDouble.getFirst().getGradientFor(key),
                    f.toStandard(key, actualGradients.get(key)));
        }
        if (f.inputGradient) {
            assertMatchesEither("input gradient", expectedFloat.getSecond(), expectedDouble.getSecond(),
                    actual.getSecond());
        } else {
            assertNull(actual.getSecond(), "input gradient of a network whose first layer skips it");
        }

        f.fast.fit(new DataSet(f.x, f.y));
        f.standardFloat.fit(new DataSet(f.x, f.y));
        f.standardDouble.fit(new DataSet(f.xd, f.yd));
        assertEquals(f.standardDouble.score(), f.fast.score(), TOLERANCE * Math.max(1.0, f.standardDouble.score()),
                "loss");
        // For batch normalization the parameters include the running mean and standard deviation.
        assertMatchesEither("parameters after one step", f.standardFloat.params(), f.standardDouble.params(),
                f.standardParams());
    }

    /** Native float32 network, its standard float32 and float64 twins with the same parameters, seeded data. */
    private static final class Fixture {
        final MultiLayerNetwork fast;
        final MultiLayerNetwork standardFloat;
        final MultiLayerNetwork standardDouble;
        final INDArray x;
        final INDArray y;
        final INDArray xd;
        final INDArray yd;
        private final boolean nchwTwin;
        /** Whether the native network computes the gradient with respect to its input. */
        final boolean inputGradient;

        Fixture(boolean batchNorm, PoolingType pooling, CNN2DFormat format) {
            this(NativeLayers.replaceIn(TestNetworks.cnn(batchNorm, pooling, format, SEED)),
                    TestNetworks.cnn(batchNorm, pooling, format, SEED), batchNorm, format, false);
        }

        /** A network of native layers taking NCHW input and its all-NCHW twin of standard layers. */
        Fixture(MultiLayerConfiguration fastConf, MultiLayerConfiguration nchwConf, boolean batchNorm) {
            this(fastConf, nchwConf, batchNorm, CNN2DFormat.NCHW, true);
        }

        private Fixture(MultiLayerConfiguration fastConf, MultiLayerConfiguration standardConf, boolean batchNorm,
                CNN2DFormat inputFormat, boolean nchwTwin) {
            this.nchwTwin = nchwTwin;
            this.inputGradient = !(fastConf.getConf(0).getLayer() instanceof NativeConvolutionLayer first)
                    || first.isInputGradient();
            SplittableRandom rng = new SplittableRandom(SEED);
            fast = new MultiLayerNetwork(fastConf);
            fast.init();
            if (batchNorm) {
                randomizeBatchNorm(fast, rng.split());
            }
            assertNativeWhereExpected(fast, batchNorm);
            standardFloat = new MultiLayerNetwork(standardConf);
            INDArray params = standardParams();
            standardFloat.init(params.dup(), false);
            standardDouble = new MultiLayerNetwork(TestNetworks.inDouble(standardConf));
            standardDouble.init(params.castTo(DataType.DOUBLE), false);
            x = TestNetworks.images(BATCH, inputFormat, rng.split());
            y = TestNetworks.labels(BATCH, rng.split());
            xd = x.castTo(DataType.DOUBLE);
            yd = y.castTo(DataType.DOUBLE);
        }

        /** The native network's parameters, as the standard twins hold them. */
        INDArray standardParams() {
            return nchwTwin ? TestNetworks.nchwParams(fast, fast.getLayerWiseConfigurations()) : fast.params();
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

    private static void assertMatchesEither(String what, INDArray expectedFloat, INDArray expectedDouble,
            INDArray actual) {
        double vsFloat = relativeError(expectedFloat, actual);
        double vsDouble = relativeError(expectedDouble, actual);
        assertTrue(Math.min(vsFloat, vsDouble) <= TOLERANCE, () -> what + ": relative difference " + vsFloat
                + " from the float32 reference and " + vsDouble + " from the float64 reference, limit " + TOLERANCE);
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        double error = relativeError(expected, actual);
        assertTrue(error <= TOLERANCE, () -> what + ": relative difference " + error + ", limit " + TOLERANCE);
    }

    /** max |expected - actual| / max(max |expected|, {@link #SCALE_FLOOR}), in float64. */
    private static double relativeError(INDArray expected, INDArray actual) {
        return TestNetworks.relativeError(expected, actual, SCALE_FLOOR);
    }
}
