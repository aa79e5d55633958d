package org.fmnist.examples.cli;

import org.fmnist.augment.Perturbation;
import org.fmnist.examples.evaluation.RobustnessCalibration;
import org.fmnist.examples.study.Budget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    /** What a command printed and returned. */
    private record Run(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLineError(Run run, int status, String expectedStart) {
        assertEquals(status, run.status(), run.err());
        assertEquals(1, run.errLines().size(), "one line, was:\n" + run.err());
        assertTrue(run.err().startsWith(expectedStart), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "compare", "evaluate", "preview", "ui", "data"})
    void everySubcommandHasHelp(String command) {
        Run run = run(command, "--help");
        assertEquals(0, run.status());
        assertTrue(run.out().startsWith("Usage: fmnist " + command), run.out());
        assertTrue(run.out().contains("--help"), run.out());
    }

    @Test
    void helpListsTheOptionsOfTheIssue() {
        String train = run("train", "--help").out();
        for (String option : List.of("--model", "--augment", "--epochs", "--batch", "--seed", "--train-subset", "--ui",
                "--ui-port", "--ui-host", "--out", "--resume", "--data-dir")) {
            assertTrue(train.contains(option), option);
        }
        String compare = run("compare", "--help").out();
        for (String option : List.of("--study", "--models", "--budget", "--quick", "--seeds", "--epochs", "--ui", "--out",
                "--data-dir")) {
            assertTrue(compare.contains(option), option);
        }
        // picocli wraps long lines; compare without whitespace.
        assertTrue(compare.replaceAll("\\s+", "").contains("default:regularization."), compare);
    }

    @Test
    void withoutASubcommandItPrintsUsage() {
        Run run = run();
        assertEquals(0, run.status());
        assertTrue(run.out().contains("train") && run.out().contains("compare"), run.out());
    }

    @Test
    void unknownPresetIsOneLine(@TempDir Path dir) {
        Run run = run("train", "--model", "resnet", "--out", dir.toString());
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist train: --model: unknown preset 'resnet'; valid presets: baseline, ");
    }

    @Test
    void unknownPresetInACompareListIsOneLine(@TempDir Path dir) {
        Run run = run("compare", "--models", "baseline,nope", "--out", dir.toString());
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist compare: --models: unknown preset 'nope'");
    }

    @Test
    void compareParallelMustBePositiveAndSparkNamesItsRoute(@TempDir Path dir) {
        assertOneLineError(run("compare", "--parallel", "0", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --parallel must be at least 1, was 0");
        assertOneLineError(run("compare", "--spark", "local[2]", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --spark runs through fmnist-spark's application: start it with the ./fmnist launcher");
    }

    @Test
    void badAugmentationSpecIsOneLine(@TempDir Path dir) {
        Run run = run("train", "--augment", "rotate=10,twirl=3", "--out", dir.toString());
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist train: --augment: augmentation step name must be one of ");
        assertTrue(run.err().contains("'twirl'"), run.err());
    }

    @Test
    void badPreviewSpecIsOneLine(@TempDir Path dir) {
        Run run = run("preview", "--augment", "rotate", "--out", dir.toString());
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist preview: --augment: ");
    }

    @Test
    void unwritableOutputDirectoryIsOneLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        Run run = run("train", "--out", file.resolve("run").toString());
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist train: cannot write to --out " + file.resolve("run"));
    }

    @Test
    void missingDataIsOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dataset");
        Run run = run("train", "--out", dir.resolve("run").toString(), "--data-dir", missing.toString());
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist train: " + missing);
    }

    @Test
    void dataDirectoryWithoutTheFilesIsOneLine(@TempDir Path dir) {
        Run run = run("data", "--data-dir", dir.toString(), "--no-download");
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist data: " + dir);
        assertTrue(run.err().contains("lacks"), run.err());
    }

    @Test
    void notAModelIsOneLine(@TempDir Path dir) throws Exception {
        Path bogus = Files.writeString(dir.resolve("model.zip"), "not a zip");
        Run run = run("evaluate", bogus.toString());
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist evaluate: " + bogus + ": not a model saved by fmnist");
    }

    @Test
    void resumeNeedsTheRunDirectory() {
        Run run = run("train", "--resume");
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist train: --resume needs --out");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = run("train", "--epoch=3");
        assertOneLineError(run, Main.EXIT_USAGE, "fmnist train: Unknown option: '--epoch=3'");
        assertTrue(run.err().contains("(see 'fmnist train --help')"), run.err());
    }

    @Test
    void outOfRangeValuesNameTheOption(@TempDir Path dir) {
        assertOneLineError(run("train", "--epochs", "0", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist train: --epochs must be at least 1, was 0");
        assertOneLineError(run("compare", "--epochs", "0", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --epochs must be at least 1, was 0");
        assertOneLineError(run("compare", "--seeds", "0", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --seeds must be at least 1, was 0");
        assertOneLineError(run("compare", "--seeds", "1,x", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --seeds must be a count or a comma-separated list of seeds and ranges (1,2,7 or 4-6), "
                        + "was '1,x'");
        assertOneLineError(run("compare", "--seeds", "5-3", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --seeds range 5-3 runs backwards");
        assertOneLineError(run("compare", "--seeds", "1-3,2", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --seeds names seed 2 twice");
        assertOneLineError(run("compare", "--seeds", "1,2,1", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --seeds names seed 1 twice");
        assertOneLineError(run("compare", "--study", "colour", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --study: unknown study 'colour'; valid studies: regularization, augmentation, all");
        assertOneLineError(run("compare", "--budget", "huge", "--out", dir.toString()), Main.EXIT_ERROR,
                "fmnist compare: --budget: unknown budget 'huge'; valid budgets: quick, default, full");
        assertOneLineError(run("train", "--ui", "--ui-port", "70000", "--out", dir.toString(), "--epochs", "1"),
                Main.EXIT_ERROR, "fmnist train: --ui-port must be in [0, 65535], was 70000");
    }

    @Test
    void seedsAreACountOrAListOfSeedsAndRanges() {
        assertEquals(List.of(1L, 2L, 3L), StudyOptions.seeds(null, Budget.DEFAULT));
        assertEquals(List.of(1L, 2L), StudyOptions.seeds("2", Budget.DEFAULT));
        assertEquals(List.of(7L), StudyOptions.seeds("7-7", Budget.DEFAULT));
        assertEquals(List.of(1L, 4L, 5L, 6L, 9L), StudyOptions.seeds("1, 4-6,9", Budget.DEFAULT));
        assertEquals(List.of(2L, 1L), StudyOptions.seeds("2,1", Budget.DEFAULT));
    }

    @Test
    void uiWithoutStatisticsIsOneLine(@TempDir Path dir) {
        Run run = run("ui", "--stats", dir.toString());
        assertOneLineError(run, Main.EXIT_ERROR, "fmnist ui: --stats: no stats.dl4j found in ");
    }

    @Test
    @Tag("real-data")
    void evaluatePrintsTheRobustnessAndCalibrationItWrites(@TempDir Path dir) throws Exception {
        Run train = run("train", "--model", "baseline", "--epochs", "1", "--train-subset", "500", "--out",
                dir.resolve("run").toString());
        assertEquals(0, train.status(), train.err());
        Run run = run("evaluate", dir.resolve("run").resolve("model.zip").toString(), "--out",
                dir.resolve("evaluated").toString());
        assertEquals(0, run.status(), run.err());
        RobustnessCalibration written = RobustnessCalibration.read(dir.resolve("evaluated")
                .resolve(RobustnessCalibration.FILE));
        assertEquals(10_000, written.images());
        assertEquals(Perturbation.standard().stream().map(Perturbation::name).toList(),
                List.copyOf(written.perturbedAccuracy().keySet()));
        for (Map.Entry<String, Double> e : written.perturbedAccuracy().entrySet()) {
            assertTrue(run.out().contains(String.format(Locale.ROOT, "  %-16s %7.2f%%", e.getKey(),
                    100 * e.getValue())), e.getKey() + " printed as written:\n" + run.out());
        }
        assertTrue(run.out().contains(String.format(Locale.ROOT, "expected calibration error %.2f%%, negative "
                + "log-likelihood %.4f, Brier score %.4f", 100 * written.calibration().ece(),
                written.calibration().nll(), written.calibration().brier())), run.out());
        // The clean accuracy of both parts of the output is the same model's on the same images.
        assertTrue(run.out().contains(String.format(Locale.ROOT, "test accuracy  %.2f%%",
                100 * written.cleanAccuracy())), run.out());
    }
}
