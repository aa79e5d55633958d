package org.fmnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** The two-product backward pass against libnd4j's {@code conv2d_bp} on the same channels-last arrays. */
class SingleChannelConvolutionTest {

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
    private static final int[] ONES = {1, 1};
    private static final int[] ZEROS = {0, 0};

    @ParameterizedTest(name = "kernel {0}x{1}, bias={2}")
    @CsvSource({"3, 3, true", "3, 3, false", "2, 4, true", "1, 1, true"})
    void gradientsEqualConv2dBp(int kH, int kW, boolean bias) {
        SplittableRandom rng = new SplittableRandom(kH * 10L + kW);
        int n = 3;
        int h = 7;
        int w = 6;
        int channels = 5;
        INDArray x = TestNetworks.uniform(Nd4j.zeros(DataType.FLOAT, n, h, w, 1), -1, 1, rng.split());
        INDArray weights = TestNetworks.uniform(Nd4j.zeros(DataType.FLOAT, channels, 1, kH, kW), -1, 1, rng.split());
        INDArray delta = TestNetworks.uniform(Nd4j.zeros(DataType.FLOAT, n, h - kH + 1, w - kW + 1, channels), -1, 1,
                rng.split());
        INDArray expectedInput = x.ulike();
        INDArray expectedWeights = weights.ulike();
        INDArray expectedBias = Nd4j.zeros(DataType.FLOAT, channels);
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp")
                .addIntegerArguments(kH, kW, 1, 1, 0, 0, 1, 1, 0, 1, 1);
        if (bias) {
            op.addInputs(x, weights, Nd4j.zeros(DataType.FLOAT, channels), delta)
                    .addOutputs(expectedInput, expectedWeights, expectedBias);
        } else {
            op.addInputs(x, weights, delta).addOutputs(expectedInput, expectedWeights);
        }
        Nd4j.exec(op.build());

        INDArray weightGrad = Nd4j.zeros(DataType.FLOAT, channels, 1, kH, kW);
        INDArray biasGrad = bias ? Nd4j.zeros(DataType.FLOAT, 1, channels) : null;
        INDArray inputGrad = Nd4j.valueArrayOf(x.shape(), 7f);
        SingleChannelConvolution.parameterGradients(x, delta, weightGrad, biasGrad, NO_WORKSPACES);
        SingleChannelConvolution.inputGradient(delta, weights, inputGrad, NO_WORKSPACES);

        assertClose(expectedWeights, weightGrad);
        assertClose(expectedInput, inputGrad);
        if (bias) {
            assertClose(expectedBias, biasGrad.reshape(channels));
        }
    }

    @Test
    void appliesOnlyToUnpaddedUnitStrideChannelsLastWithOneInputChannel() {
        INDArray contiguous = Nd4j.zeros(DataType.FLOAT, 2, 4, 4, 1);
        assertTrue(SingleChannelConvolution.applies(true, 1, ONES, ONES, ZEROS, false, contiguous));
        assertFalse(SingleChannelConvolution.applies(false, 1, ONES, ONES, ZEROS, false, contiguous), "NCHW");
        assertFalse(SingleChannelConvolution.applies(true, 3, ONES, ONES, ZEROS, false, contiguous), "3 channels");
        assertFalse(SingleChannelConvolution.applies(true, 1, new int[] {2, 2}, ONES, ZEROS, false, contiguous),
                "stride 2");
        assertFalse(SingleChannelConvolution.applies(true, 1, ONES, new int[] {2, 1}, ZEROS, false, contiguous),
                "dilation");
        assertFalse(SingleChannelConvolution.applies(true, 1, ONES, ONES, new int[] {1, 1}, false, contiguous),
                "padding");
        assertFalse(SingleChannelConvolution.applies(true, 1, ONES, ONES, ZEROS, true, contiguous), "same mode");
        assertFalse(SingleChannelConvolution.applies(true, 1, ONES, ONES, ZEROS, false,
                contiguous.permute(0, 2, 1, 3)), "a non-contiguous array");
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        double error = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber()
                .doubleValue();
        double scale = expected.amaxNumber().doubleValue();
        assertTrue(error <= 1e-5 * scale, () -> "difference " + error + " at scale " + scale);
    }
}
