package org.fmnist.data;

/** Which part of Fashion-MNIST an iterator serves. */
public enum Split {
    /** The 60,000 training images less the held-out validation images. */
    TRAIN,
    /** A deterministic, stratified part of the training file held out of {@link #TRAIN} (5,000 by default). */
    VALIDATION,
    /** The 10,000 test images. */
    TEST
}
