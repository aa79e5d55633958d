package org.fmnist.augment;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A source of image transforms: given randomness, it decides the concrete {@link Transform} for
 * one image.
 *
 * <p>Drawing and applying are separate on purpose. {@link #sample} consumes randomness and returns
 * an immutable {@code Transform} whose parameters can be read back, logged or replayed; the
 * transform's pixel work is pure. A {@code Transform} is itself an {@code Augmentation} that always
 * draws itself (the fixed form), and {@code Random*} records draw their parameters (the random
 * form). Implementations are immutable and safe to share between threads.
 */
public interface Augmentation {

    /**
     * Draws the transform for one image.
     *
     * @param rng the randomness to draw from; a {@link SplittableRandom} split per image keeps runs
     *            reproducible. Implementations draw only from {@code rng}.
     * @return the concrete transform, never null
     */
    Transform sample(RandomGenerator rng);

    /**
     * This augmentation as a DataVec {@link org.datavec.image.transform.ImageTransform}, drawing
     * from its own stream seeded with {@code seed}; floating-point frames are taken to hold
     * {@link ValueRange#UNIT} values.
     *
     * @param seed seed of the transform's stream
     * @return a new DataVec transform; like DataVec's own transforms it is stateful and not
     *         thread-safe
     */
    default DataVecTransform toImageTransform(long seed) {
        return new DataVecTransform(this, new SplittableRandom(seed), ValueRange.UNIT);
    }

    /**
     * This augmentation as a DataVec {@link org.datavec.image.transform.ImageTransform}.
     *
     * @param stream     the stream to draw from (split it off the run's root stream); it is used
     *                   only when DataVec passes no {@link java.util.Random} of its own
     * @param floatRange the value range of frames of depth {@code DEPTH_FLOAT} and
     *                   {@code DEPTH_DOUBLE}; 8- and 16-bit frames use their full unsigned range
     * @return a new DataVec transform; stateful and not thread-safe
     */
    default DataVecTransform toImageTransform(SplittableRandom stream, ValueRange floatRange) {
        return new DataVecTransform(this, stream, floatRange);
    }
}
