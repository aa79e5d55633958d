package org.fmnist.models.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-channel sums of a channels-last array as a product with a row of ones, which oneDNN's matrix multiply
 * streams through at memory speed; libnd4j's reductions over the leading axes of an NHWC array take several times
 * longer. Batch normalization's moments and gradients and the first convolution's bias gradient use them.
 */
final class ChannelSums {

    private ChannelSums() {
    }

    /** An NHWC array as rows [N * H * W, C] (a view of a contiguous row-major array, a copy otherwise). */
    static INDArray rows(INDArray nhwc) {
        long channels = nhwc.size(3);
        return nhwc.reshape('c', new long[] {nhwc.length() / channels, channels});
    }

    /** A [1, length] row of ones. */
    static INDArray onesRow(long length, DataType dataType, ArrayType arrayType, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.createUninitialized(arrayType, dataType, new long[] {1, length}, 'c').assign(1.0);
    }

    /** Writes the column sums of {@code rows} [M, C] into {@code sums} [1, C]: {@code ones} [1, M] times rows. */
    static INDArray columnSums(INDArray ones, INDArray rows, INDArray sums) {
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(ones, rows).addOutputs(sums).build());
        return sums;
    }
}
