package org.fmnist.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A study of one seed has no intervals: its sentences give the differences and say so once, without verdicts. */
class OneSeedFindingsTest {

    private static final String NO_INTERVAL = Statistics.Verdict.NO_INTERVAL.description();

    private static StudyResults.Compared single(double mean, double diff) {
        return new StudyResults.Compared(mean, null, null, null, diff, null, null, NO_INTERVAL);
    }

    private static StudyResults.VariantRecord variant(String id, double accuracy, double diff, double gap,
            double robust, double ece) {
        StudyResults.Robustness robustness = new StudyResults.Robustness(single(accuracy, diff),
                single(robust, robust - 0.65), Map.of("shift 4", single(0.5, 0.1)), Map.of());
        StudyResults.CalibrationFigures calibration = new StudyResults.CalibrationFigures(single(ece, ece - 0.0635),
                single(0.3, -0.19), single(0.12, -0.02), List.of());
        return new StudyResults.VariantRecord(id, id, 1, accuracy, null, null, null, diff, null, null, NO_INTERVAL,
                new StudyResults.Moments(accuracy, null, null, null), new StudyResults.Moments(gap, null, null, null),
                List.of(new StudyResults.SeedTest(1, 296, 331, 0.174)), robustness, calibration);
    }

    private static StudyResults results() {
        StudyResults.Settings settings = new StudyResults.Settings("t", "custom", "full", "baseline", List.of(1L),
                55_000, 5_000, 10_000, 10_000, Map.of("baseline", 15, "regularized", 30), 64, Map.of(), "m");
        return new StudyResults(settings, List.of(), List.of(
                variant("baseline", 0.9167, 0, 0.0794, 0.65, 0.0635),
                variant("regularized", 0.9202, 0.0035, 0.028, 0.7008, 0.0068)));
    }

    @Test
    void accuracySentencesGiveTheDifferenceWithoutAVerdict() {
        assertEquals("- **baseline** tested 91.67% with one seed, with a final train − validation gap of +7.94 pt.\n"
                + "- **regularized**: +0.35 pt [one seed: no interval] test accuracy against the baseline. Its gap "
                + "was +2.80 pt (baseline +7.94 pt).\n",
                StudyReport.findings(results()).replace("\r\n", "\n"));
    }

    @Test
    void robustnessAndCalibrationSentencesSayNoIntervalOnce() {
        RobustnessReport report = new RobustnessReport(results());
        assertEquals("- **regularized**: +5.08 pt [one seed: no interval] on average under the perturbations.\n",
                report.robustnessFindings());
        assertEquals("- **regularized**: ECE -5.67 pt [one seed: no interval]; NLL -0.1900 [one seed: no interval]; "
                + "Brier -0.0200 [one seed: no interval].\n", report.calibrationFindings().replace("\r\n", "\n"));
    }
}
