package org.fmnist.augment;

import static org.fmnist.augment.Images.FM;
import static org.fmnist.augment.Images.SEED;
import static org.fmnist.augment.Images.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeometryTest {

    private static final ValueRange UNIT = ValueRange.UNIT;

    static Stream<Transform> noOps() {
        return Stream.of(new Identity(), new Rotation(0), new Rotation(360), new Rotation(-720),
                new Translation(0, 0), new Scale(1), Sequence.EMPTY,
                new GaussianNoise(0, SEED), new SaltAndPepperNoise(0, SEED),
                Sequence.of(new Rotation(0), new Translation(0, 0), new Scale(1)));
    }

    @ParameterizedTest
    @MethodSource("noOps")
    void zeroParametersGiveTheIdenticalImage(Transform noOp) {
        float[] image = Images.random(FM, UNIT, SEED);
        assertArrayEquals(image, noOp.apply(image, FM, UNIT));
    }

    @Test
    void applyLeavesItsInputUntouched() {
        float[] image = Images.random(FM, UNIT, SEED);
        float[] copy = image.clone();
        Sequence.of(new Rotation(12.5), new GaussianNoise(0.1, SEED), new Scale(1.1))
                .apply(image, FM, UNIT);
        assertArrayEquals(copy, image);
    }

    @Test
    void horizontalFlipTwiceIsTheIdentity() {
        for (ImageShape shape : new ImageShape[] {FM, new ImageShape(3, 5, 7)}) {
            float[] image = Images.random(shape, UNIT, SEED);
            float[] once = new HorizontalFlip().apply(image, shape, UNIT);
            assertFalse(java.util.Arrays.equals(image, once), "a flip must change the image");
            assertArrayEquals(image, new HorizontalFlip().apply(once, shape, UNIT));
            assertArrayEquals(image, Sequence.of(new HorizontalFlip(), new HorizontalFlip())
                    .apply(image, shape, UNIT));
        }
    }

    @Test
    void flipsMirrorColumnsAndRows() {
        ImageShape shape = new ImageShape(2, 5, 7);
        float[] image = Images.random(shape, UNIT, SEED);
        float[] h = new HorizontalFlip().apply(image, shape, UNIT);
        float[] v = new VerticalFlip().apply(image, shape, UNIT);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 7; x++) {
                    assertEquals(at(image, shape, c, y, 6 - x), at(h, shape, c, y, x));
                    assertEquals(at(image, shape, c, 4 - y, x), at(v, shape, c, y, x));
                }
            }
        }
    }

    @Test
    void quarterTurnOfA3x3GridIsTransposeThenFlip() {
        ImageShape shape = ImageShape.grey(3, 3);
        float[] grid = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        // Counter-clockwise as displayed: the right column becomes the top row.
        float[] expected = {3, 6, 9, 2, 5, 8, 1, 4, 7};
        ValueRange range = ValueRange.of(0, 10);
        assertArrayEquals(expected, new Rotation(90).apply(grid, shape, range));
        assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3},
                new Rotation(-90).apply(grid, shape, range));
    }

    @Test
    void rotationBy90EqualsTransposeAndFlipOfThePixelGrid() {
        float[] image = Images.random(FM, UNIT, SEED);
        float[] rotated = new Rotation(90).apply(image, FM, UNIT);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                // transpose: t[y][x] = in[x][y]; then flip rows: out[y][x] = t[27 - y][x]
                assertEquals(at(image, FM, 0, x, 27 - y), at(rotated, FM, 0, y, x),
                        "pixel (" + y + ", " + x + ")");
            }
        }
        assertArrayEquals(image, Sequence.of(new Rotation(90), new Rotation(90), new Rotation(90),
                new Rotation(90)).apply(image, FM, UNIT));
        assertArrayEquals(Sequence.of(new HorizontalFlip(), new VerticalFlip()).apply(image, FM, UNIT),
                new Rotation(180).apply(image, FM, UNIT));
    }

    @Test
    void integerTranslationMovesEveryPixelExactlyAndFillsWithBackground() {
        ValueRange range = new ValueRange(0, 1, 0.25f);
        float[] image = Images.random(FM, range, SEED);
        float[] shifted = new Translation(2, -1).apply(image, FM, range);
        int filled = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int sx = x - 2;
                int sy = y + 1;
                boolean inside = sx >= 0 && sy < 28;
                float expected = inside ? at(image, FM, 0, sy, sx) : 0.25f;
                filled += inside ? 0 : 1;
                assertEquals(expected, at(shifted, FM, 0, y, x), "pixel (" + y + ", " + x + ")");
            }
        }
        // Two columns on the left and the bottom row (less the 2 pixels already counted).
        assertEquals(2 * 28 + 26, filled);
    }

    @Test
    void rotationBy12Point5DegreesMatchesAReferenceBilinearRotation() {
        float[] image = Images.random(FM, UNIT, SEED);
        float[] rotated = new Rotation(12.5).apply(image, FM, UNIT);
        float[] reference = referenceRotate(image, 28, 28, 12.5, 0f);
        assertArrayEquals(reference, rotated, 1e-5f);
    }

    @Test
    void positiveAnglesTurnCounterClockwiseAsDisplayed() {
        // A single bright pixel right of centre must move up (row index decreases).
        ImageShape shape = ImageShape.grey(29, 29);
        float[] image = new float[shape.size()];
        image[14 * 29 + 24] = 1;
        float[] rotated = new Rotation(90).apply(image, shape, UNIT);
        assertEquals(1f, at(rotated, shape, 0, 4, 14));
        float[] small = new Rotation(12.5).apply(image, shape, UNIT);
        int brightest = argmax(small);
        assertTrue(brightest / 29 < 14, "row " + brightest / 29 + " must be above the centre row");
        assertTrue(brightest % 29 > 14, "column must stay right of centre");
    }

    @Test
    void scaleBy1Point1MatchesAReferenceZoomAboutTheCentre() {
        float[] image = Images.random(FM, UNIT, SEED);
        float[] zoomed = new Scale(1.1).apply(image, FM, UNIT);
        float[] reference = new float[image.length];
        double c = 13.5;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                reference[y * 28 + x] = referenceSample(image, 28, 28,
                        c + (x - c) / 1.1, c + (y - c) / 1.1, 0f);
            }
        }
        assertArrayEquals(reference, zoomed, 1e-5f);
    }

    @Test
    void shrinkingFillsTheBorderWithBackground() {
        ValueRange range = new ValueRange(0, 1, 0.5f);
        float[] image = Images.constant(FM, 1f);
        float[] shrunk = new Scale(0.5).apply(image, FM, range);
        assertEquals(0.5f, at(shrunk, FM, 0, 0, 0));
        assertEquals(0.5f, at(shrunk, FM, 0, 27, 27));
        assertEquals(1f, at(shrunk, FM, 0, 14, 14));
    }

    @Test
    void geometricOutputsStayInTheInputRange() {
        ValueRange range = new ValueRange(-0.42f, 2.4f, -0.42f);
        // Only the extremes: any overshoot of the interpolation would leave the range.
        float[] image = Images.random(FM, range, SEED);
        for (int i = 0; i < image.length; i++) {
            image[i] = image[i] > 1 ? range.max() : range.min();
        }
        Augmentation geometry = Pipeline.parse("rotate=30,shift=3,scale=0.7:1.4,hflip=0.5");
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int draw = 0; draw < 300; draw++) {
            float[] out = geometry.sample(rng).apply(image, FM, range);
            for (float v : out) {
                assertTrue(v >= range.min() && v <= range.max(), "value " + v + " out of range");
            }
        }
    }

    @Test
    void fusedGeometricStepsMatchStepByStepForWholePixelMoves() {
        float[] image = Images.random(FM, UNIT, SEED);
        float[] stepByStep = new HorizontalFlip().apply(
                new Translation(3, 0).apply(image, FM, UNIT), FM, UNIT);
        float[] fused = Sequence.of(new Translation(3, 0), new HorizontalFlip()).apply(image, FM, UNIT);
        assertArrayEquals(stepByStep, fused);
        float[] otherOrder = Sequence.of(new HorizontalFlip(), new Translation(3, 0))
                .apply(image, FM, UNIT);
        assertFalse(java.util.Arrays.equals(fused, otherOrder), "order of steps must matter");
    }

    @Test
    void aPixelStepBetweenGeometricStepsIsAppliedWhereItStands() {
        float[] image = Images.random(FM, UNIT, SEED);
        GaussianNoise noise = new GaussianNoise(0.1, SEED);
        float[] expected = new Translation(-1, 0).apply(
                noise.apply(new Translation(1, 0).apply(image, FM, UNIT), FM, UNIT), FM, UNIT);
        float[] actual = Sequence.of(new Translation(1, 0), noise, new Translation(-1, 0))
                .apply(image, FM, UNIT);
        assertArrayEquals(expected, actual);
    }

    @Test
    void applyRejectsAnImageOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Rotation(10).apply(new float[100], FM, UNIT));
        assertTrue(e.getMessage().contains("image length must be 784"), e.getMessage());
    }

    // An independent bilinear rotation written from the definition, in double precision.
    private static float[] referenceRotate(float[] in, int h, int w, double degrees, float bg) {
        double t = Math.toRadians(degrees);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x - cx;
                double v = y - cy;
                // Turning the output back by the angle (y axis down) finds its source.
                double sx = cx + u * Math.cos(t) - v * Math.sin(t);
                double sy = cy + u * Math.sin(t) + v * Math.cos(t);
                out[y * w + x] = referenceSample(in, h, w, sx, sy, bg);
            }
        }
        return out;
    }

    private static float referenceSample(float[] in, int h, int w, double sx, double sy, float bg) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        double sum = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int x = x0 + dx;
                int y = y0 + dy;
                double v = x >= 0 && y >= 0 && x < w && y < h ? in[y * w + x] : bg;
                sum += v * (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
            }
        }
        return (float) sum;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
