package org.fmnist.examples.cli;

import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.examples.report.StudyReport;
import org.fmnist.examples.report.VariantResult;
import org.fmnist.examples.training.Progress;
import org.fmnist.examples.training.StopSignal;
import org.fmnist.examples.training.TrainingRun;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.Preset;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code fmnist compare}: the study, every variant with the same seed and budget, and its report. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The study: trains each variant with the same seed and budget, one after the other, "
                + "then writes report.md, report.html (self-contained), the curve plots and the augmentation "
                + "preview to --out, and each variant's files to --out/VARIANT.",
                "Default budget: " + CompareCommand.DEFAULT_EPOCHS + " epochs on " + CompareCommand.DEFAULT_SUBSET
                        + " training images (--train-subset 0 for all 55,000), validated on 5,000 and tested on "
                        + "10,000. "
                        + "--quick: " + CompareCommand.QUICK_EPOCHS + " epochs on " + CompareCommand.QUICK_SUBSET
                        + " images, validation on " + CompareCommand.QUICK_VALIDATION_SUBSET + " and test on "
                        + CompareCommand.QUICK_EVALUATION_SUBSET + " images, within 10 minutes on 2 CPU cores."})
final class CompareCommand implements Callable<Integer> {

    static final String DEFAULT_MODELS = "baseline,l2,dropout,batchnorm,early-stopping,augmented,regularized";
    static final int DEFAULT_EPOCHS = 10;
    /** The default budget trains on a class-balanced subset: all 55,000 images take hours per variant on 2 cores. */
    static final int DEFAULT_SUBSET = 4_000;
    static final int QUICK_EPOCHS = 5;
    static final int QUICK_SUBSET = 1_000;
    /** --quick measures validation and test figures on class-balanced subsets of this size. */
    static final int QUICK_EVALUATION_SUBSET = 2_000;
    static final int QUICK_VALIDATION_SUBSET = 1_000;
    static final int QUICK_TRAIN_SAMPLE = 500;

    @ParentCommand
    FmnistCommand root;

    @Option(names = "--models", paramLabel = "LIST", defaultValue = DEFAULT_MODELS, split = ",",
            description = "Comma-separated presets to compare (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--quick", description = "A small budget that still shows the effects (see above).")
    boolean quick;

    @Mixin
    Options.Budget budget;

    @Mixin
    Options.Ui ui;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/compare-TIME).")
    Path out;

    @Option(names = "--resume", description = "Continue the study in --out: finished variants are kept, "
            + "an interrupted one continues from its checkpoint.")
    boolean resume;

    @Mixin
    Options.Data data;

    @Override
    public Integer call() throws Exception {
        List<Preset> presets = new ArrayList<>();
        for (String id : new LinkedHashSet<>(models)) {
            presets.add(Options.preset("--models", id.strip()));
        }
        Options.require(!presets.isEmpty(), "--models must name at least one preset");
        int epochs = budget.epochs != null ? budget.epochs : quick ? QUICK_EPOCHS : DEFAULT_EPOCHS;
        int subset = budget.trainSubset(quick ? QUICK_SUBSET : DEFAULT_SUBSET);
        List<ModelSpec> specs = new ArrayList<>();
        for (Preset p : presets) {
            specs.add(budget.apply(p.spec(), epochs));
        }
        Options.require(!resume || out != null, "--resume needs --out, the directory of the study to continue");
        ui.check();
        Path dir = Options.outputDirectory(out, "compare");
        FashionMnist fashion = data.load();

        String augmentation = Preset.AUGMENTED.spec().augmentation();
        Path preview = dir.resolve(StudyReport.PREVIEW_PNG);
        Previews.write(fashion, augmentation, 8, specs.get(0).seed(), preview);

        StopSignal stop = StopSignal.onInterrupt(root.err);
        List<VariantResult> results = new ArrayList<>();
        try (LiveDashboard dashboard = LiveDashboard.startIfAsked(ui, root.err)) {
            for (int i = 0; i < presets.size(); i++) {
                Preset preset = presets.get(i);
                Path variantDir = dir.resolve(preset.id());
                root.err.println(String.format(Locale.ROOT, "[%d/%d] %s: %s", i + 1, presets.size(), preset.id(),
                        preset.description()));
                TrainingRun.Builder run = TrainingRun.builder(fashion, specs.get(i), variantDir)
                        .optLabel(preset.id())
                        .optDescription(preset.description())
                        .optTrainSubset(subset)
                        .optValidationSubset(quick ? QUICK_VALIDATION_SUBSET : 0)
                        .optTrainSample(quick ? QUICK_TRAIN_SAMPLE : TrainingRun.DEFAULT_TRAIN_SAMPLE)
                        .optTestSubset(quick ? QUICK_EVALUATION_SUBSET : 0)
                        .optResume(resume && java.nio.file.Files.exists(variantDir))
                        .optProgress(Progress.standardError())
                        .optStopSignal(stop);
                if (dashboard != null) {
                    run.optListener(dashboard.listen(variantDir, preset.id()));
                }
                TrainingRun.Outcome outcome = run.build().run();
                if (outcome.interrupted()) {
                    root.err.println("continue with: ./fmnist " + commandLine() + (out == null ? " --out " + dir : "")
                            + (resume ? "" : " --resume"));
                    return StopSignal.EXIT_INTERRUPTED;
                }
                results.add(outcome.result());
            }
            Map<String, String> settings = settings(specs.get(0), epochs, subset, fashion);
            StudyReport report = new StudyReport("Regularization and augmentation on Fashion-MNIST",
                    "./fmnist " + commandLine(), settings, results, preview, augmentation);
            report.write(dir);
            root.out.println(tableText(report));
            root.out.println("report: " + dir.resolve(StudyReport.MARKDOWN) + " and " + dir.resolve(StudyReport.HTML));
            if (dashboard != null) {
                dashboard.holdUntilStopped(stop);
            }
            return 0;
        }
    }

    private String commandLine() {
        return String.join(" ", root.spec.commandLine().getParseResult().originalArgs());
    }

    private Map<String, String> settings(ModelSpec spec, int epochs, int subset, FashionMnist fashion) {
        int trainSplit = fashion.train().size() - FashionMnistIterator.DEFAULT_VALIDATION_SIZE;
        Map<String, String> s = new LinkedHashMap<>();
        s.put("seed", String.valueOf(spec.seed()));
        s.put("epoch budget", epochs + " (early-stopping variants may stop sooner)");
        s.put("training images", subset == 0 ? String.format(Locale.ROOT, "%,d (all)", trainSplit)
                : String.format(Locale.ROOT, "%,d (class-balanced subset of %,d)", subset, trainSplit));
        s.put("validation images", quick
                ? String.format(Locale.ROOT, "%,d (class-balanced subset of the %,d held out from the training file)",
                        QUICK_VALIDATION_SUBSET, FashionMnistIterator.DEFAULT_VALIDATION_SIZE)
                : String.format(Locale.ROOT, "%,d held out from the training file", FashionMnistIterator.DEFAULT_VALIDATION_SIZE));
        s.put("test images", quick
                ? String.format(Locale.ROOT, "%,d (class-balanced subset of %,d)", QUICK_EVALUATION_SUBSET, fashion.test().size())
                : String.format(Locale.ROOT, "%,d", fashion.test().size()));
        s.put("training loss and accuracy", String.format(Locale.ROOT,
                "measured after each epoch in inference mode on %,d of the training images", Math.min(
                        quick ? QUICK_TRAIN_SAMPLE : TrainingRun.DEFAULT_TRAIN_SAMPLE, subset == 0 ? trainSplit : subset)));
        s.put("batch size", String.valueOf(spec.batchSize()));
        s.put("machine", Runtime.getRuntime().availableProcessors() + " CPU cores, ND4J "
                + Nd4j.getBackend().getClass().getSimpleName() + ", Java " + Runtime.version().feature());
        s.put("date", LocalDate.now().toString());
        return s;
    }

    private static String tableText(StudyReport report) {
        StringBuilder text = new StringBuilder();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("variant", "test acc", "best val acc (epoch)", "gap", "epochs", "wall time", "img/s"));
        rows.addAll(report.table());
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                text.append(c == 0 ? String.format("%-" + width[c] + "s", cell) : "  " + String.format("%" + width[c] + "s", cell));
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }
}
