package org.fmnist.examples.cli;

import org.fmnist.data.FashionMnist;
import org.fmnist.examples.study.Budget;
import org.fmnist.examples.study.Study;
import org.fmnist.examples.study.StudyPlan;
import org.fmnist.examples.study.StudyReport;
import org.fmnist.examples.study.StudyResults;
import org.fmnist.examples.study.StudyRunner;
import org.fmnist.examples.training.Progress;
import org.fmnist.examples.training.StopSignal;
import org.fmnist.models.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/**
 * {@code fmnist compare}: a study, every variant with the same seeds and budget, and its report with the
 * statistics over seeds.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The study: trains each variant of --study with each of --seeds on one --budget, one run "
                + "after the other, then writes study.json, report.md, report.html (self-contained) and the plots to "
                + "--out, and each run's files to --out/VARIANT/seed-SEED. A re-run with the same --out trains only "
                + "what is missing: finished runs are kept, an interrupted one continues from its checkpoint.",
                "Budgets: quick (2 seeds, 5 epochs on 1,000 training images, validated on 1,000 and tested on 2,000: "
                        + "a quick look), default (3 seeds, 10 epochs on 10,000 training images, validated on all "
                        + "5,000, tested on all 10,000), full (5 seeds, all 55,000 training images, each variant "
                        + "its preset's epochs)."})
final class CompareCommand implements Callable<Integer> {

    /** Augmented versions of each image in a variant's augmentation preview. */
    private static final int PREVIEW_AUGMENTATIONS = 6;

    @ParentCommand
    FmnistCommand root;

    @Option(names = "--study", paramLabel = "STUDY", defaultValue = "regularization",
            description = "regularization (baseline, l1, l2, dropout, batchnorm, early-stopping, augmented, "
                    + "regularized, best), augmentation (baseline, rotate, shift, scale, hflip, noise, "
                    + "all-augmentations) or all (both); default: ${DEFAULT-VALUE}.")
    String study;

    @Option(names = "--models", paramLabel = "LIST", split = ",",
            description = "Comma-separated presets instead of the study's; the first is the baseline the others "
                    + "are compared with.")
    List<String> models;

    @Option(names = "--budget", paramLabel = "BUDGET", defaultValue = "default",
            description = "quick, default or full (see above); default: ${DEFAULT-VALUE}.")
    String budget;

    @Option(names = "--quick", description = "The same as --budget quick.")
    boolean quick;

    @Option(names = "--seeds", paramLabel = "N|LIST",
            description = "N seeds (1 to N), or a comma-separated list of seeds and ranges such as 1,2,7 or 4-6 "
                    + "(7-7 is seed 7 alone); default: the budget's (2 quick, 3 default, 5 full). Every variant "
                    + "trains with every seed.")
    String seeds;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of every run instead of the budget's.")
    Integer epochs;

    @Mixin
    Options.Ui ui;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: runs/compare-TIME); an existing study there is continued.")
    Path out;

    @Mixin
    Options.Data data;

    @Override
    public Integer call() throws Exception {
        StudyPlan plan = plan();
        ui.check();
        Path dir = Options.outputDirectory(out, "compare");
        FashionMnist fashion = data.load();

        StopSignal stop = StopSignal.onInterrupt(root.err);
        try (LiveDashboard dashboard = LiveDashboard.startIfAsked(ui, root.err)) {
            StudyRunner runner = new StudyRunner(fashion, dir, Progress.standardError(), stop, (run, runDir) -> {
                try {
                    return dashboard == null ? null : dashboard.listen(runDir, run.variant().id() + "-seed-" + run.seed());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<StudyRunner.FinishedRun> runs = runner.run(plan);
            if (runs.isEmpty()) {
                root.err.println("continue with: ./fmnist " + commandLine() + (out == null ? " --out " + dir : ""));
                return StopSignal.EXIT_INTERRUPTED;
            }
            StudyResults results = StudyResults.of(plan, runs, dir, fashion);
            results.write(dir.resolve(StudyResults.FILE));
            Map<String, Path> previews = new LinkedHashMap<>();
            for (Preset variant : plan.variants()) {
                String augmentation = variant.spec().augmentation();
                if (!augmentation.isEmpty()) {
                    Path png = dir.resolve(StudyReport.previewFile(variant.id()));
                    Previews.write(fashion, augmentation, PREVIEW_AUGMENTATIONS, plan.seeds().get(0), png);
                    previews.put(variant.id(), png);
                }
            }
            StudyReport report = new StudyReport(results, runs, "./fmnist " + commandLine(), previews);
            report.write(dir);
            root.out.println(report.summaryText());
            root.out.println("report: " + dir.resolve(StudyReport.MARKDOWN) + " and " + dir.resolve(StudyReport.HTML)
                    + "; results: " + dir.resolve(StudyResults.FILE));
            if (dashboard != null) {
                dashboard.holdUntilStopped(stop);
            }
            return 0;
        }
    }

    /** The plan the options describe, or a one-line error naming the option that is wrong. */
    StudyPlan plan() {
        Budget chosen;
        try {
            chosen = quick ? Budget.QUICK : Budget.of(budget);
        } catch (IllegalArgumentException e) {
            throw new UserException("--budget: " + e.getMessage(), e);
        }
        Options.require(!quick || budget.equals("default") || budget.equals("quick"),
                "--quick and --budget " + budget + " contradict each other");
        Study chosenStudy;
        try {
            chosenStudy = Study.of(study);
        } catch (IllegalArgumentException e) {
            throw new UserException("--study: " + e.getMessage(), e);
        }
        List<Preset> variants = new ArrayList<>();
        String title;
        if (models != null) {
            for (String id : new LinkedHashSet<>(models)) {
                variants.add(Options.preset("--models", id.strip()));
            }
            Options.require(!variants.isEmpty(), "--models must name at least one preset");
            title = "Fashion-MNIST: " + String.join(", ", variants.stream().map(Preset::id).toList());
        } else {
            variants.addAll(chosenStudy.variants());
            title = "Fashion-MNIST: the " + chosenStudy.id() + " study";
        }
        if (epochs != null) {
            Options.require(epochs >= 1, "--epochs must be at least 1, was " + epochs);
        }
        return new StudyPlan(title, variants, seeds(seeds, chosen), chosen, epochs == null ? 0 : epochs);
    }

    /**
     * The seeds {@code --seeds} names.
     *
     * @param seeds  the option's text, or null for the budget's count
     * @param chosen the budget
     * @return the seeds in the order given
     * @throws UserException if the text is neither a count nor a list of seeds and ranges
     */
    static List<Long> seeds(String seeds, Budget chosen) {
        if (seeds == null) {
            return LongStream.rangeClosed(1, chosen.seeds()).boxed().toList();
        }
        String text = seeds.strip();
        try {
            if (!text.contains(",") && !text.contains("-")) {
                int n = Integer.parseInt(text);
                Options.require(n >= 1, "--seeds must be at least 1, was " + n);
                return LongStream.rangeClosed(1, n).boxed().toList();
            }
            List<Long> list = new ArrayList<>();
            for (String part : text.split(",")) {
                String[] ends = part.strip().split("-", -1);
                if (ends.length > 2) {
                    throw new NumberFormatException(part);
                }
                long first = Long.parseLong(ends[0].strip());
                long last = ends.length == 2 ? Long.parseLong(ends[1].strip()) : first;
                Options.require(first <= last, "--seeds range " + part.strip() + " runs backwards");
                for (long seed = first; seed <= last; seed++) {
                    Options.require(!list.contains(seed), "--seeds names seed " + seed + " twice");
                    list.add(seed);
                }
            }
            return list;
        } catch (NumberFormatException e) {
            throw new UserException("--seeds must be a count or a comma-separated list of seeds and ranges (1,2,7 or 4-6), was '" + seeds
                    + "'", e);
        }
    }

    private String commandLine() {
        return String.join(" ", root.spec.commandLine().getParseResult().originalArgs());
    }
}
