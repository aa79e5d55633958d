package org.fmnist.augment;

import static org.fmnist.augment.Images.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseTest {

    // 90,000 values: the sample standard deviation is within about 0.5% of the true one.
    private static final ImageShape BIG = ImageShape.grey(300, 300);

    @Test
    void gaussianNoiseHasTheRequestedStandardDeviationAndZeroMean() {
        for (ValueRange range : new ValueRange[] {ValueRange.UNIT, ValueRange.BYTE}) {
            float mid = range.min() + range.width() / 2;
            float[] image = Images.constant(BIG, mid);
            float[] noisy = new GaussianNoise(0.05, SEED).apply(image, BIG, range);
            double expectedStd = 0.05 * range.width();
            double mean = 0;
            for (int i = 0; i < noisy.length; i++) {
                mean += noisy[i] - image[i];
            }
            mean /= noisy.length;
            double variance = 0;
            for (int i = 0; i < noisy.length; i++) {
                double d = noisy[i] - image[i] - mean;
                variance += d * d;
            }
            double std = Math.sqrt(variance / (noisy.length - 1));
            assertEquals(expectedStd, std, 0.02 * expectedStd, "std on " + range);
            // Four standard errors of the mean.
            assertEquals(0, mean, 4 * expectedStd / Math.sqrt(noisy.length), "mean on " + range);
        }
    }

    @Test
    void noiseIsClippedToTheRange() {
        float[] black = Images.constant(BIG, 0f);
        float[] noisy = new GaussianNoise(0.2, SEED).apply(black, BIG, ValueRange.UNIT);
        int brightened = 0;
        for (float v : noisy) {
            assertTrue(v >= 0f && v <= 1f, "value " + v);
            brightened += v > 0 ? 1 : 0;
        }
        // On black the noise is one-sided: about half the values brighten, none darken.
        assertEquals(0.5, brightened / (double) noisy.length, 0.01);
    }

    @Test
    void theSameSeedGivesTheSameNoiseAndOtherSeedsDoNot() {
        float[] image = Images.constant(Images.FM, 0.5f);
        float[] a = new GaussianNoise(0.05, SEED).apply(image, Images.FM, ValueRange.UNIT);
        float[] b = new GaussianNoise(0.05, SEED).apply(image, Images.FM, ValueRange.UNIT);
        float[] c = new GaussianNoise(0.05, SEED + 1).apply(image, Images.FM, ValueRange.UNIT);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void saltAndPepperReplacesTheRequestedFractionHalfEachWay() {
        float[] image = Images.constant(BIG, 0.5f);
        float[] noisy = new SaltAndPepperNoise(0.1, SEED).apply(image, BIG, ValueRange.UNIT);
        int salt = 0;
        int pepper = 0;
        for (float v : noisy) {
            if (v == 1f) {
                salt++;
            } else if (v == 0f) {
                pepper++;
            } else {
                assertEquals(0.5f, v, "untouched values must keep their value");
            }
        }
        // Binomial(90000, 0.05): standard deviation 65, so 0.005 * 90000 = 450 is about 7 of them.
        assertEquals(0.05, salt / (double) noisy.length, 0.005);
        assertEquals(0.05, pepper / (double) noisy.length, 0.005);
    }

    @Test
    void randomNoiseDrawsAFreshFieldPerImageFromTheStream() {
        SplittableRandom rng = new SplittableRandom(SEED);
        GaussianNoise first = new RandomGaussianNoise(0.05).sample(rng);
        GaussianNoise second = new RandomGaussianNoise(0.05).sample(rng);
        assertEquals(0.05, first.sigma());
        assertNotEquals(first.seed(), second.seed());
        assertEquals(first, new RandomGaussianNoise(0.05).sample(new SplittableRandom(SEED)));
        SaltAndPepperNoise sp = new RandomSaltAndPepperNoise(0.02).sample(rng);
        assertEquals(0.02, sp.probability());
    }
}
