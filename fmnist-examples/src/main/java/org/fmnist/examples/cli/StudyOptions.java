package org.fmnist.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.LongStream;
import org.fmnist.data.DatasetException;
import org.fmnist.data.FashionMnist;
import org.fmnist.examples.study.Budget;
import org.fmnist.examples.study.Study;
import org.fmnist.examples.study.StudyPlan;
import org.fmnist.models.Preset;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that say which study to run and where: {@code --study --models --budget --quick --seeds --epochs
 * --out --data-dir}. A picocli mixin shared by {@code fmnist compare} and the study's other drivers (fmnist-spark),
 * so that every driver takes the same study the same way and rejects the same mistakes.
 */
public final class StudyOptions {

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

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: runs/compare-TIME); an existing study there is continued.")
    Path out;

    @Mixin
    Options.Data data;

    /**
     * The plan the options describe.
     *
     * @throws UserException naming the option that is wrong
     */
    public StudyPlan plan() {
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

    /** Whether {@code --out} was given (otherwise {@link #outputDirectory()} makes up a new one). */
    public boolean outGiven() {
        return out != null;
    }

    /**
     * The study's directory: {@code --out}, or {@code runs/compare-<time>}; created and checked writable now, so
     * that a bad {@code --out} fails before any training.
     *
     * @throws UserException if it cannot be created or written
     */
    public Path outputDirectory() {
        return Options.outputDirectory(out, "compare");
    }

    /** {@code --data-dir}, or null for the dataset's usual places. */
    public Path dataDir() {
        return data.dataDir;
    }

    /**
     * The dataset from {@code --data-dir} or its usual places.
     *
     * @throws UserException if it is missing or damaged
     */
    public FashionMnist loadData() {
        return data.load();
    }

    /**
     * The dataset from a directory, or from its usual places when it is null.
     *
     * @throws UserException if it is missing or damaged
     */
    public static FashionMnist load(Path dataDir) {
        try {
            return dataDir != null ? FashionMnist.load(dataDir) : FashionMnist.load();
        } catch (DatasetException e) {
            throw new UserException(e.getMessage(), e);
        }
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
            throw new UserException("--seeds must be a count or a comma-separated list of seeds and ranges "
                    + "(1,2,7 or 4-6), was '" + seeds + "'", e);
        }
    }
}
