package org.fmnist.examples.evaluation;

/**
 * One confidence bin of a reliability diagram: the images whose top-class probability fell in
 * {@code [lower, upper)} (the last bin includes 1), how confident the model was on them and how often it was
 * right.
 *
 * @param lower          the bin's lower edge, in [0, 1)
 * @param upper          its upper edge, in (lower, 1]
 * @param count          images in the bin, at least 0
 * @param meanConfidence their mean top-class probability; 0 for an empty bin
 * @param accuracy       the fraction of them classified correctly; 0 for an empty bin
 */
public record ReliabilityBin(double lower, double upper, long count, double meanConfidence, double accuracy) {

    /**
     * Validates the bin.
     *
     * @throws IllegalArgumentException if an edge, the count or a fraction is out of its range
     */
    public ReliabilityBin {
        if (!(lower >= 0 && lower < upper && upper <= 1)) {
            throw new IllegalArgumentException("edges must satisfy 0 <= lower < upper <= 1, were " + lower + " and "
                    + upper);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be at least 0, was " + count);
        }
        if (!(meanConfidence >= 0 && meanConfidence <= 1)) {
            throw new IllegalArgumentException("meanConfidence must be in [0, 1], was " + meanConfidence);
        }
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1], was " + accuracy);
        }
    }

    /** @return whether no image fell in the bin */
    public boolean isEmpty() {
        return count == 0;
    }
}
