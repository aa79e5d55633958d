package org.fmnist.models;

import java.util.List;

/**
 * One convolutional block of a {@link ModelSpec}: one or more 2-D convolutions in a row, an optional
 * 2x2 max-pool (stride 2) after the last of them, and, when the specification's dropout rate is above
 * zero, a dropout layer after the block.
 *
 * <p>Each convolution is followed by batch normalization (when the specification switches it on) and a
 * ReLU. The study's baseline has two blocks, {@code [32]} without pooling and {@code [64]} with pooling.
 *
 * @param filters the number of output channels of each convolution in the block, in order; at least one
 *                entry, each at least 1
 * @param pool    whether a 2x2 max-pool with stride 2 follows the block's last convolution
 */
public record ConvBlock(List<Integer> filters, boolean pool) {

    /**
     * Validates and copies the filter counts.
     *
     * @throws IllegalArgumentException if {@code filters} is empty or holds a count below 1
     * @throws NullPointerException     if {@code filters} or one of its entries is null
     */
    public ConvBlock {
        if (filters == null) {
            throw new NullPointerException("filters must not be null");
        }
        filters = List.copyOf(filters);
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("filters must hold at least one convolution, was []");
        }
        for (int count : filters) {
            if (count < 1) {
                throw new IllegalArgumentException("filters must each be >= 1, was " + filters);
            }
        }
    }

    /**
     * A block of convolutions followed by a 2x2 max-pool.
     *
     * @param filters output channels of each convolution, each at least 1
     * @return the block
     */
    public static ConvBlock pooled(Integer... filters) {
        return new ConvBlock(List.of(filters), true);
    }

    /**
     * A block of convolutions without pooling.
     *
     * @param filters output channels of each convolution, each at least 1
     * @return the block
     */
    public static ConvBlock unpooled(Integer... filters) {
        return new ConvBlock(List.of(filters), false);
    }
}
