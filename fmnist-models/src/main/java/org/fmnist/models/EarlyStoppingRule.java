package org.fmnist.models;

import java.util.Objects;

/**
 * The study's early-stopping rule, the one every trainer of this project applies: keep the epoch with the highest
 * validation accuracy (the earliest, on ties), and stop once {@code patience} epochs in a row have brought no
 * higher one; with patience 0 it only keeps track of the best epoch. {@code fmnist}'s training runs use it directly; {@link EarlyStopping} hands it to DL4J's
 * {@code EarlyStoppingTrainer} as an epoch termination condition.
 *
 * <p>It chooses on the validation split only: feed it validation accuracy, never test accuracy.
 */
public final class EarlyStoppingRule {

    private final int patience;
    private int lastEpoch;
    private int bestEpoch;
    private double bestAccuracy = Double.NEGATIVE_INFINITY;

    /**
     * A rule with nothing recorded yet.
     *
     * @param patience epochs without a better validation accuracy after which training stops, at least 1; 0 for a
     *                 rule that never stops training and only keeps track of the best epoch
     * @throws IllegalArgumentException if {@code patience} is negative
     */
    public EarlyStoppingRule(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be at least 0, was " + patience);
        }
        this.patience = patience;
    }

    /**
     * The rule of a specification: its patience, 0 (never stops) for one without early stopping.
     *
     * @param spec the specification
     * @return a new rule
     */
    public static EarlyStoppingRule of(ModelSpec spec) {
        Objects.requireNonNull(spec, "spec must not be null");
        return new EarlyStoppingRule(spec.training().patience());
    }

    /**
     * Records an epoch's validation accuracy.
     *
     * @param epoch              the epoch: 1, then each one after the one recorded before
     * @param validationAccuracy its validation accuracy, in [0, 1]
     * @return whether it is the best so far (strictly higher than every epoch before it)
     * @throws IllegalArgumentException if the epoch is not the next one, or the accuracy is outside [0, 1]
     */
    public boolean record(int epoch, double validationAccuracy) {
        if (epoch != lastEpoch + 1) {
            throw new IllegalArgumentException("epoch must be " + (lastEpoch + 1) + ", the next one, was " + epoch);
        }
        if (!(validationAccuracy >= 0 && validationAccuracy <= 1)) {
            throw new IllegalArgumentException("validationAccuracy must be in [0, 1], was " + validationAccuracy);
        }
        lastEpoch = epoch;
        if (validationAccuracy > bestAccuracy) {
            bestAccuracy = validationAccuracy;
            bestEpoch = epoch;
            return true;
        }
        return false;
    }

    /**
     * Whether training stops after {@code completedEpochs}: at least {@code patience} of them came after the best.
     *
     * @param completedEpochs epochs trained and recorded so far
     * @return true to stop
     */
    public boolean stops(int completedEpochs) {
        return patience > 0 && bestEpoch > 0 && completedEpochs - bestEpoch >= patience;
    }

    /** The best epoch so far, 0 before the first is recorded. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best validation accuracy so far, negative infinity before the first epoch is recorded. */
    public double bestAccuracy() {
        return bestAccuracy;
    }

    /** The patience, 0 for a rule that never stops. */
    public int patience() {
        return patience;
    }
}
