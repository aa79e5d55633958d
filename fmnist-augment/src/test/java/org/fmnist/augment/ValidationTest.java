package org.fmnist.augment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad parameter is rejected at construction, and the message names it and its value. */
class ValidationTest {

    static Stream<Arguments> badParameters() {
        return Stream.of(
                bad("probability must be in [0, 1], was -0.1", () -> new RandomHorizontalFlip(-0.1)),
                bad("probability must be in [0, 1], was 1.5", () -> new RandomVerticalFlip(1.5)),
                bad("probability must be in [0, 1], was NaN", () -> new RandomHorizontalFlip(Double.NaN)),
                bad("probability must be in [0, 1], was -1", () -> new RandomSaltAndPepperNoise(-1)),
                bad("probability must be in [0, 1], was -0.5", () -> new SaltAndPepperNoise(-0.5, 1)),
                bad("probability must be in [0, 1], was -0.5",
                        () -> new Pipeline.Step(new RandomRotation(10), -0.5)),
                bad("probability must be in [0, 1], was 2",
                        () -> Pipeline.of().then(new RandomRotation(10), 2)),
                bad("scale min must not exceed max, was min 1.1, max 0.9", () -> new RandomScale(1.1, 0.9)),
                bad("min must be in [0.001, 1000], was NaN", () -> new RandomScale(Double.NaN, 1)),
                bad("max must be in [0.001, 1000], was NaN", () -> new RandomScale(1, Double.NaN)),
                bad("min must be in [0.001, 1000], was 0", () -> new RandomScale(0, 1)),
                bad("scale must be in [0.001, 1000], was NaN", () -> new Scale(Double.NaN)),
                bad("scale must be in [0.001, 1000], was -1", () -> new Scale(-1)),
                bad("degrees must be finite, was NaN", () -> new Rotation(Double.NaN)),
                bad("degrees must be in [0, 180], was NaN", () -> new RandomRotation(Double.NaN)),
                bad("degrees must be in [0, 180], was -5", () -> new RandomRotation(-5)),
                bad("dx must be finite, was NaN", () -> new Translation(Double.NaN, 0)),
                bad("dy must be finite, was Infinity", () -> new Translation(0, Double.POSITIVE_INFINITY)),
                bad("shift must be in [0, 1000], was -1", () -> new RandomTranslation(-1)),
                bad("sigma must be in [0, 1], was NaN", () -> new GaussianNoise(Double.NaN, 1)),
                bad("sigma must be in [0, 1], was -0.1", () -> new RandomGaussianNoise(-0.1)),
                bad("min must be less than max, was min 1.0, max 0.0", () -> new ValueRange(1, 0, 0)),
                bad("min must be finite, was NaN", () -> ValueRange.of(Float.NaN, 1)),
                bad("background must be in [0.0, 1.0], was 2.0", () -> new ValueRange(0, 1, 2)),
                bad("channels must be at least 1, was 0", () -> new ImageShape(0, 28, 28)),
                bad("augmentation must not be null", () -> new Pipeline.Step(null, 1)),
                // The text form names the step as well as the parameter.
                bad("augmentation step 'scale=1.1:0.9': scale min must not exceed max",
                        () -> Pipeline.parse("rotate=10,scale=1.1:0.9")),
                bad("augmentation step 'hflip=-0.5': probability must be in [0, 1], was -0.5",
                        () -> Pipeline.parse("hflip=-0.5")),
                bad("augmentation step 'noise=0.05@1.5': probability must be in [0, 1], was 1.5",
                        () -> Pipeline.parse("noise=0.05@1.5")),
                bad("augmentation step 'rotate=NaN': degrees must be in [0, 180], was NaN",
                        () -> Pipeline.parse("rotate=NaN")),
                bad("shift must be a whole number of pixels, was '2.5'", () -> Pipeline.parse("shift=2.5")),
                bad("rotate must be a number, was 'ten'", () -> Pipeline.parse("rotate=ten")),
                bad("augmentation step must be name=value, was 'rotate'", () -> Pipeline.parse("rotate")),
                bad("augmentation step name must be one of rotate, shift, scale, hflip, vflip, noise, "
                        + "saltpepper, was 'spin'", () -> Pipeline.parse("spin=3")));
    }

    private static Arguments bad(String message, Executable construction) {
        return Arguments.of(message, construction);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badParameters")
    void isRejectedWithAMessageNamingTheParameter(String message, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().contains(message),
                "expected '" + message + "' in '" + e.getMessage() + "'");
    }
}
