package org.fmnist.models;

import java.util.Objects;

/**
 * How the network's weights are updated: the updater and its learning-rate schedule.
 *
 * @param updater       the gradient updater
 * @param learningRate  the initial learning rate; positive and finite
 * @param momentum      Nesterov momentum, used by {@link UpdaterType#NESTEROVS} only; in [0, 1)
 * @param lrDecay       step schedule: the learning rate is multiplied by this factor every {@code lrDecayEpochs}
 *                      epochs; in (0, 1], 1 = constant learning rate
 * @param lrDecayEpochs epochs between two learning-rate decays; at least 1
 */
public record OptimizerSpec(UpdaterType updater, double learningRate, double momentum, double lrDecay,
        int lrDecayEpochs) {

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException naming the setting and its value, if one is out of range
     * @throws NullPointerException     if the updater is null
     */
    public OptimizerSpec {
        Objects.requireNonNull(updater, "updater must not be null");
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learningRate must be positive and finite, was " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException("lrDecay must be in (0, 1], was " + lrDecay);
        }
        if (lrDecayEpochs < 1) {
            throw new IllegalArgumentException("lrDecayEpochs must be >= 1, was " + lrDecayEpochs);
        }
    }

    /** Whether the learning rate changes during training: {@code lrDecay < 1}. */
    public boolean decays() {
        return lrDecay < 1;
    }
}
