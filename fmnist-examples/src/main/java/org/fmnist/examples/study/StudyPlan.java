package org.fmnist.examples.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.Preset;

/**
 * What a study trains: every variant with every seed, on one budget. Variants are paired by seed: the same seed
 * gives every variant the same initial weights (where the layers match), the same order of training images and the
 * same augmentation stream.
 *
 * @param title    what the study is, for the report's heading
 * @param variants the variants in report order; the first is the baseline the others are compared with
 * @param seeds    the seeds, distinct, in order
 * @param budget   images and epochs of each run
 * @param epochs   epochs of every run, overriding the budget's, or 0 for the budget's
 */
public record StudyPlan(String title, List<Preset> variants, List<Long> seeds, Budget budget, int epochs) {

    /** The directory of a variant's runs, below the study's directory: the variant's preset id. */
    public static Path variantDirectory(Path studyDirectory, Preset variant) {
        return studyDirectory.resolve(variant.id());
    }

    /**
     * Validates the plan.
     *
     * @throws IllegalArgumentException if a list is empty or holds duplicates, or {@code epochs} is negative
     */
    public StudyPlan {
        Objects.requireNonNull(title, "title must not be null");
        Objects.requireNonNull(budget, "budget must not be null");
        variants = List.copyOf(variants);
        seeds = List.copyOf(seeds);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("variants must name at least one preset, named none");
        }
        if (new LinkedHashSet<>(variants).size() != variants.size()) {
            throw new IllegalArgumentException("variants must be distinct, were " + variants);
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must hold at least one seed, held none");
        }
        if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("seeds must be distinct, were " + seeds);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be at least 0 (0 = the budget's), was " + epochs);
        }
    }

    /** The baseline: the first variant. */
    public Preset baseline() {
        return variants.get(0);
    }

    /** Every (variant, seed) run, variant by variant, each variant's seeds in order. */
    public List<PlannedRun> runs() {
        List<PlannedRun> runs = new ArrayList<>();
        for (Preset variant : variants) {
            for (long seed : seeds) {
                runs.add(new PlannedRun(variant, seed, spec(variant, seed), budget));
            }
        }
        return runs;
    }

    /** The epochs a variant trains for in this plan. */
    public int epochs(Preset variant) {
        return epochs > 0 ? epochs : budget.epochs(variant);
    }

    private ModelSpec spec(Preset variant, long seed) {
        return variant.spec().toBuilder().optEpochs(epochs(variant)).optSeed(seed).build();
    }

    /**
     * One run of a study: one variant with one seed.
     *
     * @param variant the variant
     * @param seed    the seed of its weights, image order and augmentation
     * @param spec    what it trains: the variant's preset with the plan's epochs and this seed
     * @param budget  its image counts
     */
    public record PlannedRun(Preset variant, long seed, ModelSpec spec, Budget budget) {

        /** Validates that nothing is null. */
        public PlannedRun {
            Objects.requireNonNull(variant, "variant must not be null");
            Objects.requireNonNull(spec, "spec must not be null");
            Objects.requireNonNull(budget, "budget must not be null");
        }

        /** The run's directory below the study's: {@code <variant>/seed-<seed>}. */
        public Path directory(Path studyDirectory) {
            return variantDirectory(studyDirectory, variant).resolve("seed-" + seed);
        }

        /** For progress lines: {@code dropout, seed 2}. */
        public String label() {
            return variant.id() + ", seed " + seed;
        }
    }
}
