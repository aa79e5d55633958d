package org.fmnist.models;

import java.util.List;
import java.util.Objects;

import org.deeplearning4j.nn.weights.WeightInit;

/**
 * The network of one CNN of the study: its layers, the regularization built into them, and how its weights
 * start.
 *
 * <p>The network is always: for each {@link ConvBlock}, its convolutions (each followed by batch normalization
 * when {@code batchNorm} is on, then ReLU), an optional 2x2 max-pool, then dropout when {@code dropout > 0}; then
 * for each entry of {@code denseUnits} a ReLU dense layer followed by dropout when {@code dropout > 0}; then a
 * {@value #CLASSES}-way softmax output trained on cross-entropy. Input is one {@value #IMAGE_SIZE}x{@value
 * #IMAGE_SIZE} channel, NCHW. A switch is off at its zero value.
 *
 * @param convBlocks  the convolutional blocks, in order; at least one
 * @param kernelSize  side of every convolution's square kernel, in pixels; at least 1
 * @param samePadding true to zero-pad each convolution so it keeps the spatial size ("same"); false for no
 *                    padding ("valid"), which shrinks each side by {@code kernelSize - 1}
 * @param denseUnits  widths of the ReLU dense layers between the last block and the output; may be empty, each
 *                    at least 1
 * @param batchNorm   batch normalization after each convolution, before its ReLU
 * @param dropout     dropout rate (probability of zeroing an activation) after each convolutional block and
 *                    after each dense layer; in [0, 1), 0 = off
 * @param l1          L1 coefficient on the weights (not biases) of every convolution, dense and output layer:
 *                    adds {@code l1 * sum|w|} to the loss; at least 0, 0 = off
 * @param l2          L2 coefficient on the same weights: adds {@code l2 / 2 * sum w^2} to the loss, so
 *                    {@code l2 * w} to each weight's gradient, which is what PyTorch's SGD {@code weight_decay}
 *                    does; at least 0, 0 = off
 * @param weightInit  the initialization of every weight (biases start at 0); any DL4J scheme except
 *                    {@code DISTRIBUTION}, which needs a distribution this specification does not carry
 */
public record NetworkSpec(
        List<ConvBlock> convBlocks,
        int kernelSize,
        boolean samePadding,
        List<Integer> denseUnits,
        boolean batchNorm,
        double dropout,
        double l1,
        double l2,
        WeightInit weightInit) {

    /** Side of a Fashion-MNIST image, in pixels. */
    public static final int IMAGE_SIZE = 28;
    /** Number of Fashion-MNIST classes, the width of the output layer. */
    public static final int CLASSES = 10;

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException naming the setting and its value, if one is out of range, or if the
     *                                  convolutions and pools shrink the 28x28 input to nothing
     * @throws NullPointerException     naming the setting, if a reference component is null
     */
    public NetworkSpec {
        Objects.requireNonNull(convBlocks, "convBlocks must not be null");
        convBlocks = List.copyOf(convBlocks);
        if (convBlocks.isEmpty()) {
            throw new IllegalArgumentException("convBlocks must hold at least one block, was []");
        }
        if (kernelSize < 1) {
            throw new IllegalArgumentException("kernelSize must be >= 1, was " + kernelSize);
        }
        Objects.requireNonNull(denseUnits, "denseUnits must not be null");
        denseUnits = List.copyOf(denseUnits);
        for (int units : denseUnits) {
            if (units < 1) {
                throw new IllegalArgumentException("denseUnits must each be >= 1, was " + denseUnits);
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        requireCoefficient("l1", l1);
        requireCoefficient("l2", l2);
        Objects.requireNonNull(weightInit, "weightInit must not be null");
        if (weightInit == WeightInit.DISTRIBUTION) {
            throw new IllegalArgumentException(
                    "weightInit must name a scheme that needs no distribution, was " + weightInit);
        }
        finalFeatureSize(convBlocks, kernelSize, samePadding);
    }

    private static void requireCoefficient(String setting, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(setting + " must be >= 0 and finite, was " + value);
        }
    }

    /**
     * Side of the feature maps after the last block, checking that every layer still has at least one pixel to
     * work on (DL4J would otherwise fail only when the network is initialized).
     */
    private static int finalFeatureSize(List<ConvBlock> blocks, int kernelSize, boolean samePadding) {
        int size = IMAGE_SIZE;
        for (int b = 0; b < blocks.size(); b++) {
            ConvBlock block = blocks.get(b);
            for (int c = 0; c < block.filters().size(); c++) {
                if (!samePadding) {
                    size -= kernelSize - 1;
                }
                if (size < 1) {
                    throw new IllegalArgumentException("kernelSize " + kernelSize + " with convBlocks "
                            + blocks + " leaves no pixels after convolution " + (c + 1) + " of block "
                            + (b + 1) + " on a " + IMAGE_SIZE + "x" + IMAGE_SIZE + " input");
                }
            }
            if (block.pool()) {
                if (size < 2) {
                    throw new IllegalArgumentException("convBlocks " + blocks + " leave a " + size + "x" + size
                            + " map for the 2x2 pool of block " + (b + 1) + " on a " + IMAGE_SIZE + "x"
                            + IMAGE_SIZE + " input");
                }
                size /= 2;
            }
        }
        return size;
    }

    /**
     * Side of the square feature maps that the last convolutional block hands to the dense layers.
     *
     * @return the side in pixels, at least 1 (12 for the baseline)
     */
    public int featureMapSize() {
        return finalFeatureSize(convBlocks, kernelSize, samePadding);
    }
}
