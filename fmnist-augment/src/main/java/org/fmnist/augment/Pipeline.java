package org.fmnist.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Augmentations applied in order, each with a probability of taking part.
 *
 * <p>Built in code, {@code Pipeline.of(new RandomRotation(10)).then(new RandomHorizontalFlip(0.5))},
 * or from a text specification that a command line can take (see {@link #parse}). The
 * {@link #DEFAULT_SPEC default} suits clothing: a horizontal flip is label-preserving for
 * Fashion-MNIST and is included; a vertical flip is not (an upside-down shoe is not a shoe this
 * dataset contains) and is left out unless asked for.
 *
 * @param steps the steps in order of application
 */
public record Pipeline(List<Step> steps) implements Augmentation {

    /**
     * The default augmentation for Fashion-MNIST: rotation within ±10 degrees, shift within ±2
     * pixels, zoom in [0.9, 1.1], horizontal flip half of the time, Gaussian noise of 5% of the
     * range. No vertical flip.
     */
    public static final String DEFAULT_SPEC = "rotate=10,shift=2,scale=0.9:1.1,hflip=0.5,noise=0.05";

    /** The pipeline with no steps: draws the empty {@link Sequence}, which changes nothing. */
    public static final Pipeline EMPTY = new Pipeline(List.of());

    /**
     * One step of a pipeline.
     *
     * @param augmentation what the step does
     * @param probability  chance that the step takes part for a given image, in {@code [0, 1]}
     */
    public record Step(Augmentation augmentation, double probability) {

        /**
         * Validates the step.
         *
         * @throws IllegalArgumentException if {@code augmentation} is null or {@code probability}
         *                                  is outside {@code [0, 1]} or NaN
         */
        public Step {
            Check.notNull("augmentation", augmentation);
            Check.probability("probability", probability);
        }
    }

    /**
     * Copies the steps.
     *
     * @throws IllegalArgumentException if the list or one of its steps is null
     */
    public Pipeline {
        Check.notNull("steps", steps);
        for (Step step : steps) {
            Check.notNull("steps element", step);
        }
        steps = List.copyOf(steps);
    }

    /**
     * A pipeline whose steps always take part.
     *
     * @param augmentations the steps in order
     * @return the pipeline
     */
    public static Pipeline of(Augmentation... augmentations) {
        List<Step> steps = new ArrayList<>(augmentations.length);
        for (Augmentation augmentation : Arrays.asList(augmentations)) {
            steps.add(new Step(augmentation, 1));
        }
        return new Pipeline(steps);
    }

    /**
     * Parses a text specification: comma-separated {@code name=value} steps, applied in the order
     * written, each optionally followed by {@code @probability} (default 1). Blank or
     * {@code none} is the empty pipeline.
     *
     * <table>
     *   <caption>Step names</caption>
     *   <tr><td>{@code rotate=D}</td><td>{@link RandomRotation}, within ±D degrees</td></tr>
     *   <tr><td>{@code shift=S}</td><td>{@link RandomTranslation}, within ±S whole pixels</td></tr>
     *   <tr><td>{@code scale=A:B}</td><td>{@link RandomScale} in [A, B]; {@code scale=A} is
     *   exactly A</td></tr>
     *   <tr><td>{@code hflip=P}</td><td>{@link RandomHorizontalFlip} with probability P</td></tr>
     *   <tr><td>{@code vflip=P}</td><td>{@link RandomVerticalFlip} with probability P</td></tr>
     *   <tr><td>{@code noise=S}</td><td>{@link RandomGaussianNoise}, sigma S as a fraction of the
     *   value range</td></tr>
     *   <tr><td>{@code saltpepper=P}</td><td>{@link RandomSaltAndPepperNoise}, fraction P of
     *   values</td></tr>
     * </table>
     *
     * <p>Example: {@code rotate=10,shift=2,scale=0.9:1.1,hflip=0.5,noise=0.05@0.5}.
     *
     * @param spec the specification
     * @return the pipeline
     * @throws IllegalArgumentException naming the step and value if the text is malformed or a
     *                                  value is out of range
     */
    public static Pipeline parse(String spec) {
        return PipelineSpec.parse(spec);
    }

    /** @return the pipeline of {@link #DEFAULT_SPEC} */
    public static Pipeline defaults() {
        return parse(DEFAULT_SPEC);
    }

    /**
     * A copy with one more step that always takes part.
     *
     * @param augmentation the step to append
     * @return the longer pipeline
     */
    public Pipeline then(Augmentation augmentation) {
        return then(augmentation, 1);
    }

    /**
     * A copy with one more step.
     *
     * @param augmentation the step to append
     * @param probability  chance that it takes part, in {@code [0, 1]}
     * @return the longer pipeline
     */
    public Pipeline then(Augmentation augmentation, double probability) {
        List<Step> longer = new ArrayList<>(steps);
        longer.add(new Step(augmentation, probability));
        return new Pipeline(longer);
    }

    /**
     * The text specification that {@link #parse} turns back into an equal pipeline.
     *
     * @return the specification; {@code none} for the empty pipeline
     * @throws IllegalStateException if a step is not one of the {@code Random*} augmentations
     *                               that the text form names
     */
    public String toSpec() {
        return PipelineSpec.format(this);
    }

    /**
     * Decides for each step whether it takes part (one draw, only for steps with probability
     * below 1) and, if so, draws its transform.
     *
     * @param rng the randomness for one image
     * @return the transforms that take part, in order; their parameters are what was drawn
     */
    @Override
    public Sequence sample(RandomGenerator rng) {
        List<Transform> drawn = new ArrayList<>(steps.size());
        for (Step step : steps) {
            if (step.probability() >= 1 || rng.nextDouble() < step.probability()) {
                drawn.add(step.augmentation().sample(rng));
            }
        }
        return new Sequence(drawn);
    }
}
