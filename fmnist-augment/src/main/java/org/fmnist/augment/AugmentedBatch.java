package org.fmnist.augment;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An augmented batch and what was drawn for each of its images.
 *
 * @param features   the augmented features, a new array of the input's shape and data type
 * @param transforms the transform applied to each example, in batch order; applying
 *                   {@code transforms.get(i)} to example {@code i} of the input reproduces
 *                   example {@code i} of {@code features}
 */
public record AugmentedBatch(INDArray features, List<Transform> transforms) {

    /**
     * Copies the list.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public AugmentedBatch {
        Check.notNull("features", features);
        transforms = List.copyOf(Check.notNull("transforms", transforms));
    }
}
