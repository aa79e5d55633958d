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
        Sizes z = new Sizes(weightGrad, delta);
        int columns = z.taps() + (biasGrad == null ? 0 : 1);
        INDArray patches = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(),
                new long[] {z.n(), z.oh(), z.ow(), columns}, 'c');
        INDArray image = x.reshape('c', new long[] {z.n(), x.size(1), x.size(2)});
        for (int i = 0; i < z.kH(); i++) {
            for (int j = 0; j < z.kW(); j++) {
                column(patches, i * z.kW() + j).assign(z.window(image, i, j));
            }
        }
        if (biasGrad != null) {
            column(patches, z.taps()).assign(1.0);
        }
        INDArray gradients = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(),
                new long[] {z.channels(), columns}, 'c');
        Nd4j.exec(DynamicCustomOp.builder("matmul")
                .addInputs(z.rows(delta, z.channels()), z.rows(patches, columns)).addOutputs(gradients)
                .addIntegerArguments(1, 0).build());
        weightGrad.reshape('c', new long[] {z.channels(), z.taps()})
                .assign(gradients.get(NDArrayIndex.all(), NDArrayIndex.interval(0, z.taps())));
        if (biasGrad != null) {
            biasGrad.reshape('c', new long[] {z.channels()})
                    .assign(gradients.get(NDArrayIndex.all(), NDArrayIndex.point(z.taps())));
        }
    }

    /**
     * Writes dL/dx into {@code inputGrad} [N, H, W, 1]: the output gradient times the weights gives each output
     * position's contribution to its kH x kW patch, [N * OH * OW, kH * kW]; the patches are then added up in place.
     */
    static void inputGradient(INDArray delta, INDArray weights, INDArray inputGrad, LayerWorkspaceMgr workspaceMgr) {
        Sizes z = new Sizes(weights, delta);
        INDArray contributions = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                new long[] {z.n(), z.oh(), z.ow(), z.taps()}, 'c');
        Nd4j.exec(DynamicCustomOp.builder("matmul")
                .addInputs(z.rows(delta, z.channels()), weights.reshape('c', new long[] {z.channels(), z.taps()}))
                .addOutputs(z.rows(contributions, z.taps())).build());
        INDArray image = inputGrad.reshape('c', new long[] {z.n(), inputGrad.size(1), inputGrad.size(2)});
        image.assign(0.0);
        for (int i = 0; i < z.kH(); i++) {
            for (int j = 0; j < z.kW(); j++) {
                z.window(image, i, j).addi(column(contributions, i * z.kW() + j));
            }
        }
    }

    /** Kernel size from a [C, 1, kH, kW] weight-shaped array, batch, output size and channels from the gradient. */
    private record Sizes(int kH, int kW, long n, long oh, long ow, long channels) {
        Sizes(INDArray weightShaped, INDArray delta) {
            this((int) weightShaped.size(2), (int) weightShaped.size(3), delta.size(0), delta.size(1), delta.size(2),
                    delta.size(3));
        }

        int taps() {
            return kH * kW;
        }

        /** A row-major [N, OH, OW, K] array as rows [N * OH * OW, K]. */
        INDArray rows(INDArray array, long k) {
            return array.reshape('c', new long[] {n * oh * ow, k});
        }

        /** The [N, OH, OW] view of {@code image} [N, H, W] whose corner is at (i, j). */
        INDArray window(INDArray image, int i, int j) {
            return image.get(NDArrayIndex.all(), NDArrayIndex.interval(i, i + oh), NDArrayIndex.interval(j, j + ow));
        }
    }

    /** The [N, OH, OW] view of column {@code k} of a [N, OH, OW, K] array. */
    private static INDArray column(INDArray array, int k) {
        INDArrayIndex all = NDArrayIndex.all();
        return array.get(all, all, all, NDArrayIndex.point(k));
    }
}
