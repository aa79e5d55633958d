package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.junit.jupiter.api.Test;

class EarlyStoppingRuleTest {

    /** Validation accuracy per epoch: best at epoch 3, a tie at 5 that is no improvement. */
    private static final double[] ACCURACIES = {0.80, 0.84, 0.86, 0.85, 0.86, 0.83, 0.90};

    /** The epochs after which the rule stops, for a patience, fed {@link #ACCURACIES}; 0 if it never does. */
    private static int stoppingEpoch(EarlyStoppingRule rule) {
        for (int epoch = 1; epoch <= ACCURACIES.length; epoch++) {
            rule.record(epoch, ACCURACIES[epoch - 1]);
            if (rule.stops(epoch)) {
                return epoch;
            }
        }
        return 0;
    }

    @Test
    void keepsTheEarliestHighestEpochAndStopsAfterPatienceEpochsWithoutAHigherOne() {
        EarlyStoppingRule three = new EarlyStoppingRule(3);
        assertEquals(6, stoppingEpoch(three), "epochs 4, 5 and 6 bring nothing higher than epoch 3");
        assertEquals(3, three.bestEpoch());
        assertEquals(0.86, three.bestAccuracy());

        EarlyStoppingRule two = new EarlyStoppingRule(2);
        assertEquals(5, stoppingEpoch(two), "a tie is no improvement");

        EarlyStoppingRule four = new EarlyStoppingRule(4);
        assertEquals(0, stoppingEpoch(four));
        assertEquals(7, four.bestEpoch());
    }

    @Test
    void patienceZeroNeverStopsAndKeepsTrackOfTheBest() {
        EarlyStoppingRule never = new EarlyStoppingRule(0);
        assertEquals(0, stoppingEpoch(never));
        assertEquals(7, never.bestEpoch());
        assertEquals(0, EarlyStoppingRule.of(Preset.BASELINE.spec()).patience());
        assertEquals(3, EarlyStoppingRule.of(Preset.EARLY_STOPPING.spec()).patience());
    }

    @Test
    void recordReportsANewBestOnlyWhenStrictlyHigher() {
        EarlyStoppingRule rule = new EarlyStoppingRule(3);
        List<Boolean> best = new ArrayList<>();
        for (int epoch = 1; epoch <= ACCURACIES.length; epoch++) {
            best.add(rule.record(epoch, ACCURACIES[epoch - 1]));
        }
        assertEquals(List.of(true, true, true, false, false, false, true), best);
    }

    @Test
    void dl4jsTrainerStopsWhereTheRuleDoes() {
        // DL4J numbers epochs from 0 and asks its termination conditions after each evaluated epoch.
        EpochTerminationCondition condition = EarlyStopping.terminationCondition(Preset.EARLY_STOPPING.spec());
        condition.initialize();
        int stopped = 0;
        for (int epochNum = 0; epochNum < ACCURACIES.length && stopped == 0; epochNum++) {
            if (condition.terminate(epochNum, ACCURACIES[epochNum], false)) {
                stopped = epochNum + 1;
            }
        }
        assertEquals(stoppingEpoch(new EarlyStoppingRule(3)), stopped);
        condition.initialize();
        assertFalse(condition.terminate(0, 0.5, false), "initialize starts afresh");
    }

    @Test
    void rejectsInputsThatMeanNothing() {
        assertEquals("patience must be at least 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> new EarlyStoppingRule(-1)).getMessage());
        EarlyStoppingRule rule = new EarlyStoppingRule(2);
        assertEquals("epoch must be 1, the next one, was 2",
                assertThrows(IllegalArgumentException.class, () -> rule.record(2, 0.5)).getMessage());
        assertEquals("validationAccuracy must be in [0, 1], was 1.5",
                assertThrows(IllegalArgumentException.class, () -> rule.record(1, 1.5)).getMessage());
        EpochTerminationCondition condition = EarlyStopping.terminationCondition(Preset.EARLY_STOPPING.spec());
        condition.initialize();
        assertTrue(assertThrows(IllegalStateException.class, () -> condition.terminate(0, 0.4, true)).getMessage()
                .contains("maximizes validation accuracy"));
    }
}
