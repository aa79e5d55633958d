package org.fmnist.examples.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.fmnist.models.Preset;

/**
 * The studies {@code fmnist compare --study} runs, each a list of variants that starts with the baseline every
 * other variant is compared with.
 */
public enum Study {
    /** What each regularization technique does, alone and together. */
    REGULARIZATION("regularization", List.of(Preset.BASELINE, Preset.L1, Preset.L2, Preset.DROPOUT, Preset.BATCHNORM,
            Preset.EARLY_STOPPING, Preset.AUGMENTED, Preset.REGULARIZED, Preset.BEST)),
    /** What each augmentation does alone, and all of them together. */
    AUGMENTATION("augmentation", List.of(Preset.BASELINE, Preset.ROTATE, Preset.SHIFT, Preset.SCALE, Preset.HFLIP,
            Preset.NOISE, Preset.ALL_AUGMENTATIONS)),
    /** Both studies, the baseline once. */
    ALL("all", union(REGULARIZATION.variants, AUGMENTATION.variants));

    private final String id;
    private final List<Preset> variants;

    Study(String id, List<Preset> variants) {
        this.id = id;
        this.variants = List.copyOf(variants);
    }

    private static List<Preset> union(List<Preset> first, List<Preset> second) {
        LinkedHashSet<Preset> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return new ArrayList<>(all);
    }

    /** The name on the command line and in reports, for example {@code "augmentation"}. */
    public String id() {
        return id;
    }

    /** The study's variants in report order, the baseline first. */
    public List<Preset> variants() {
        return variants;
    }

    /**
     * The study with the given id.
     *
     * @param id {@code regularization}, {@code augmentation} or {@code all}
     * @return the study
     * @throws IllegalArgumentException for any other id, listing the valid ones
     */
    public static Study of(String id) {
        Objects.requireNonNull(id, "study must not be null");
        for (Study study : values()) {
            if (study.id.equals(id)) {
                return study;
            }
        }
        throw new IllegalArgumentException("unknown study '" + id + "'; valid studies: "
                + Arrays.stream(values()).map(Study::id).collect(Collectors.joining(", ")));
    }
}
