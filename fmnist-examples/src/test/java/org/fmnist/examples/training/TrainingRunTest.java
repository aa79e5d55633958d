package org.fmnist.examples.training;

import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.nn.api.Model;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.data.testing.RealData;
import org.fmnist.examples.report.EpochMetrics;
import org.fmnist.examples.report.Json;
import org.fmnist.examples.report.MetricsFiles;
import org.fmnist.examples.report.VariantResult;
import org.fmnist.models.ConvBlock;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.SavedModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("real-data")
class TrainingRunTest {

    /** A small network so that the tests stay quick on two cores. */
    private static ModelSpec tiny(int epochs) {
        return ModelSpec.builder()
                .optName("tiny")
                .optConvBlocks(List.of(ConvBlock.pooled(4)))
                .optDenseUnits(List.of(16))
                .optBatchSize(32)
                .optEpochs(epochs)
                .optSeed(5)
                .build();
    }

    private static TrainingRun.Builder run(ModelSpec spec, Path dir) {
        return TrainingRun.builder(RealData.load(), spec, dir)
                .optTrainSubset(160)
                .optTrainSample(100)
                .optValidationSubset(200)
                .optTestSubset(200);
    }

    @Test
    void writesMetricsModelAndEvaluation(@TempDir Path dir) throws IOException {
        TrainingRun.Outcome outcome = run(tiny(2), dir).optLabel("tiny-run").build().run();

        VariantResult result = outcome.result();
        assertFalse(outcome.interrupted());
        assertEquals("tiny-run", result.id());
        assertEquals(2, result.epochs().size());
        assertEquals(2, result.testedEpoch());
        assertEquals(200, result.test().total());
        assertEquals(List.of(1, 2), result.epochs().stream().map(EpochMetrics::epoch).toList());
        assertEquals(result.epochs(), MetricsFiles.readJson(dir.resolve(MetricsFiles.JSON)));
        assertEquals(3, Files.readAllLines(dir.resolve(MetricsFiles.CSV)).size(), "header and two epochs");
        assertEquals(result, Json.mapper().readValue(Files.readString(dir.resolve(TrainingRun.RESULT)), VariantResult.class));
        assertTrue(Files.readString(dir.resolve(TrainingRun.EVALUATION_MD)).contains("Confusion matrix"));

        // The saved model is the evaluated one: the same test images give the same accuracy.
        SavedModel saved = SavedModel.load(dir.resolve(TrainingRun.MODEL));
        assertEquals(tiny(2), saved.spec());
        FashionMnistIterator test = FashionMnistIterator.builder(RealData.load(), Split.TEST)
                .optSubset(200).optBatchSize(64).build();
        assertEquals(result.test().accuracy(), Scores.of(saved.network(), test, 0).accuracy(), 1e-12);
        assertEquals(2, Checkpoint.read(dir.resolve(Checkpoint.FILE)).state().epoch());
        Path plain = Files.createFile(dir.resolve("plain"));
        for (String file : List.of(TrainingRun.MODEL, Checkpoint.FILE, MetricsFiles.CSV, TrainingRun.RESULT)) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(dir.resolve(file)),
                    file + " has the permissions any new file gets");
        }
    }

    @Test
    void anInterruptedRunKeepsItsLastEpochAndResumesFromIt(@TempDir Path dir) throws IOException {
        StopSignal stop = new StopSignal();
        // 160 images in batches of 32: five iterations per epoch; stop in the middle of epoch 2.
        BaseTrainingListener stopInSecondEpoch = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                if (iteration == 7) {
                    stop.request();
                }
            }
        };
        TrainingRun.Outcome stopped = run(tiny(3), dir).optStopSignal(stop).optListener(stopInSecondEpoch).build().run();
        assertTrue(stopped.interrupted());
        assertEquals(1, stopped.completedEpochs());
        Checkpoint checkpoint = Checkpoint.read(dir.resolve(Checkpoint.FILE));
        assertEquals(1, checkpoint.state().epoch());
        assertEquals(5, checkpoint.network().getIterationCount(), "the checkpoint holds the end of epoch 1");
        assertFalse(Files.exists(dir.resolve(TrainingRun.RESULT)));
        EpochMetrics first = checkpoint.state().metrics().get(0);

        IOException refused = assertThrows(IOException.class, () -> run(tiny(3), dir).build().run());
        assertTrue(refused.getMessage().contains("already holds a run"), refused.getMessage());
        IOException otherSpec = assertThrows(IOException.class, () -> run(tiny(4), dir).optResume(true).build().run());
        assertTrue(otherSpec.getMessage().contains("holds a run with other settings (epochs 3 -> 4)"),
                otherSpec.getMessage());
        IOException otherImages = assertThrows(IOException.class,
                () -> run(tiny(3), dir).optTrainSubset(320).optResume(true).build().run());
        assertTrue(otherImages.getMessage().contains("other settings (train images 160 -> 320)"),
                otherImages.getMessage());

        TrainingRun.Outcome resumed = run(tiny(3), dir).optResume(true).build().run();
        assertFalse(resumed.interrupted());
        assertEquals(3, resumed.result().epochs().size());
        assertEquals(first, resumed.result().epochs().get(0), "epoch 1 is kept, not retrained");
        assertEquals(15, Checkpoint.read(dir.resolve(Checkpoint.FILE)).network().getIterationCount());

        TrainingRun.Outcome again = run(tiny(3), dir).optResume(true).build().run();
        assertTrue(again.resumedFinished());
        assertEquals(resumed.result(), again.result());

        // The same run without the interruption, on the same machine: the same figures to the bit.
        VariantResult uninterrupted = run(tiny(3), dir.resolve("uninterrupted")).build().run().result();
        assertEquals(withoutTimes(uninterrupted.epochs()), withoutTimes(resumed.result().epochs()));
        assertEquals(uninterrupted.test(), resumed.result().test());
        assertEquals(Files.readString(dir.resolve("uninterrupted").resolve(TrainingRun.TEST_PREDICTIONS)),
                Files.readString(dir.resolve(TrainingRun.TEST_PREDICTIONS)));
    }

    /** Losses and accuracies of each epoch, without the wall-clock figures that differ from run to run. */
    private static List<List<Double>> withoutTimes(List<EpochMetrics> epochs) {
        return epochs.stream().map(m -> List.of(m.trainLoss(), m.trainAccuracy(), m.validationLoss(),
                m.validationAccuracy())).toList();
    }

    @Test
    void earlyStoppingDeliversTheBestValidationEpoch(@TempDir Path dir) throws IOException {
        // A learning rate far below float32's resolution of the weights: validation accuracy stays where epoch 1
        // left it, so with patience 1 the run stops after epoch 2 and delivers epoch 1, the first best.
        ModelSpec spec = tiny(4).toBuilder().optPatience(1).optLearningRate(1e-12).build();
        VariantResult result = run(spec, dir).build().run().result();
        assertTrue(result.stoppedEarly());
        assertEquals(2, result.epochs().size(), "patience 1 stops one epoch after the best");
        assertEquals(result.epochs().get(0).validationAccuracy(), result.epochs().get(1).validationAccuracy());
        assertEquals(1, result.testedEpoch());
        assertEquals(result.bestEpoch().epoch(), result.testedEpoch());
        try (var files = Files.list(dir)) {
            List<String> best = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("best-epoch-")).toList();
            assertEquals(List.of("best-epoch-001.zip"), best);
        }
    }

    @Test
    void eachPurposeAndEpochHasItsOwnReproducibleStream(@TempDir Path dir) {
        TrainingRun run = run(tiny(2), dir).build();
        assertEquals(run.stream(0, 1).nextLong(), run.stream(0, 1).nextLong());
        assertNotEquals(run.stream(0, 1).nextLong(), run.stream(0, 2).nextLong());
        assertNotEquals(run.stream(0, 1).nextLong(), run.stream(1, 1).nextLong());
    }

    @Test
    void rejectsANegativeSubset(@TempDir Path dir) {
        FashionMnist data = RealData.load();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.builder(data, tiny(1), dir).optTrainSubset(-1).build());
        assertEquals("trainSubset must be at least 0 (0 = all), was -1", e.getMessage());
    }
}
