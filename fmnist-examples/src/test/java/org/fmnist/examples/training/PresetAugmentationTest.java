package org.fmnist.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.fmnist.augment.Pipeline;
import org.fmnist.models.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fmnist-models carries a preset's augmentation as fmnist-augment's text form without depending on that module;
 * here, where both meet, every preset's text must parse and read back unchanged.
 */
class PresetAugmentationTest {

    static List<Preset> augmentedPresets() {
        return Arrays.stream(Preset.values()).filter(p -> !p.spec().training().augmentationText().isEmpty()).toList();
    }

    @Test
    void theAugmentingPresetsAreTheOnesTheStudyNames() {
        assertEquals(List.of(Preset.AUGMENTED, Preset.ROTATE, Preset.SHIFT, Preset.SCALE, Preset.HFLIP, Preset.NOISE,
                Preset.ALL_AUGMENTATIONS, Preset.REGULARIZED, Preset.BEST), augmentedPresets());
    }

    @ParameterizedTest
    @MethodSource("augmentedPresets")
    void augmentationParsesAndRoundTrips(Preset preset) {
        String text = preset.spec().training().augmentationText();
        assertEquals(text, Pipeline.parse(text).toSpec());
    }
}
