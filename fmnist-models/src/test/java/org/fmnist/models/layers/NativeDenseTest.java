package org.fmnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The native dense layer in settings the CNN does not use: without bias, with an activation that has to be
 * recomputed for backpropagation, with layer normalization (DL4J's implementation runs), after dropout. Outputs,
 * every gradient, the input gradient and one SGD step must equal those of DL4J's dense layer on the same weights
 * to float rounding (no ReLU kinks here, so a float32 reference suffices).
 */
class NativeDenseTest {

    private static final double TOLERANCE = 1e-5;
    private static final int BATCH = 6;

    /** Widths above and below the batch of 6: the forward product is taken in either order. */
    @ParameterizedTest(name = "bias={0}, {1}, layerNorm={2}, {3} units")
    @CsvSource({"true, TANH, false, 7", "false, TANH, false, 7", "true, IDENTITY, false, 7",
        "false, SIGMOID, true, 7", "true, TANH, false, 4", "false, IDENTITY, false, 6"})
    void matchesDl4jDenseLayer(boolean bias, Activation activation, boolean layerNorm, int units) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.FLOAT).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list();
        list.layer(new DenseLayer.Builder().nIn(13).nOut(units).hasBias(bias).hasLayerNorm(layerNorm)
                .activation(activation).biasInit(0.25).build());
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(units).nOut(3)
                .activation(Activation.IDENTITY).build());
        MultiLayerConfiguration standardConf = list.build();
        MultiLayerNetwork fast = new MultiLayerNetwork(NativeLayers.replaceIn(standardConf));
        fast.init();
        MultiLayerNetwork standard = new MultiLayerNetwork(standardConf);
        standard.init(fast.params().dup(), false);
        assertInstanceOf(NativeDenseImpl.class, fast.getLayer(0));
        SplittableRandom rng = new SplittableRandom(11);
        INDArray x = TestNetworks.uniform(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, BATCH, 13), -1, 1,
                rng.split());
        INDArray y = TestNetworks.uniform(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, BATCH, 3), -1, 1,
                rng.split());

        TestNetworks.assertClose("inference output", standard.output(x, false), fast.output(x, false), TOLERANCE);
        TestNetworks.assertClose("training output", standard.output(x, true), fast.output(x, true), TOLERANCE);
        Pair<Gradient, INDArray> expected = standard.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> actual = fast.calculateGradients(x, y, null, null);
        TestNetworks.assertGradientsClose(expected.getFirst(), actual.getFirst(), TOLERANCE);
        TestNetworks.assertClose("input gradient", expected.getSecond(), actual.getSecond(), TOLERANCE);

        standard.fit(new DataSet(x, y));
        fast.fit(new DataSet(x, y));
        TestNetworks.assertClose("parameters after one step", standard.params(), fast.params(), TOLERANCE);
    }
}
