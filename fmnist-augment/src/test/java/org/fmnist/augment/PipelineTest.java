package org.fmnist.augment;

import static org.fmnist.augment.Images.FM;
import static org.fmnist.augment.Images.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineTest {

    @Test
    void theDefaultSpecParsesToTheFiveStepsInOrder() {
        Pipeline expected = Pipeline.of(new RandomRotation(10), new RandomTranslation(2),
                new RandomScale(0.9, 1.1), new RandomHorizontalFlip(0.5), new RandomGaussianNoise(0.05));
        assertEquals(expected, Pipeline.parse("rotate=10,shift=2,scale=0.9:1.1,hflip=0.5,noise=0.05"));
        assertEquals(expected, Pipeline.defaults());
    }

    @Test
    void theDefaultLeavesVerticalFlipOut() {
        assertTrue(Pipeline.defaults().steps().stream()
                .noneMatch(s -> s.augmentation() instanceof RandomVerticalFlip));
        assertTrue(Pipeline.defaults().steps().stream()
                .anyMatch(s -> s.augmentation() instanceof RandomHorizontalFlip));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        Pipeline.DEFAULT_SPEC,
        "rotate=12.5@0.5,vflip=0.25,saltpepper=0.02,scale=1.1",
        "shift=0,noise=0@0",
        "none"})
    void theTextFormRoundTrips(String spec) {
        assertEquals(spec, Pipeline.parse(spec).toSpec());
        assertEquals(Pipeline.parse(spec), Pipeline.parse(Pipeline.parse(spec).toSpec()));
    }

    @Test
    void parsingIgnoresSpacesAndCaseAndAcceptsTheEmptyPipeline() {
        assertEquals(Pipeline.parse("rotate=10,hflip=0.5@0.5"),
                Pipeline.parse(" ROTATE = 10 , hflip=0.5 @ 0.5 "));
        assertEquals(Pipeline.EMPTY, Pipeline.parse(""));
        assertEquals(Pipeline.EMPTY, Pipeline.parse("None"));
        assertEquals(new RandomScale(1.1, 1.1), Pipeline.parse("scale=1.1").steps().get(0).augmentation());
    }

    @Test
    void codeWithoutATextFormSaysSo() {
        Pipeline custom = Pipeline.of(new Rotation(12.5));
        assertThrows(IllegalStateException.class, custom::toSpec);
    }

    @Test
    void stepsTakePartWithTheirProbability() {
        Pipeline pipeline = Pipeline.of()
                .then(new Translation(1, 0), 0)
                .then(new Rotation(5), 1)
                .then(new HorizontalFlip(), 0.3);
        SplittableRandom rng = new SplittableRandom(SEED);
        int draws = 10_000;
        int flips = 0;
        for (int i = 0; i < draws; i++) {
            List<Transform> drawn = pipeline.sample(rng).transforms();
            assertFalse(drawn.contains(new Translation(1, 0)), "a step with probability 0 never runs");
            assertEquals(new Rotation(5), drawn.get(0), "a step with probability 1 always runs");
            flips += drawn.contains(new HorizontalFlip()) ? 1 : 0;
        }
        // Binomial(10000, 0.3): standard deviation 46; allow four.
        assertEquals(3000, flips, 4 * 46);
    }

    @Test
    void randomFormsDrawWithinTheirRanges() {
        SplittableRandom rng = new SplittableRandom(SEED);
        Set<Double> shifts = new HashSet<>();
        double minDegrees = 0;
        double maxDegrees = 0;
        int hflips = 0;
        int vflips = 0;
        for (int i = 0; i < 4000; i++) {
            double degrees = new RandomRotation(10).sample(rng).degrees();
            assertTrue(Math.abs(degrees) <= 10, "degrees " + degrees);
            minDegrees = Math.min(minDegrees, degrees);
            maxDegrees = Math.max(maxDegrees, degrees);
            Translation t = new RandomTranslation(2).sample(rng);
            assertEquals(Math.rint(t.dx()), t.dx(), "whole pixels");
            assertTrue(Math.abs(t.dx()) <= 2 && Math.abs(t.dy()) <= 2, t.toString());
            shifts.add(t.dx());
            double scale = new RandomScale(0.9, 1.1).sample(rng).scale();
            assertTrue(scale >= 0.9 && scale <= 1.1, "scale " + scale);
            hflips += new RandomHorizontalFlip(0.5).sample(rng) instanceof HorizontalFlip ? 1 : 0;
            GeometricTransform v = new RandomVerticalFlip(0.25).sample(rng);
            assertTrue(v instanceof VerticalFlip || v instanceof Identity);
            vflips += v instanceof VerticalFlip ? 1 : 0;
        }
        assertTrue(minDegrees < -9.5 && maxDegrees > 9.5, "the whole range is used");
        assertEquals(Set.of(-2.0, -1.0, 0.0, 1.0, 2.0), shifts);
        assertEquals(2000, hflips, 4 * 32);
        assertEquals(1000, vflips, 4 * 28);
    }

    @Test
    void theSameSeedDrawsTheSameTransformsAndOtherSeedsDoNot() {
        Pipeline pipeline = Pipeline.defaults();
        List<Sequence> a = draw(pipeline, SEED, 20);
        assertEquals(a, draw(pipeline, SEED, 20));
        assertNotEquals(a, draw(pipeline, SEED + 1, 20));
    }

    @Test
    void theDrawnTransformsCanBeReadBackAndReplayed() {
        Pipeline pipeline = Pipeline.parse("rotate=15,shift=2,scale=0.8:1.2,hflip=0.5,noise=0.1");
        float[] image = Images.random(FM, ValueRange.UNIT, SEED);
        SplittableRandom rng = new SplittableRandom(SEED);
        Sequence drawn = pipeline.sample(rng);
        assertInstanceOf(Rotation.class, drawn.transforms().get(0));
        assertInstanceOf(GaussianNoise.class, drawn.transforms().get(drawn.transforms().size() - 1));
        float[] first = drawn.apply(image, FM, ValueRange.UNIT);
        // The read-back parameters alone reproduce the image: nothing else was random.
        Sequence replayed = new Sequence(List.copyOf(drawn.transforms()));
        assertArrayEquals(first, replayed.apply(image, FM, ValueRange.UNIT));
    }

    @Test
    void aSingleStepPipelineDrawsLikeItsStep() {
        RandomRotation rotation = new RandomRotation(20);
        Transform alone = rotation.sample(new SplittableRandom(SEED));
        Sequence inPipeline = Pipeline.of(rotation).sample(new SplittableRandom(SEED));
        assertEquals(List.of(alone), inPipeline.transforms());
    }

    private static List<Sequence> draw(Pipeline pipeline, long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sequence> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drawn.add(pipeline.sample(rng.split()));
        }
        return drawn;
    }
}
