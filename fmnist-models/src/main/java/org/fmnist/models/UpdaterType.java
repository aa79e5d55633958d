package org.fmnist.models;

/**
 * The gradient updater (optimizer) a {@link ModelSpec} trains with. All three take the specification's
 * learning rate and learning-rate schedule.
 */
public enum UpdaterType {
    /** Plain stochastic gradient descent, without momentum (DL4J {@code Sgd}). */
    SGD,
    /**
     * SGD with Nesterov momentum (DL4J {@code Nesterovs}); the specification's {@code momentum} applies.
     * The closest DL4J updater to the PyTorch notebook's {@code SGD(lr=0.001, momentum=0.9)}.
     */
    NESTEROVS,
    /** Adam with the usual betas 0.9 and 0.999 and epsilon 1e-8 (DL4J {@code Adam}). */
    ADAM
}
