package org.fmnist.models.layers;

import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lets a network whose convolution layers work channels-last (NHWC) take channels-first (NCHW) images, so that
 * its input stays {@code [N, C, H, W]} like every DL4J iterator's: the images are handed on as
 * {@code [N, H, W, C]}, and the gradient back as {@code [N, C, H, W]}.
 *
 * <p>With one channel both layouts have the same memory order, and the conversion is a reshape without a copy.
 * oneDNN's convolutions work channels-last internally, so NHWC layers skip a reordering of every activation
 * before and after each convolution.
 */
public class ChannelsLastPreProcessor extends BaseInputPreProcessor {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 4) {
            throw new DL4JInvalidInputException("ChannelsLastPreProcessor expects rank 4 input [N, C, H, W], was shape "
                    + Arrays.toString(input.shape()));
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, reorder(input, 1, 0, 2, 3, 1));
    }

    /** The gradient back in NCHW; none (null) when the layer behind computed none. */
    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (output == null) {
            return null;
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, reorder(output, 3, 0, 3, 1, 2));
    }

    /**
     * The permuted array, row-major. Only the channel axis moves, so with one channel the memory order stays the
     * same and a contiguous array is reshaped instead of copied.
     */
    private static INDArray reorder(INDArray array, int channelAxis, int... permutation) {
        long[] shape = array.shape();
        long[] target = new long[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            target[i] = shape[permutation[i]];
        }
        if (shape[channelAxis] == 1 && array.ordering() == 'c' && array.elementWiseStride() == 1) {
            return array.reshape('c', target);
        }
        return array.permute(permutation).dup('c');
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional conv) || conv.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalStateException("ChannelsLastPreProcessor expects NCHW convolutional input, was "
                    + inputType);
        }
        return InputType.convolutional(conv.getHeight(), conv.getWidth(), conv.getChannels(), CNN2DFormat.NHWC);
    }

    @Override
    public ChannelsLastPreProcessor clone() {
        return new ChannelsLastPreProcessor();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelsLastPreProcessor;
    }

    @Override
    public int hashCode() {
        return ChannelsLastPreProcessor.class.hashCode();
    }

    @Override
    public String toString() {
        return "ChannelsLastPreProcessor()";
    }
}
