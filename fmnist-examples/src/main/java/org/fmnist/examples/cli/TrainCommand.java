package org.fmnist.examples.cli;

import org.fmnist.augment.Pipeline;
import org.fmnist.data.FashionMnist;
import org.fmnist.examples.report.VariantResult;
import org.fmnist.examples.training.Progress;
import org.fmnist.examples.training.StopSignal;
import org.fmnist.examples.training.TrainingRun;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fmnist train}: trains one model and writes its metrics, model and test evaluation. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains one model on Fashion-MNIST, showing a progress bar per epoch.",
                "Writes to --out: metrics.csv and metrics.json (per epoch), checkpoint.zip (after every epoch), "
                        + "model.zip (the model with its specification), evaluation.md/.json (test accuracy, "
                        + "per-class precision/recall/F1, confusion matrix) and result.json.",
                "Ctrl-C stops after the current batch and keeps the last completed epoch's checkpoint; "
                        + "--resume continues from it."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    FmnistCommand root;

    @Option(names = "--model", paramLabel = "PRESET", defaultValue = "baseline",
            description = "Model preset: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = PresetIds.class)
    String model;

    @Option(names = "--augment", paramLabel = "SPEC",
            description = "Augment training batches, e.g. rotate=10,shift=2,scale=0.9:1.1,hflip=0.5,noise=0.05; "
                    + "'none' turns off a preset's augmentation (default: the preset's).")
    String augment;

    @Mixin
    Options.Budget budget;

    @Mixin
    Options.Ui ui;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/train-PRESET-TIME).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint.")
    boolean resume;

    @Mixin
    Options.Data data;

    @Override
    public Integer call() throws Exception {
        Preset preset = Options.preset("--model", model);
        ModelSpec spec = budget.apply(preset.spec(), null);
        String description = preset.description();
        if (augment != null) {
            Pipeline pipeline = Options.augmentation(augment);
            spec = Options.build(spec.toBuilder().optAugmentation(pipeline));
            if (!pipeline.equals(preset.spec().training().augmentation())) {
                description += spec.training().augmented()
                        ? "; augmentation " + spec.training().augmentationText() : "; augmentation off";
            }
        }
        int subset = budget.trainSubset(0);
        Options.require(!resume || out != null, "--resume needs --out, the directory of the run to continue");
        ui.check();
        Path dir = Options.outputDirectory(out, "train-" + preset.id());
        FashionMnist fashion = data.load();

        StopSignal stop = StopSignal.onInterrupt(root.err);
        try (LiveDashboard dashboard = LiveDashboard.startIfAsked(ui, root.err, stop)) {
            TrainingRun.Builder run = TrainingRun.builder(fashion, spec, dir)
                    .optLabel(preset.id())
                    .optDescription(description)
                    .optTrainSubset(subset)
                    .optResume(resume)
                    .optProgress(Progress.standardError())
                    .optStopSignal(stop);
            if (dashboard != null) {
                run.optListener(dashboard.listen(dir, preset.id()));
            }
            TrainingRun.Outcome outcome = run.build().run();
            if (outcome.interrupted()) {
                root.err.println("continue with: fmnist train --model " + model + " --out " + dir + " --resume"
                        + " (and the same options)");
                return StopSignal.EXIT_INTERRUPTED;
            }
            VariantResult result = outcome.result();
            if (outcome.resumedFinished()) {
                root.err.println(dir + " holds a finished run; nothing to resume");
            }
            root.out.println(String.format(Locale.ROOT, "%s: test accuracy %.2f%% (epoch %d of %d%s), best validation "
                            + "accuracy %.2f%% (epoch %d)", result.id(), 100 * result.test().accuracy(),
                    result.testedEpoch(), result.epochs().size(), result.stoppedEarly() ? ", stopped early" : "",
                    100 * result.bestEpoch().validationAccuracy(), result.bestEpoch().epoch()));
            root.out.println("model:      " + dir.resolve(TrainingRun.MODEL));
            root.out.println("metrics:    " + dir.resolve("metrics.csv"));
            root.out.println("evaluation: " + dir.resolve(TrainingRun.EVALUATION_MD));
            if (dashboard != null) {
                root.out.println("statistics: " + dir.resolve(LiveDashboard.STATS_FILE)
                        + " (replay with: fmnist ui --stats " + dir.resolve(LiveDashboard.STATS_FILE) + ")");
                dashboard.holdUntilStopped(stop);
            }
            return 0;
        }
    }

    /** The preset ids, for help texts. */
    static final class PresetIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Preset.values()).map(Preset::id).iterator();
        }
    }
}
