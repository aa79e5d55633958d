package org.fmnist.examples.cli;

import org.fmnist.augment.Perturbation;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.examples.evaluation.RobustnessCalibration;
import org.fmnist.data.io.AtomicFiles;
import org.fmnist.examples.report.Json;
import org.fmnist.examples.report.TestEvaluation;
import org.fmnist.examples.training.Scores;
import org.fmnist.examples.training.TrainingRun;
import org.fmnist.models.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code fmnist evaluate}: a saved model's test accuracy, per-class table and confusion matrix, its accuracy under
 * the study's fixed perturbations and its calibration.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluates a saved model (model.zip from 'fmnist train') on the 10,000 test images: accuracy, "
                + "per-class precision/recall/F1 and the confusion matrix; then its accuracy under the study's 17 "
                + "fixed perturbations of the test images (rotation, shift, scaling, mirror image, noise) and its "
                + "calibration (expected calibration error, negative log-likelihood, Brier score).")
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    FmnistCommand root;

    @Parameters(paramLabel = "MODEL", description = "The model file (model.zip, checkpoint.zip or best-epoch-N.zip).")
    Path model;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write evaluation.md, evaluation.json and robustness-calibration.json into DIR "
                    + "(default: print only).")
    Path out;

    @Mixin
    Options.Data data;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(model)) {
            throw new UserException(model + ": no such model file");
        }
        SavedModel saved;
        try {
            saved = SavedModel.load(model);
        } catch (IOException | RuntimeException e) {
            throw new UserException(model + ": not a model saved by fmnist (" + Main.describe(e) + ")", e);
        }
        Path dir = out == null ? null : Options.outputDirectory(out, "evaluate");
        FashionMnistIterator test = FashionMnistIterator.builder(data.load(), Split.TEST).optBatchSize(500).build();
        TestEvaluation evaluation = Scores.of(saved.network(), test, 0).toTestEvaluation();
        root.out.println("model " + saved.spec().name() + " (" + model + ")");
        root.out.print(evaluation.toText());
        test.reset();
        RobustnessCalibration robustness = RobustnessCalibration.evaluate(saved.network(), test,
                Perturbation.standard());
        root.out.println();
        root.out.print(robustness.toText());
        if (dir != null) {
            AtomicFiles.writeString(dir.resolve(TrainingRun.EVALUATION_MD), "# " + saved.spec().name()
                    + ": test evaluation\n\n" + evaluation.toMarkdown());
            AtomicFiles.writeString(dir.resolve(TrainingRun.EVALUATION_JSON), Json.mapper().writeValueAsString(evaluation) + "\n");
            robustness.write(dir.resolve(RobustnessCalibration.FILE));
            root.out.println("\nwritten: " + dir.resolve(TrainingRun.EVALUATION_MD) + ", "
                    + dir.resolve(TrainingRun.EVALUATION_JSON) + ", " + dir.resolve(RobustnessCalibration.FILE));
        }
        return 0;
    }
}
