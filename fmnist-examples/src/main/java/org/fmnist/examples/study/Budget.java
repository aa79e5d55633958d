package org.fmnist.examples.study;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.fmnist.models.Preset;

/**
 * How much training a study spends on each (variant, seed) run: images, epochs and the default number of seeds.
 * Image counts of 0 mean the whole split (55,000 training, 5,000 validation, 10,000 test images); subsets are
 * class-balanced. {@link #QUICK}, {@link #DEFAULT} and {@link #FULL} are the command line's; others serve tests and
 * programs.
 *
 * @param id               the name on the command line and in reports
 * @param seeds            seeds a study of this budget trains each variant with unless told otherwise, at least 1
 * @param epochs           epochs of every run, or 0 for each variant's preset's own
 * @param trainImages      training images per run, 0 for all 55,000
 * @param validationImages validation images each epoch is measured on, 0 for all 5,000
 * @param testImages       test images the delivered model is evaluated on, 0 for all 10,000
 * @param trainSample      trained images the per-epoch training loss and accuracy are measured on, at least 1
 * @param perturbedImages  test images the robustness evaluation perturbs, the first of the tested ones, or 0 for
 *                         all of them: 17 perturbations cost 17 inference passes, half the training time of a
 *                         default-budget run if done on all 10,000
 */
public record Budget(String id, int seeds, int epochs, int trainImages, int validationImages, int testImages,
                     int trainSample, int perturbedImages) {

    /** A quick look: a study within 10 minutes on 2 CPU cores, too small for conclusions. */
    public static final Budget QUICK = new Budget("quick", 2, 5, 1_000, 1_000, 2_000, 500, 1_000);
    /** The default: large enough that regularization effects show beyond the seed spread, within an hour. */
    public static final Budget DEFAULT = new Budget("default", 3, 10, 10_000, 0, 0, 2_000, 2_000);
    /**
     * All training images, each variant for its preset's own epochs (long enough that its validation curve has
     * flattened), five seeds: hours per variant on 2 cores, what a cluster or a GPU is for.
     */
    public static final Budget FULL = new Budget("full", 5, 0, 0, 0, 0, 2_000, 0);

    private static final List<Budget> NAMED = List.of(QUICK, DEFAULT, FULL);

    /**
     * Validates the budget.
     *
     * @throws IllegalArgumentException if a count is out of its range
     */
    public Budget {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank, was '" + id + "'");
        }
        require("seeds", seeds, 1);
        require("epochs", epochs, 0);
        require("trainImages", trainImages, 0);
        require("validationImages", validationImages, 0);
        require("testImages", testImages, 0);
        require("trainSample", trainSample, 1);
        require("perturbedImages", perturbedImages, 0);
    }

    private static void require(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", was " + value);
        }
    }

    /**
     * The epochs a variant trains for (early-stopping variants may stop sooner).
     *
     * @param variant the variant
     * @return this budget's epochs, or where it has none the preset's own
     */
    public int epochs(Preset variant) {
        return epochs > 0 ? epochs : variant.spec().training().epochs();
    }

    /**
     * The command line's budget with the given id.
     *
     * @param id {@code quick}, {@code default} or {@code full}
     * @return the budget
     * @throws IllegalArgumentException for any other id, listing the valid ones
     */
    public static Budget of(String id) {
        Objects.requireNonNull(id, "budget must not be null");
        return NAMED.stream().filter(b -> b.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown budget '" + id + "'; valid budgets: "
                        + NAMED.stream().map(Budget::id).collect(Collectors.joining(", "))));
    }
}
