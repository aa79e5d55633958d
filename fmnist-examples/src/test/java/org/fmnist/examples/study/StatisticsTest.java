package org.fmnist.examples.study;

import org.fmnist.examples.study.Statistics.PairedDifference;
import org.fmnist.examples.study.Statistics.Summary;
import org.fmnist.examples.study.Statistics.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticsTest {

    // Two-sided 95 % values t_{0.975, df}. Degrees 1 and 2 have closed forms: the Cauchy quantile
    // tan(pi (p - 1/2)), and t = (2p - 1) / sqrt(2 p (1 - p)). The others are table values to 11 or 12
    // significant digits (NIST/SEMATECH e-Handbook, R's qt), so they carry a rounding error up to 5e-12.
    private static final double T_1 = Math.tan(Math.PI * 0.475);
    private static final double T_2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
    private static final double T_3 = 3.18244630528;
    private static final double T_4 = 2.77644510520;
    private static final double T_30 = 2.04227245630;

    // Inputs like 0.91 are not exact in binary: means and deviations of such values are off by a few ulps of
    // 0.9 (about 1e-16); the intervals multiply that by t below 13. 1e-13 leaves room for both.
    private static final double EXACT = 1e-13;

    @Test
    void tQuantilesMatchClosedFormsAndTables() {
        assertEquals(12.7062047362, T_1, 1e-10);
        assertEquals(4.30265272975, T_2, 1e-10);
        // The solver is asked for 1e-12; the tables round at 5e-12.
        assertEquals(T_1, Statistics.tQuantile(0.975, 1), 1e-11);
        assertEquals(T_2, Statistics.tQuantile(0.975, 2), 1e-11);
        assertEquals(T_3, Statistics.tQuantile(0.975, 3), 1e-11);
        assertEquals(T_4, Statistics.tQuantile(0.975, 4), 1e-11);
        assertEquals(T_30, Statistics.tQuantile(0.975, 30), 1e-11);
        // One-sided 95 % at 2 degrees: 0.9 / sqrt(2 * 0.95 * 0.05).
        assertEquals(0.9 / Math.sqrt(0.095), Statistics.tQuantile(0.95, 2), 1e-11);
    }

    @Test
    void tQuantilesAreSymmetricAboutZero() {
        assertEquals(-Statistics.tQuantile(0.975, 4), Statistics.tQuantile(0.025, 4), 1e-11);
        assertEquals(0, Statistics.tQuantile(0.5, 7), 1e-11);
    }

    @Test
    void summaryOfThreeSeeds() {
        Summary s = Statistics.summarize(new double[] {0.90, 0.91, 0.92});
        assertEquals(3, s.n());
        assertEquals(0.91, s.mean(), EXACT);
        assertEquals(0.01, s.sd(), EXACT);
        assertEquals(0.95, s.confidence());
        double halfWidth = T_2 * 0.01 / Math.sqrt(3);
        assertEquals(0.91 - halfWidth, s.ciLow(), EXACT);
        assertEquals(0.91 + halfWidth, s.ciHigh(), EXACT);
        assertTrue(s.hasInterval());
    }

    @Test
    void confidenceLevelChoosesTheQuantile() {
        Summary s = Statistics.summarize(new double[] {0.90, 0.91, 0.92}, 0.90);
        double halfWidth = 0.9 / Math.sqrt(0.095) * 0.01 / Math.sqrt(3);
        assertEquals(0.90, s.confidence());
        assertEquals(0.91 - halfWidth, s.ciLow(), EXACT);
        assertEquals(0.91 + halfWidth, s.ciHigh(), EXACT);
    }

    @Test
    void summaryOfTwoSeedsUsesOneDegreeOfFreedom() {
        // mean 0.5, sd = 0.1 / sqrt(2), half width T_1 * sd / sqrt(2) = T_1 * 0.05.
        Summary s = Statistics.summarize(new double[] {0.45, 0.55});
        assertEquals(0.5, s.mean(), EXACT);
        assertEquals(0.1 / Math.sqrt(2), s.sd(), EXACT);
        assertEquals(0.5 - T_1 * 0.05, s.ciLow(), EXACT);
        assertEquals(0.5 + T_1 * 0.05, s.ciHigh(), EXACT);
    }

    @Test
    void oneSeedHasNoSpreadAndNoInterval() {
        Summary s = Statistics.summarize(new double[] {0.9});
        assertEquals(1, s.n());
        assertEquals(0.9, s.mean());
        assertTrue(Double.isNaN(s.sd()));
        assertTrue(Double.isNaN(s.ciLow()));
        assertTrue(Double.isNaN(s.ciHigh()));
        assertFalse(s.hasInterval());
    }

    @Test
    void equalValuesGiveAPointInterval() {
        Summary s = Statistics.summarize(new double[] {0.875, 0.875, 0.875, 0.875});
        assertEquals(0, s.sd());
        assertEquals(0.875, s.ciLow());
        assertEquals(0.875, s.ciHigh());
    }

    @Test
    void summarizeLeavesItsInputAlone() {
        double[] values = {0.92, 0.90, 0.91};
        Statistics.summarize(values);
        assertEquals(List.of(0.92, 0.90, 0.91), List.of(values[0], values[1], values[2]));
    }

    @Test
    void pairedIntervalThatContainsZero() {
        // Differences 0.01, 0.02, 0.00, 0.02: mean 0.0125, squared deviations (in 1e-6) 6.25 + 56.25 + 156.25
        // + 56.25 = 275, sd = sqrt(275e-6 / 3), half width T_3 * sd / 2 = 0.01523..., so [-0.0027, +0.0277].
        PairedDifference d = Statistics.pairedDifference(
                new double[] {0.90, 0.91, 0.92, 0.89},
                new double[] {0.91, 0.93, 0.92, 0.91});
        double sd = Math.sqrt(275e-6 / 3);
        double halfWidth = T_3 * sd / 2;
        assertEquals(4, d.n());
        assertEquals(0.0125, d.mean(), EXACT);
        assertEquals(sd, d.sd(), EXACT);
        assertEquals(0.0125 - halfWidth, d.ciLow(), EXACT);
        assertEquals(0.0125 + halfWidth, d.ciHigh(), EXACT);
        assertFalse(d.excludesZero());
        assertEquals(Verdict.NOT_DISTINGUISHABLE, d.verdict());
        assertEquals("not distinguishable at this budget", d.verdict().description());
        assertEquals("+1.25 pt [-0.27, +2.77]", d.format());
    }

    @Test
    void pairedIntervalThatExcludesZero() {
        // Differences 0.010, 0.015, 0.010: mean 0.035 / 3, deviations -1/600, +1/300, -1/600, so the squared
        // deviations sum to 6 / 360000 and sd = sqrt(1 / 120000); half width T_2 * sd / sqrt(3).
        PairedDifference d = Statistics.pairedDifference(
                new double[] {0.90, 0.91, 0.92},
                new double[] {0.91, 0.925, 0.93});
        double mean = 0.035 / 3;
        double sd = Math.sqrt(1.0 / 120000);
        double halfWidth = T_2 * sd / Math.sqrt(3);
        assertEquals(mean, d.mean(), EXACT);
        assertEquals(sd, d.sd(), EXACT);
        assertEquals(mean - halfWidth, d.ciLow(), EXACT);
        assertEquals(mean + halfWidth, d.ciHigh(), EXACT);
        assertTrue(d.ciLow() > 0);
        assertTrue(d.excludesZero());
        assertEquals(Verdict.EFFECT, d.verdict());
        assertEquals("an effect", d.verdict().description());
        assertEquals("+1.17 pt [+0.45, +1.88]", d.format());
    }

    @Test
    void aWorseVariantIsAnEffectWithNegativeSign() {
        PairedDifference d = Statistics.pairedDifference(
                new double[] {0.91, 0.925, 0.93},
                new double[] {0.90, 0.91, 0.92});
        assertTrue(d.ciHigh() < 0);
        assertEquals(Verdict.EFFECT, d.verdict());
        assertEquals("-1.17 pt [-1.88, -0.45]", d.format());
    }

    @Test
    void pairingRemovesWhatTheSeedDoesToBoth() {
        // The seeds move both runs by up to 2 points; the variant is always 0.3 points ahead. Unpaired the
        // summaries overlap, paired the difference is a point: sd 0 and an interval [0.003, 0.003].
        double[] baseline = {0.880, 0.900, 0.890};
        double[] variant = {0.883, 0.903, 0.893};
        PairedDifference d = Statistics.pairedDifference(baseline, variant);
        assertEquals(0.003, d.mean(), EXACT);
        assertEquals(0, d.sd(), EXACT);
        assertEquals(Verdict.EFFECT, d.verdict());
        assertTrue(Statistics.summarize(variant).ciLow() < Statistics.summarize(baseline).ciHigh());
    }

    @Test
    void identicalRunsAreNotDistinguishable() {
        double[] same = {0.9, 0.91, 0.92};
        PairedDifference d = Statistics.pairedDifference(same, same.clone());
        assertEquals(0, d.mean());
        assertEquals(0, d.ciLow());
        assertEquals(0, d.ciHigh());
        assertEquals(Verdict.NOT_DISTINGUISHABLE, d.verdict());
        assertEquals("+0.00 pt [+0.00, +0.00]", d.format());
    }

    @Test
    void oneSeedGivesNoVerdict() {
        PairedDifference d = Statistics.pairedDifference(new double[] {0.90}, new double[] {0.9053});
        assertEquals(1, d.n());
        assertEquals(0.0053, d.mean(), EXACT);
        assertTrue(Double.isNaN(d.ciLow()));
        assertFalse(d.excludesZero());
        assertEquals(Verdict.NO_INTERVAL, d.verdict());
        assertEquals("+0.53 pt [one seed: no interval]", d.format());
    }

    @Test
    void formatPrintsSignedPercentagePoints() {
        assertEquals("+0.53 pt [+0.12, +0.94]",
                new PairedDifference(5, 0.0053, 0.003, 0.95, 0.0012, 0.0094).format());
        // -0.003 points rounds to zero and prints without a sign of its own.
        assertEquals("+0.00 pt [+0.00, +0.01]",
                new PairedDifference(2, 0.00002, 0.00001, 0.95, -0.00003, 0.00007).format());
        assertEquals("-12.35 pt [-20.00, -4.70]",
                new PairedDifference(3, -0.1235, 0.03, 0.95, -0.2, -0.047).format());
    }

    @Test
    void aBoundAtZeroDoesNotExcludeIt() {
        assertFalse(new PairedDifference(3, 0.01, 0.004, 0.95, 0.0, 0.02).excludesZero());
        assertFalse(new PairedDifference(3, -0.01, 0.004, 0.95, -0.02, 0.0).excludesZero());
    }

    @Test
    void pairingBySeedMatchesTheArraysInAscendingSeedOrder() {
        Map<Long, Double> baseline = new LinkedHashMap<>();
        baseline.put(3L, 0.92);
        baseline.put(1L, 0.90);
        baseline.put(2L, 0.91);
        Map<Long, Double> variant = new LinkedHashMap<>();
        variant.put(2L, 0.925);
        variant.put(1L, 0.91);
        variant.put(3L, 0.93);
        assertEquals(
                Statistics.pairedDifference(new double[] {0.90, 0.91, 0.92}, new double[] {0.91, 0.925, 0.93}),
                Statistics.pairedDifference(baseline, variant));
    }

    @Test
    void recordsSurviveJackson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Summary three = Statistics.summarize(new double[] {0.90, 0.91, 0.92});
        Summary one = Statistics.summarize(new double[] {0.9});
        PairedDifference d = Statistics.pairedDifference(new double[] {0.90, 0.91}, new double[] {0.92, 0.915});

        assertEquals(three, mapper.readValue(mapper.writeValueAsString(three), Summary.class));
        // Records compare doubles with Double.compare, so NaN equals NaN here.
        assertEquals(one, mapper.readValue(mapper.writeValueAsString(one), Summary.class));
        assertEquals(d, mapper.readValue(mapper.writeValueAsString(d), PairedDifference.class));

        JsonNode json = mapper.readTree(mapper.writeValueAsString(one));
        assertEquals(Set.of("n", "mean", "sd", "confidence", "ciLow", "ciHigh"), fieldNames(json));
        assertEquals("NaN", json.get("sd").asText());
        assertEquals(Set.of("n", "mean", "sd", "confidence", "ciLow", "ciHigh"),
                fieldNames(mapper.readTree(mapper.writeValueAsString(d))));
    }

    private static Set<String> fieldNames(JsonNode json) {
        Set<String> names = new HashSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // Invalid input, one case each.

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, -0.5, 1.5, Double.NaN})
    void tQuantileRejectsAProbabilityOutsideTheOpenUnitInterval(double probability) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.tQuantile(probability, 3));
        assertEquals("probability must be in (0, 1), was " + probability, e.getMessage());
    }

    @Test
    void tQuantileRejectsZeroDegreesOfFreedom() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.tQuantile(0.975, 0));
        assertEquals("degreesOfFreedom must be at least 1, was 0", e.getMessage());
    }

    @Test
    void summarizeRejectsNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.summarize(null));
        assertEquals("values must not be null", e.getMessage());
    }

    @Test
    void summarizeRejectsNoValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.summarize(new double[0]));
        assertEquals("values must hold at least one value, held none", e.getMessage());
    }

    @Test
    void summarizeRejectsNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.summarize(new double[] {0.9, Double.NaN}));
        assertEquals("values[1] must be finite, was NaN", e.getMessage());
    }

    @Test
    void summarizeRejectsInfinity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.summarize(new double[] {Double.POSITIVE_INFINITY}));
        assertEquals("values[0] must be finite, was Infinity", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, -0.95, 95, Double.NaN})
    void summarizeRejectsAConfidenceOutsideTheOpenUnitInterval(double confidence) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.summarize(new double[] {0.9, 0.91}, confidence));
        assertEquals("confidence must be in (0, 1), was " + confidence, e.getMessage());
    }

    @Test
    void pairedDifferenceRejectsMismatchedLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.pairedDifference(new double[] {0.9, 0.91, 0.92}, new double[] {0.9, 0.91}));
        assertEquals("baseline and variant must hold one value per seed each, held 3 and 2", e.getMessage());
    }

    @Test
    void pairedDifferenceRejectsANullBaseline() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.pairedDifference(null, new double[] {0.9}));
        assertEquals("baseline must not be null", e.getMessage());
    }

    @Test
    void pairedDifferenceRejectsAnEmptyVariant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.pairedDifference(new double[] {0.9}, new double[0]));
        assertEquals("variant must hold at least one value, held none", e.getMessage());
    }

    @Test
    void pairedDifferenceRejectsNaNInTheVariant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.pairedDifference(new double[] {0.9, 0.91}, new double[] {0.9, Double.NaN}));
        assertEquals("variant[1] must be finite, was NaN", e.getMessage());
    }

    @Test
    void pairedDifferenceRejectsAConfidenceOfOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.pairedDifference(new double[] {0.9, 0.91}, new double[] {0.9, 0.92}, 1.0));
        assertEquals("confidence must be in (0, 1), was 1.0", e.getMessage());
    }

    @Test
    void pairingBySeedRejectsDifferentSeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.pairedDifference(Map.of(1L, 0.9, 2L, 0.91), Map.of(1L, 0.9, 3L, 0.92)));
        assertEquals("baselineBySeed and variantBySeed must hold the same seeds, baseline only: [2], variant only:"
                + " [3]", e.getMessage());
    }

    @Test
    void pairingBySeedRejectsNoSeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.pairedDifference(Map.of(), Map.of()));
        assertEquals("baselineBySeed must hold at least one seed, held none", e.getMessage());
    }

    @Test
    void pairingBySeedRejectsANullMap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.pairedDifference(Map.of(1L, 0.9), null));
        assertEquals("baselineBySeed and variantBySeed must not be null, were {1=0.9} and null", e.getMessage());
    }

    @Test
    void pairingBySeedRejectsANullValue() {
        Map<Long, Double> variant = new LinkedHashMap<>();
        variant.put(1L, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.pairedDifference(Map.of(1L, 0.9), variant));
        assertEquals("variantBySeed must hold a finite value for seed 1, was null", e.getMessage());
    }

    @Test
    void summaryRejectsASpreadForOneValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Summary(1, 0.9, 0.0, 0.95, 0.9, 0.9));
        assertEquals("sd, ciLow and ciHigh must be NaN for n = 1 (undefined for one value), were 0.0, 0.9 and 0.9",
                e.getMessage());
    }

    @Test
    void summaryRejectsNoSeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Summary(0, 0.9, Double.NaN, 0.95, Double.NaN, Double.NaN));
        assertEquals("n must be at least 1, was 0", e.getMessage());
    }

    @Test
    void summaryRejectsALowerBoundAboveTheMean() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Summary(3, 0.91, 0.01, 0.95, 0.95, 0.96));
        assertEquals("ciLow must be finite and at most mean (0.91), was 0.95", e.getMessage());
    }

    @Test
    void pairedDifferenceRejectsANegativeSd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PairedDifference(3, 0.01, -0.001, 0.95, 0.0, 0.02));
        assertEquals("sd must be finite and at least 0 for n = 3, was -0.001", e.getMessage());
    }
}
