package org.fmnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ChannelsLastPreProcessorTest {

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = {1, 3})
    void movesTheChannelAxisLastAndItsGradientBack(int channels) {
        INDArray nchw = Nd4j.arange(2.0 * channels * 3 * 4).castTo(DataType.FLOAT).reshape('c', 2, channels, 3, 4);
        ChannelsLastPreProcessor preProcessor = new ChannelsLastPreProcessor();

        INDArray nhwc = preProcessor.preProcess(nchw, 2, NO_WORKSPACES);

        assertArrayEquals(new long[] {2, 3, 4, channels}, nhwc.shape());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < channels; c++) {
                for (int h = 0; h < 3; h++) {
                    for (int w = 0; w < 4; w++) {
                        assertEquals(nchw.getFloat(n, c, h, w), nhwc.getFloat(n, h, w, c));
                    }
                }
            }
        }
        assertEquals(nchw, preProcessor.backprop(nhwc, 2, NO_WORKSPACES));
    }

    @Test
    void passesAMissingGradientThrough() {
        assertNull(new ChannelsLastPreProcessor().backprop(null, 4, NO_WORKSPACES));
    }

    @Test
    void outputTypeIsTheSameImageChannelsLast() {
        InputType type = new ChannelsLastPreProcessor().getOutputType(InputType.convolutional(28, 26, 3));

        assertEquals(InputType.convolutional(28, 26, 3, CNN2DFormat.NHWC), type);
    }

    @Test
    void rejectsInputThatIsNotNchwImages() {
        ChannelsLastPreProcessor preProcessor = new ChannelsLastPreProcessor();

        IllegalStateException type = assertThrows(IllegalStateException.class,
                () -> preProcessor.getOutputType(InputType.convolutional(28, 28, 1, CNN2DFormat.NHWC)));
        DL4JInvalidInputException rank = assertThrows(DL4JInvalidInputException.class,
                () -> preProcessor.preProcess(Nd4j.zeros(DataType.FLOAT, 2, 784), 2, NO_WORKSPACES));

        assertEquals("ChannelsLastPreProcessor expects NCHW convolutional input, was InputTypeConvolutional(h=28,w=28,"
                + "c=1,NHWC)", type.getMessage());
        assertEquals("ChannelsLastPreProcessor expects rank 4 input [N, C, H, W], was shape [2, 784]",
                rank.getMessage());
    }

    @Test
    void survivesTheJsonFormOfABuiltConfiguration() {
        MultiLayerConfiguration built = NetworkBuilder.configuration(Preset.REGULARIZED.spec());

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(built.toJson());

        assertEquals(new ChannelsLastPreProcessor(), restored.getInputPreProcess(0));
        assertEquals(built, restored);
    }
}
