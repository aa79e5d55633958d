package org.fmnist.models.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The backward pass of a channels-last convolution with one input channel (stride 1, no dilation, no padding) as
 * two matrix products: the first layer of an image network. With one input channel the image patches are only
 * {@code kH * kW} values per output position, so unfolding them costs little, and the products stream through
 * the output gradient once each. oneDNN's backward primitives for this shape run Winograd kernels on a blocked
 * layout instead, and the reordering into and out of it takes longer than the arithmetic.
 *
 * <p>Shapes: input {@code x} [N, H, W, 1], output gradient {@code delta} [N, OH, OW, C] with OH = H - kH + 1 and
 * OW = W - kW + 1, weights [C, 1, kH, kW] (DL4J's layout), bias [C].
 */
final class SingleChannelConvolution {

    private SingleChannelConvolution() {
    }

    /** Whether this path computes the backward pass of a convolution of these settings. */
    static boolean applies(boolean nhwc, long inChannels, int[] stride, int[] dilation, int[] pad, boolean same,
            INDArray... arrays) {
        if (!nhwc || inChannels != 1 || same || stride[0] != 1 || stride[1] != 1 || dilation[0] != 1
                || dilation[1] != 1 || pad[0] != 0 || pad[1] != 0) {
            return false;
        }
        for (INDArray array : arrays) {
            if (array.ordering() != 'c' || array.elementWiseStride() != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes dL/dW into {@code weightGrad} and, when it is not null, dL/db into {@code biasGrad}: one product of
     * the output gradient, as rows [N * OH * OW, C], with the unfolded patches [N * OH * OW, kH * kW], plus a
     * column of ones for the bias.
     */
    static void parameterGradients(INDArray x, INDArray delta, INDArray weightGrad, INDArray biasGrad,
            LayerWorkspaceMgr workspaceMgr) {
        int kH = (int) weightGrad.size(2);
        int kW = (int) weightGrad.size(3);
        long n = delta.size(0);
        long oh = delta.size(1);
        long ow = delta.size(2);
        long channels = delta.size(3);
        int taps = kH * kW;
        int columns = taps + (biasGrad == null ? 0 : 1);
        INDArray patches = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(),
                new long[] {n, oh, ow, columns}, 'c');
        INDArray image = x.reshape('c', new long[] {n, x.size(1), x.size(2)});
        for (int i = 0; i < kH; i++) {
            for (int j = 0; j < kW; j++) {
                column(patches, i * kW + j).assign(window(image, i, j, oh, ow));
            }
        }
        if (biasGrad != null) {
            column(patches, taps).assign(1.0);
        }
        INDArray rows = delta.reshape('c', new long[] {n * oh * ow, channels});
        INDArray gradients = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(),
                new long[] {channels, columns}, 'c');
        INDArray patchRows = patches.reshape('c', new long[] {n * oh * ow, columns});
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(rows, patchRows).addOutputs(gradients)
                .addIntegerArguments(1, 0).build());
        weightGrad.reshape('c', new long[] {channels, taps})
                .assign(gradients.get(NDArrayIndex.all(), NDArrayIndex.interval(0, taps)));
        if (biasGrad != null) {
            biasGrad.reshape('c', new long[] {channels})
                    .assign(gradients.get(NDArrayIndex.all(), NDArrayIndex.point(taps)));
        }
    }

    /**
     * Writes dL/dx into {@code inputGrad} [N, H, W, 1]: the output gradient times the weights gives each output
     * position's contribution to its kH x kW patch, [N * OH * OW, kH * kW]; the patches are then added up in place.
     */
    static void inputGradient(INDArray delta, INDArray weights, INDArray inputGrad, LayerWorkspaceMgr workspaceMgr) {
        int kH = (int) weights.size(2);
        int kW = (int) weights.size(3);
        long n = delta.size(0);
        long oh = delta.size(1);
        long ow = delta.size(2);
        long channels = delta.size(3);
        int taps = kH * kW;
        INDArray contributions = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                new long[] {n, oh, ow, taps}, 'c');
        Nd4j.exec(DynamicCustomOp.builder("matmul")
                .addInputs(delta.reshape('c', new long[] {n * oh * ow, channels}),
                        weights.reshape('c', new long[] {channels, taps}))
                .addOutputs(contributions.reshape('c', new long[] {n * oh * ow, taps})).build());
        INDArray image = inputGrad.reshape('c', new long[] {n, inputGrad.size(1), inputGrad.size(2)});
        image.assign(0.0);
        for (int i = 0; i < kH; i++) {
            for (int j = 0; j < kW; j++) {
                window(image, i, j, oh, ow).addi(column(contributions, i * kW + j));
            }
        }
    }

    /** The [N, OH, OW] view of {@code image} [N, H, W] whose corner is at (i, j). */
    private static INDArray window(INDArray image, int i, int j, long oh, long ow) {
        return image.get(NDArrayIndex.all(), NDArrayIndex.interval(i, i + oh), NDArrayIndex.interval(j, j + ow));
    }

    /** The [N, OH, OW] view of column {@code k} of a [N, OH, OW, K] array. */
    private static INDArray column(INDArray array, int k) {
        INDArrayIndex all = NDArrayIndex.all();
        return array.get(all, all, all, NDArrayIndex.point(k));
    }
}
