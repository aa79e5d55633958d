package org.fmnist.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.fmnist.models.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The options both benchmarks share: checked before anything is loaded, with one message naming the option. */
class StepTimingTest {

    @Command(name = "timed")
    static final class Timed implements Callable<Integer> {
        @Mixin
        StepTiming timing;
        List<Preset> presets;

        @Override
        public Integer call() {
            presets = timing.presets();
            return 0;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--batch|0|--batch must be at least 1, was 0",
        "--steps|-3|--steps must be at least 1, was -3",
        "--inference-batch|0|--inference-batch must be at least 1, was 0",
        "--breakdown|-1|must not be negative",
        "--presets|baseline,nope|--presets: unknown preset 'nope'"})
    void refusesABadValueWithOneLineNamingIt(String option, String value, String message) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Timed()).setErr(new PrintWriter(err));

        int exit = cli.execute(option, value);

        assertEquals(2, exit);
        assertTrue(err.toString().contains(message), err.toString());
    }

    @Test
    void givesThePresetsAndSizesAsked() {
        Timed timed = new Timed();
        int exit = new CommandLine(timed).execute("--presets", "regularized,baseline", "--batch", "32",
                "--inference-batch", "128", "--breakdown", "5");

        assertEquals(0, exit);
        assertEquals(List.of(Preset.REGULARIZED, Preset.BASELINE), timed.presets);
        assertEquals(32, timed.timing.batch());
        assertEquals(128, timed.timing.inferenceBatch());
        assertEquals(5, timed.timing.breakdown());
    }

    @Test
    void countsEveryTimedStepAndAtLeastTheWarmUpsOnes() {
        Timed timed = new Timed();
        new CommandLine(timed).parseArgs("--batch", "16", "--steps", "7", "--warmup", "4", "--warmup-seconds", "0");
        int[] runs = {0};

        timed.timing.warmUpTraining(() -> runs[0]++);
        assertEquals(4, runs[0], "no time asked: the warm-up's count");
        double imagesPerSecond = timed.timing.trainingImagesPerSecond(() -> runs[0]++);
        assertEquals(11, runs[0], "7 timed steps after the 4");
        assertTrue(imagesPerSecond > 0 && Double.isFinite(imagesPerSecond), "" + imagesPerSecond);
    }
}
