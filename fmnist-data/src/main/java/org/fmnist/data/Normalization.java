package org.fmnist.data;

/** How pixel bytes become network inputs. */
public enum Normalization {
    /** {@code pixel / 255}, in [0, 1]. The default. */
    UNIT,
    /**
     * {@code (pixel / 255 - mean) / std}, with the mean and standard deviation of the training file's pixels
     * (about 0.286 and 0.353 for the published data). The same statistics are used for every split.
     */
    STANDARDIZE
}
