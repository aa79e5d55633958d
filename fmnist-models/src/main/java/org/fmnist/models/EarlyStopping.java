package org.fmnist.models;

import java.util.Objects;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * DL4J early stopping set up from a {@link ModelSpec}: train for at most {@code epochs} epochs, score the
 * model on the validation data after every epoch, stop by the project's {@link EarlyStoppingRule} (after
 * {@code patience} epochs without a better validation accuracy), and return the best model, kept in memory.
 *
 * <p>The score is classification accuracy on the validation data, not its loss: DL4J's loss score adds
 * the L1/L2 penalty, which grows and shrinks with the weights and would make the choice of epoch depend on
 * the regularizer rather than on how well the model classifies.
 *
 * <p>Read the kept model's validation accuracy with {@link #bestValidationAccuracy}: in DL4J 1.0.0-M2.1
 * {@code EarlyStoppingResult.getBestModelScore()} is overwritten at the end with the kept model's last
 * training-minibatch score (0 for the in-memory copy), not its validation score.
 *
 * <p>The validation iterator must hold held-out training images (fmnist-data's {@code Split.VALIDATION}),
 * never the test split: a model chosen on test data would report an optimistic test accuracy.
 */
public final class EarlyStopping {

    private EarlyStopping() {
    }

    /**
     * The early-stopping configuration for {@code spec}.
     *
     * @param spec       a specification with early stopping on ({@code patience > 0})
     * @param validation the validation data, scored after every epoch (reset before each use)
     * @return a configuration with a maximum-epochs and a no-improvement termination condition, a
     *         validation-accuracy score calculator and an in-memory saver for the best model
     * @throws IllegalArgumentException if the specification's patience is 0
     */
    public static EarlyStoppingConfiguration<MultiLayerNetwork> configuration(ModelSpec spec,
                                                                             DataSetIterator validation) {
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(validation, "validation must not be null");
        requireEarlyStopping(spec);
        return new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(
                        new MaxEpochsTerminationCondition(spec.training().epochs()),
                        terminationCondition(spec))
                .scoreCalculator(new ClassificationScoreCalculator(Evaluation.Metric.ACCURACY, validation))
                .evaluateEveryNEpochs(1)
                .modelSaver(new InMemoryModelSaver<>())
                .build();
    }

    /**
     * The project's {@link EarlyStoppingRule} as DL4J's epoch termination condition: stop once the specification's
     * patience epochs in a row brought no higher validation accuracy. DL4J numbers epochs from 0; the rule from 1.
     *
     * @param spec a specification with early stopping on
     * @return a condition that {@code initialize()} resets
     * @throws IllegalArgumentException if the specification's patience is 0
     */
    public static EpochTerminationCondition terminationCondition(ModelSpec spec) {
        Objects.requireNonNull(spec, "spec must not be null");
        requireEarlyStopping(spec);
        return new RuleCondition(spec.training().patience());
    }

    private static void requireEarlyStopping(ModelSpec spec) {
        if (!spec.training().earlyStopping()) {
            throw new IllegalArgumentException("patience must be > 0 for early stopping, was "
                    + spec.training().patience() + " in '" + spec.name() + "'");
        }
    }

    /** {@link EarlyStoppingRule} behind DL4J's interface; the score must be an accuracy, which DL4J maximizes. */
    private static final class RuleCondition implements EpochTerminationCondition {
        private static final long serialVersionUID = 1L;
        private final int patience;
        private transient EarlyStoppingRule rule;

        RuleCondition(int patience) {
            this.patience = patience;
            this.rule = new EarlyStoppingRule(patience);
        }

        @Override
        public void initialize() {
            rule = new EarlyStoppingRule(patience);
        }

        @Override
        public boolean terminate(int epochNum, double score, boolean minimize) {
            if (minimize) {
                throw new IllegalStateException("the early-stopping rule maximizes validation accuracy, but the "
                        + "score calculator minimizes its score");
            }
            rule.record(epochNum + 1, score);
            return rule.stops(epochNum + 1);
        }

        @Override
        public String toString() {
            return "EarlyStoppingRule(patience=" + patience + ")";
        }
    }

    /**
     * The validation accuracy of the model that early stopping kept.
     *
     * @param result the result of an early-stopping training configured by {@link #configuration}
     * @return the accuracy in [0, 1] recorded for the best epoch
     * @throws IllegalArgumentException if the result recorded no score for its best epoch (training failed
     *                                  before the first evaluation)
     */
    public static double bestValidationAccuracy(EarlyStoppingResult<?> result) {
        Double accuracy = result.getScoreVsEpoch().get(result.getBestModelEpoch());
        if (accuracy == null) {
            throw new IllegalArgumentException("no validation score for best epoch " + result.getBestModelEpoch()
                    + " (termination: " + result.getTerminationReason() + ", " + result.getTerminationDetails() + ")");
        }
        return accuracy;
    }

    /**
     * A trainer that fits {@code network} on {@code train} under {@link #configuration}; call
     * {@code fit()} on it and take {@code getBestModel()} from the result.
     *
     * @param spec       a specification with early stopping on
     * @param network    the network to train, built from {@code spec}
     * @param train      the training data (batch size and augmentation are the caller's business)
     * @param validation the validation data
     * @return the trainer
     * @throws IllegalArgumentException if the specification's patience is 0
     */
    public static EarlyStoppingTrainer trainer(ModelSpec spec, MultiLayerNetwork network, DataSetIterator train,
                                               DataSetIterator validation) {
        Objects.requireNonNull(network, "network must not be null");
        Objects.requireNonNull(train, "train must not be null");
        return new EarlyStoppingTrainer(configuration(spec, validation), network, train);
    }
}
