package org.fmnist.data;

/** One of the three disjoint parts a {@link FashionMnist} is split into, and which an iterator serves. */
public enum Split {
    /** The training file's images less the validation part: 55,000 of the published 60,000 by default. */
    TRAIN,
    /**
     * A deterministic, stratified part of the training file held out of {@link #TRAIN}, independent of any seed
     * (5,000 images by default; see {@link FashionMnist#withValidationSize}).
     */
    VALIDATION,
    /** The 10,000 test images. */
    TEST
}
