package org.fmnist.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.testing.RealData;
import org.fmnist.examples.evaluation.ReliabilityBin;
import org.fmnist.examples.evaluation.RobustnessCalibration;
import org.fmnist.examples.training.Progress;
import org.fmnist.examples.training.StopSignal;
import org.fmnist.examples.training.TrainingRun;
import org.fmnist.models.Preset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-variant, two-seed study on a few hundred real images: its run directories, its results and report, and a
 * re-run that finds everything finished.
 */
@Tag("real-data")
class StudyRunnerTest {

    /** Two seeds, one epoch on 256 training images, validated on 200 and tested on 300, 250 of them perturbed. */
    private static final Budget TINY = new Budget("tiny", 2, 1, 256, 200, 300, 100, 250);

    private static FashionMnist data;

    @BeforeAll
    static void loadData() {
        data = RealData.load();
    }

    private static StudyPlan plan(List<Long> seeds) {
        return new StudyPlan("tiny study", List.of(Preset.BASELINE, Preset.HFLIP), seeds, TINY, 0);
    }

    private static List<StudyRunner.FinishedRun> run(StudyPlan plan, Path dir) throws IOException {
        return new StudyRunner(data, dir, Progress.silent(), new StopSignal(), (run, runDir) -> null).run(plan);
    }

    @Test
    void aStudyWritesOneDirectoryPerRunAndAReRunTrainsNothing(@TempDir Path dir) throws IOException {
        StudyPlan plan = plan(List.of(1L, 2L));
        List<StudyRunner.FinishedRun> first = run(plan, dir);

        assertEquals(List.of("baseline/1", "baseline/2", "hflip/1", "hflip/2"),
                first.stream().map(r -> r.run().variant().id() + "/" + r.run().seed()).toList());
        assertTrue(first.stream().allMatch(StudyRunner.FinishedRun::trained));
        for (StudyRunner.FinishedRun r : first) {
            Path runDir = dir.resolve(r.run().variant().id()).resolve("seed-" + r.run().seed());
            for (String file : List.of(TrainingRun.RESULT, TrainingRun.MODEL, TrainingRun.SETTINGS,
                    TrainingRun.TEST_PREDICTIONS)) {
                assertTrue(Files.exists(runDir.resolve(file)), runDir.resolve(file) + " exists");
            }
            assertEquals(301, Files.readAllLines(runDir.resolve(TrainingRun.TEST_PREDICTIONS)).size(),
                    "a header and one row per test image");
        }
        assertEquals(1L, first.get(0).run().spec().training().seed(), "the seed is the run's spec's");
        StudyResults results = StudyResults.of(plan, first, dir, data);
        StudyReport report = new StudyReport(results, first, "test", Map.of());
        report.write(dir);

        for (String plot : List.of(StudyReport.TEST_ACCURACY_PNG, RobustnessReport.ROBUSTNESS_PNG,
                RobustnessReport.RELIABILITY_PNG)) {
            assertTrue(Files.size(dir.resolve(plot)) > 1_000, plot + " is written");
        }
        Path evaluated = dir.resolve("hflip").resolve("seed-2").resolve(RobustnessCalibration.FILE);
        FileTime evaluatedAt = Files.getLastModifiedTime(evaluated);
        List<StudyRunner.FinishedRun> again = run(plan, dir);

        assertTrue(again.stream().noneMatch(StudyRunner.FinishedRun::trained), "nothing is trained again");
        assertEquals(evaluatedAt, Files.getLastModifiedTime(evaluated), "an evaluated run is not evaluated again");
        assertEquals(first.stream().map(StudyRunner.FinishedRun::result).toList(),
                again.stream().map(StudyRunner.FinishedRun::result).toList());
        StudyResults reread = StudyResults.of(plan, again, dir, data);
        assertEquals(results, reread);
        assertEquals(report.toMarkdown(), new StudyReport(reread, again, "test", Map.of()).toMarkdown());

        // A finished run from before robustness was measured: the next study run evaluates it without training.
        Path unevaluated = dir.resolve("baseline").resolve("seed-1").resolve(RobustnessCalibration.FILE);
        Files.delete(unevaluated);
        List<StudyRunner.FinishedRun> evaluatedNow = run(plan, dir);
        assertTrue(evaluatedNow.stream().noneMatch(StudyRunner.FinishedRun::trained));
        assertTrue(Files.exists(unevaluated));
        assertEquals(first.get(0).evaluation().perturbedAccuracy(),
                evaluatedNow.get(0).evaluation().perturbedAccuracy(), "the same model on the same perturbed images");
        assertEquals(first.get(0).evaluation().calibration(), evaluatedNow.get(0).evaluation().calibration());
    }

    @Test
    void runsTrainedTwoAtATimeEqualRunsTrainedOneAfterTheOther(@TempDir Path dir) throws IOException {
        StudyPlan plan = plan(List.of(7L, 8L));
        List<StudyRunner.FinishedRun> sequential = run(plan, dir.resolve("sequential"));
        List<StudyRunner.FinishedRun> parallel = new StudyRunner(data, dir.resolve("parallel"), Progress.silent(),
                new StopSignal(), (run, runDir) -> null).run(plan, 2);

        // The same runs in the plan's order, each with the same numbers: the threads share no state.
        assertEquals(sequential.stream().map(StudyRunner.FinishedRun::run).toList(),
                parallel.stream().map(StudyRunner.FinishedRun::run).toList());
        assertTrue(parallel.stream().allMatch(StudyRunner.FinishedRun::trained));
        for (int i = 0; i < sequential.size(); i++) {
            assertEquals(sequential.get(i).result().test(), parallel.get(i).result().test(),
                    sequential.get(i).run().label());
            assertEquals(sequential.get(i).result().lastEpoch().trainLoss(),
                    parallel.get(i).result().lastEpoch().trainLoss(), sequential.get(i).run().label());
            assertEquals(sequential.get(i).evaluation().perturbedAccuracy(),
                    parallel.get(i).evaluation().perturbedAccuracy(), sequential.get(i).run().label());
        }
        assertThrows(IllegalArgumentException.class, () -> new StudyRunner(data, dir, Progress.silent(),
                new StopSignal(), (run, runDir) -> null).run(plan, 0));
    }

    @Test
    void aSeedAddedLaterTrainsOnlyItsOwnRuns(@TempDir Path dir) throws IOException {
        run(plan(List.of(3L)), dir);
        List<StudyRunner.FinishedRun> more = run(plan(List.of(3L, 4L)), dir);

        assertEquals(List.of(false, true, false, true), more.stream().map(StudyRunner.FinishedRun::trained).toList());
    }

    @Test
    void studyJsonRoundTripsAndHoldsWhatTheReportShows(@TempDir Path dir) throws IOException {
        StudyPlan plan = plan(List.of(5L, 6L));
        List<StudyRunner.FinishedRun> runs = run(plan, dir);
        StudyResults results = StudyResults.of(plan, runs, dir, data);
        Path file = dir.resolve(StudyResults.FILE);
        results.write(file);

        StudyResults read = StudyResults.read(file);
        assertEquals(results, read);
        assertEquals(List.of(5L, 6L), read.settings().seeds());
        assertEquals(256, read.settings().trainImages());
        assertEquals(300, read.settings().testImages());
        assertEquals("custom", read.settings().study());

        StudyResults.VariantRecord hflip = read.variant("hflip");
        double baselineMean = (read.runs().get(0).testAccuracy() + read.runs().get(1).testAccuracy()) / 2;
        double hflipMean = (read.runs().get(2).testAccuracy() + read.runs().get(3).testAccuracy()) / 2;
        assertEquals(hflipMean, hflip.mean(), 1e-15);
        assertEquals(hflipMean - baselineMean, hflip.diffVsBaseline(), 1e-15);
        assertEquals(2, hflip.mcNemar().size());
        // Each run's accuracy is what its test predictions say.
        for (StudyResults.RunRecord r : read.runs()) {
            TestPredictions predictions = TestPredictions.read(dir.resolve(r.variant()).resolve("seed-" + r.seed())
                    .resolve(TrainingRun.TEST_PREDICTIONS));
            int correct = 0;
            for (boolean c : predictions.correct()) {
                correct += c ? 1 : 0;
            }
            assertEquals(r.testAccuracy(), correct / 300.0, 1e-12);
        }

        String markdown = new StudyReport(read, runs, "test", Map.of()).toMarkdown();
        assertTrue(markdown.contains(String.format(java.util.Locale.ROOT, "| hflip | %.2f%% ± ", 100 * hflip.mean())),
                markdown);
        assertTrue(markdown.contains(String.format(java.util.Locale.ROOT, "| hflip | %+.2f pt [%+.2f, %+.2f] | %s |",
                100 * hflip.diffVsBaseline(), 100 * hflip.diffCi95Low(), 100 * hflip.diffCi95High(),
                hflip.verdict())), markdown);
        assertFalse(markdown.contains("NaN"), markdown);
    }

    @Test
    void robustnessAndCalibrationInStudyJsonAreTheRunsOwnAndTheReportShowsThem(@TempDir Path dir)
            throws IOException {
        StudyPlan plan = plan(List.of(7L, 8L));
        List<StudyRunner.FinishedRun> runs = run(plan, dir);
        StudyResults results = StudyResults.of(plan, runs, dir, data);
        results.write(dir.resolve(StudyResults.FILE));
        StudyResults read = StudyResults.read(dir.resolve(StudyResults.FILE));

        for (StudyResults.RunRecord r : read.runs()) {
            RobustnessCalibration own = RobustnessCalibration.read(dir.resolve(r.variant())
                    .resolve("seed-" + r.seed()).resolve(RobustnessCalibration.FILE));
            assertEquals(own.perturbedAccuracy(), r.perturbedAccuracy());
            assertEquals(own.meanPerturbedAccuracy(), r.meanPerturbedAccuracy());
            assertEquals(own.cleanAccuracy(), r.perturbedImagesClean());
            assertEquals(own.calibration().ece(), r.ece());
            assertEquals(250, own.images());
            assertEquals(300, own.calibration().images());
            TestPredictions predictions = TestPredictions.read(dir.resolve(r.variant()).resolve("seed-" + r.seed())
                    .resolve(TrainingRun.TEST_PREDICTIONS));
            int right = 0;
            for (int i = 0; i < 250; i++) {
                right += predictions.correct()[i] ? 1 : 0;
            }
            assertEquals(right / 250.0, own.cleanAccuracy(), 1e-12, "the tested model, on the first 250 images");
        }
        StudyResults.RunRecord h7 = read.runs().get(2);
        StudyResults.RunRecord h8 = read.runs().get(3);
        StudyResults.VariantRecord hflip = read.variant("hflip");
        StudyResults.VariantRecord baseline = read.variant("baseline");
        assertEquals((h7.meanPerturbedAccuracy() + h8.meanPerturbedAccuracy()) / 2,
                hflip.robustness().mean().mean(), 1e-15);
        double shift4 = (shift4(h7) + shift4(h8)) / 2;
        assertEquals(shift4, hflip.robustness().groups().get("shift 4").mean(), 1e-15);
        assertEquals(shift4 - (shift4(read.runs().get(0)) + shift4(read.runs().get(1))) / 2,
                hflip.robustness().groups().get("shift 4").diffVsBaseline(), 1e-15);
        assertEquals((h7.ece() + h8.ece()) / 2, hflip.calibration().ece().mean(), 1e-15);
        assertEquals(600, hflip.calibration().reliability().stream().mapToLong(ReliabilityBin::count).sum(),
                "both seeds' 300 test images");
        assertEquals("", baseline.robustness().mean().verdict());

        String markdown = new StudyReport(read, runs, "test", Map.of()).toMarkdown();
        StringBuilder row = new StringBuilder("| hflip | ").append(StudyReport.percent(hflip.robustness().clean()
                .mean())).append(" |");
        for (StudyResults.Compared g : hflip.robustness().groups().values()) {
            row.append(' ').append(StudyReport.percent(g.mean())).append(" |");
        }
        row.append(' ').append(StudyReport.percent(hflip.robustness().mean().mean())).append(" |");
        assertTrue(markdown.contains(row), row + " in\n" + markdown);
        assertTrue(markdown.contains(String.format(Locale.ROOT, "- **hflip**: %+.2f pt [%+.2f, %+.2f] on average "
                + "under the perturbations", 100 * hflip.robustness().mean().diffVsBaseline(),
                100 * hflip.robustness().mean().diffCi95Low(), 100 * hflip.robustness().mean().diffCi95High())),
                markdown);
        assertTrue(markdown.contains(String.format(Locale.ROOT, "| baseline | %.2f%% [%.2f, %.2f]%% | %.4f | %.4f |",
                100 * baseline.calibration().ece().mean(), 100 * baseline.calibration().ece().ci95Low(),
                100 * baseline.calibration().ece().ci95High(), baseline.calibration().nll().mean(),
                baseline.calibration().brier().mean())), markdown);
    }

    private static double shift4(StudyResults.RunRecord r) {
        return (r.perturbedAccuracy().get("shift-left-4") + r.perturbedAccuracy().get("shift-right-4")
                + r.perturbedAccuracy().get("shift-up-4") + r.perturbedAccuracy().get("shift-down-4")) / 4;
    }
}
