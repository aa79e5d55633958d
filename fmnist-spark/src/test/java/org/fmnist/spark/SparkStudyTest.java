package org.fmnist.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.fmnist.data.testing.RealData;
import org.fmnist.examples.study.StudyResults;
import org.fmnist.examples.study.StudyReport;
import org.fmnist.examples.training.Checkpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark application's arguments, errors and result gathering, with Spark in this JVM ({@code local} mode). */
@Tag("real-data")
class SparkStudyTest {

    /** A study of two variants and two seeds, one epoch on the quick budget's 1,000 training images. */
    private static final String[] TINY = {"--models", "baseline,dropout", "--budget", "quick", "--seeds", "2",
            "--epochs", "1"};

    @BeforeAll
    static void realData() {
        RealData.load(); // skips the class where the dataset is not installed
    }

    /** What one invocation printed and returned. */
    private record Result(int status, String out, String err) {
    }

    private static Result run(SparkConf conf, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SparkStudy.run(conf, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static SparkConf local() {
        return new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false");
    }

    private static String[] with(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void badOptionsFailWithOneLineNamingTheOption(@TempDir Path dir) {
        Result budget = run(local(), "--budget", "huge", "--out", dir.toString());
        assertEquals(SparkStudy.EXIT_ERROR, budget.status());
        assertTrue(budget.err().startsWith("fmnist-spark: --budget: "), budget.err());
        assertEquals(1, budget.err().lines().count(), budget.err());

        Result seeds = run(local(), "--seeds", "2-1", "--out", dir.toString());
        assertEquals(SparkStudy.EXIT_ERROR, seeds.status());
        assertEquals("fmnist-spark: --seeds range 2-1 runs backwards", seeds.err().strip());

        Result model = run(local(), "--models", "baseline,nonsense", "--out", dir.toString());
        assertEquals(SparkStudy.EXIT_ERROR, model.status());
        assertTrue(model.err().startsWith("fmnist-spark: --models: "), model.err());

        Result unknown = run(local(), "--no-such-option");
        assertEquals(SparkStudy.EXIT_USAGE, unknown.status());
        assertTrue(unknown.err().startsWith("fmnist-spark: Unknown option: '--no-such-option'"), unknown.err());
    }

    @Test
    void withoutAMasterItSaysHowToStartIt(@TempDir Path dir) {
        Result result = run(new SparkConf(false), with(TINY, "--out", dir.toString()));
        assertEquals(SparkStudy.EXIT_ERROR, result.status());
        assertEquals("fmnist-spark: no Spark master: start fmnist-spark with spark-submit --master URL, or with "
                + "./fmnist compare --spark URL", result.err().strip());
    }

    @Test
    void trainsEveryRunOnTheExecutorsAndWritesTheStudyThenReusesIt(@TempDir Path dir) throws IOException {
        Result first = run(local(), with(TINY, "--out", dir.toString()));
        assertEquals(0, first.status(), first.err());
        assertTrue(first.err().contains("fmnist-spark: 4 of 4 runs to train on local[2]"), first.err());
        assertEquals(4, first.err().lines().filter(l -> l.matches("\\[[1-4]/4] .*: finished on .*")).count(),
                first.err());

        StudyResults results = StudyResults.read(dir.resolve(StudyResults.FILE));
        assertEquals(List.of("baseline", "baseline", "dropout", "dropout"),
                results.runs().stream().map(StudyResults.RunRecord::variant).toList());
        assertEquals(List.of(1L, 2L, 1L, 2L), results.runs().stream().map(StudyResults.RunRecord::seed).toList());
        for (StudyResults.RunRecord run : results.runs()) {
            assertTrue(run.testAccuracy() > 0.5 && run.testAccuracy() <= 1, run.toString());
            assertEquals(1, run.epochs());
        }
        assertTrue(Files.size(dir.resolve(StudyReport.MARKDOWN)) > 0);
        assertTrue(Files.size(dir.resolve(StudyReport.HTML)) > 0);
        assertTrue(first.out().contains("report: " + dir.resolve(StudyReport.MARKDOWN)), first.out());

        // A second run of the same study finds every run finished: no task, the same results.
        Result again = run(local(), with(TINY, "--out", dir.toString()));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("fmnist-spark: 0 of 4 runs to train"), again.err());
        assertFalse(again.err().contains("finished on"), again.err());
        assertEquals(results.runs(), StudyResults.read(dir.resolve(StudyResults.FILE)).runs());
    }

    @Test
    void aRunThatFailsForItsOwnReasonFailsTheStudyWithItsMessage(@TempDir Path dir) throws IOException {
        Path runDirectory = dir.resolve("dropout").resolve("seed-2");
        Files.createDirectories(runDirectory);
        Files.writeString(runDirectory.resolve(Checkpoint.FILE), "not a checkpoint");
        Result result = run(local(), with(TINY, "--out", dir.toString()));
        assertEquals(SparkStudy.EXIT_ERROR, result.status());
        String last = result.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("fmnist-spark: run dropout, seed 2: "), result.err());
        assertFalse(result.err().contains("SparkException"), result.err());
        assertFalse(Files.exists(dir.resolve(StudyResults.FILE)));
    }
}
