package org.fmnist.examples.study;

import org.fmnist.examples.study.Statistics.McNemarResult;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** McNemar's exact test in {@link Statistics}. */
class McNemarTest {

    // The regularized beta's continued fraction stops at a relative 1e-14.
    private static final double RELATIVE = 1e-13;

    @Test
    void knownTable() {
        // 2 P(X <= 2), X ~ Binomial(12, 1/2): 2 (1 + 12 + 66) / 4096.
        McNemarResult r = Statistics.mcNemar(10, 2);
        assertEquals(10, r.b());
        assertEquals(2, r.c());
        assertEquals(2.0 * 79 / 4096, r.pValue(), 0.03857421875 * RELATIVE);
        assertEquals(0.03857421875, r.pValue(), 0.03857421875 * RELATIVE);
    }

    @Test
    void anotherTableByHand() {
        // 2 P(X <= 5), X ~ Binomial(20, 1/2): 2 (1 + 20 + 190 + 1140 + 4845 + 15504) / 2^20.
        assertEquals(2.0 * 21700 / 1048576, Statistics.mcNemar(5, 15).pValue(), 0.0414 * RELATIVE);
    }

    @Test
    void theTestIsTwoSided() {
        assertEquals(Statistics.mcNemar(10, 2).pValue(), Statistics.mcNemar(2, 10).pValue());
    }

    @Test
    void equalCountsGiveOne() {
        assertEquals(1.0, Statistics.mcNemar(7, 7).pValue());
        assertEquals(1.0, Statistics.mcNemar(400, 400).pValue());
    }

    @Test
    void noDiscordantPairsGiveOne() {
        McNemarResult r = Statistics.mcNemar(0, 0);
        assertEquals(new McNemarResult(0, 0, 1.0), r);
    }

    @Test
    void oneDiscordantPairGivesOne() {
        // 2 P(X <= 0), X ~ Binomial(1, 1/2) = 2 * 1/2.
        assertEquals(1.0, Statistics.mcNemar(1, 0).pValue(), RELATIVE);
    }

    @Test
    void smallTailsKeepTheirRelativePrecision() {
        // 2 P(X = 0), X ~ Binomial(60, 1/2) = 2^-59; 1 - P(X > 0) would cancel to 0.
        assertEquals(Math.pow(2, -59), Statistics.mcNemar(0, 60).pValue(), Math.pow(2, -59) * RELATIVE);
    }

    @Test
    void largeCountsMatchTheExactSum() {
        // 2 * sum_{i <= 400} C(1000, i) / 2^1000, in exact integer arithmetic.
        BigInteger sum = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE;
        for (int i = 0; i <= 400; i++) {
            sum = sum.add(choose);
            choose = choose.multiply(BigInteger.valueOf(1000 - i)).divide(BigInteger.valueOf(i + 1));
        }
        double expected = new BigDecimal(sum.shiftLeft(1))
                .divide(new BigDecimal(BigInteger.ONE.shiftLeft(1000)), MathContext.DECIMAL64).doubleValue();
        assertEquals(2.728464156066e-10, expected, 1e-22);
        assertEquals(expected, Statistics.mcNemar(600, 400).pValue(), expected * RELATIVE);
    }

    @Test
    void predictionsAgreeWithTheirCounts() {
        // 3 images both right, 1 both wrong, 10 only the baseline right, 2 only the variant right, interleaved.
        // Each entry: baseline right?, variant right?
        boolean[][] pairs = {
                {true, true}, {true, false}, {false, true}, {true, false}, {false, false}, {true, false},
                {true, true}, {true, false}, {true, false}, {false, true}, {true, false}, {true, false},
                {true, true}, {true, false}, {true, false}, {true, false},
        };
        boolean[] baseline = new boolean[pairs.length];
        boolean[] variant = new boolean[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            baseline[i] = pairs[i][0];
            variant[i] = pairs[i][1];
        }
        McNemarResult r = Statistics.mcNemar(baseline, variant);
        assertEquals(10, r.b());
        assertEquals(2, r.c());
        assertEquals(Statistics.mcNemar(10, 2), r);
    }

    @Test
    void resultSurvivesJackson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        McNemarResult r = Statistics.mcNemar(10, 2);
        String json = mapper.writeValueAsString(r);
        assertEquals("{\"b\":10,\"c\":2,\"pValue\":" + r.pValue() + "}", json);
        assertEquals(r, mapper.readValue(json, McNemarResult.class));
    }

    // Invalid input, one case each.

    @Test
    void rejectsANegativeB() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Statistics.mcNemar(-1, 2));
        assertEquals("b must be at least 0, was -1", e.getMessage());
    }

    @Test
    void rejectsANegativeC() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Statistics.mcNemar(3, -2));
        assertEquals("c must be at least 0, was -2", e.getMessage());
    }

    @Test
    void rejectsNullPredictions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.mcNemar(null, new boolean[] {true}));
        assertEquals("baselineCorrect and variantCorrect must not be null, were null and an array", e.getMessage());
    }

    @Test
    void rejectsNoPredictions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.mcNemar(new boolean[0], new boolean[0]));
        assertEquals("baselineCorrect must hold at least one prediction, held none", e.getMessage());
    }

    @Test
    void rejectsMismatchedPredictions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.mcNemar(new boolean[] {true, false, true}, new boolean[] {true, true}));
        assertEquals("baselineCorrect and variantCorrect must hold one prediction per image each, held 3 and 2",
                e.getMessage());
    }

    @Test
    void resultRejectsAPValueAboveOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new McNemarResult(1, 2, 1.5));
        assertEquals("pValue must be in [0, 1], was 1.5", e.getMessage());
    }

    @Test
    void resultRejectsANaNPValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new McNemarResult(1, 2, Double.NaN));
        assertEquals("pValue must be in [0, 1], was NaN", e.getMessage());
    }
}
