package org.fmnist.data;

/** How pixel bytes become network inputs. */
public enum Normalization {
    /** {@code pixel / 255}, in [0, 1]. The default. */
    UNIT,
    /**
     * {@code (pixel / 255 - mean) / std}, with the mean and standard deviation of the pixels of the
     * {@link Split#TRAIN} part only (about 0.286 and 0.353 for the published data; see
     * {@link FashionMnist#trainPixelStatistics()}). The same statistics are used for every split.
     */
    STANDARDIZE
}
