package org.fmnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@link NativeDropout} is inverted dropout: values, keep rate, gradient mask, validation and JSON form. */
class NativeDropoutTest {

    private static final int N = 200_000;

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.75, 0.9})
    void keepsEachActivationWithProbabilityPAndScalesItByOneOverP(double p) {
        INDArray x = TestNetworks.uniform(Nd4j.create(DataType.FLOAT, N), 1.0, 2.0, new SplittableRandom(11));
        INDArray out = x.ulike();
        INDArray grad = TestNetworks.uniform(x, -1.0, 1.0, new SplittableRandom(12));
        INDArray gradIn = x.ulike();
        IDropout dropout = new NativeDropout(p);

        dropout.applyDropout(x, out, 0, 0, LayerWorkspaceMgr.noWorkspaces());
        dropout.backprop(grad, gradIn, 0, 0);

        float[] xs = x.toFloatVector();
        float[] outs = out.toFloatVector();
        float[] grads = grad.toFloatVector();
        float[] gradIns = gradIn.toFloatVector();
        int kept = 0;
        for (int i = 0; i < N; i++) {
            boolean keep = outs[i] != 0;
            kept += keep ? 1 : 0;
            // inputs are in [1, 2): a kept activation is never 0
            assertEquals(keep ? xs[i] / p : 0.0, outs[i], 1e-5, "activation " + i);
            assertEquals(keep ? grads[i] / p : 0.0, gradIns[i], 1e-5, "gradient " + i);
        }
        double sigma = Math.sqrt(N * p * (1 - p));
        assertTrue(Math.abs(kept - N * p) < 5 * sigma, "kept " + kept + " of " + N + " at p = " + p);
    }

    @Test
    void aDropoutLayerMasksItsActivationsAndTheirGradientWithOneMaskAndLeavesItsInputAlone() {
        double p = 0.6;
        MultiLayerConfiguration conf = NativeLayers.replaceIn(new NeuralNetConfiguration.Builder().list()
                .layer(new DropoutLayer.Builder(new Dropout(p)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(1000))
                .build());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Layer layer = net.getLayer(0);
        assertInstanceOf(NativeDropoutLayerImpl.class, layer);
        INDArray x = TestNetworks.uniform(Nd4j.create(DataType.FLOAT, 20, 1000), 1.0, 2.0, new SplittableRandom(3));
        INDArray xBefore = x.dup();
        INDArray grad = TestNetworks.uniform(x.ulike(), -1.0, 1.0, new SplittableRandom(4));
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

        layer.setInput(x, mgr);
        float[] outs = layer.activate(true, mgr).reshape(-1).toFloatVector();
        float[] gradIns = layer.backpropGradient(grad, mgr).getSecond().reshape(-1).toFloatVector();

        assertEquals(xBefore, x, "the input is not overwritten");
        float[] xs = x.reshape(-1).toFloatVector();
        float[] grads = grad.reshape(-1).toFloatVector();
        int kept = 0;
        for (int i = 0; i < xs.length; i++) {
            boolean keep = outs[i] != 0;
            kept += keep ? 1 : 0;
            assertEquals(keep ? xs[i] / p : 0.0, outs[i], 1e-5, "activation " + i);
            assertEquals(keep ? grads[i] / p : 0.0, gradIns[i], 1e-5, "gradient " + i);
        }
        assertTrue(kept > 0 && kept < xs.length, "kept " + kept + " of " + xs.length);
        layer.setInput(x, mgr);
        assertEquals(x, layer.activate(false, mgr), "inference passes the input through");
    }

    @Test
    void backpropWithoutMaskIsAnError() {
        NativeDropout dropout = new NativeDropout(0.5);
        INDArray g = Nd4j.ones(DataType.FLOAT, 4);
        assertThrows(IllegalStateException.class, () -> dropout.backprop(g, g.ulike(), 0, 0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, 1.5, Double.NaN})
    void rejectsProbabilityOutsideZeroOne(double p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NativeDropout(p));
        assertTrue(e.getMessage().contains("was " + p), e.getMessage());
    }

    @Test
    void survivesJsonRoundTripInANetworkConfiguration() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DropoutLayer.Builder(new NativeDropout(0.7)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5))
                .build();

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());

        assertEquals(new NativeDropout(0.7), restored.getConf(0).getLayer().getIDropout());
        assertEquals(conf, restored);
    }
}
