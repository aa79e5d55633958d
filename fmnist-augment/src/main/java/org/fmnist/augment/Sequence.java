package org.fmnist.augment;

import java.util.ArrayList;
import java.util.List;

/**
 * Transforms applied one after another: what a {@link Pipeline} drew for one image, readable
 * step by step.
 *
 * <p>Consecutive geometric steps are resampled together through their composed map, so the
 * result has one interpolation's blur, and content one step moves out of the frame can be moved
 * back by a later step; a pixel step in between is applied where it stands.
 *
 * @param transforms the steps in order of application; nested sequences are flattened; empty
 *                   means the identity
 */
public record Sequence(List<Transform> transforms) implements Transform {

    /** The empty sequence: changes nothing. */
    public static final Sequence EMPTY = new Sequence(List.of());

    /**
     * Copies and flattens the steps.
     *
     * @throws IllegalArgumentException if the list or a step is null
     */
    public Sequence {
        Check.notNull("transforms", transforms);
        List<Transform> flat = new ArrayList<>(transforms.size());
        for (Transform t : transforms) {
            Check.notNull("transforms element", t);
            if (t instanceof Sequence s) {
                flat.addAll(s.transforms());
            } else {
                flat.add(t);
            }
        }
        transforms = List.copyOf(flat);
    }

    /**
     * @param transforms the steps in order of application
     * @return the sequence of those steps
     */
    public static Sequence of(Transform... transforms) {
        return new Sequence(java.util.Arrays.asList(transforms));
    }
}
