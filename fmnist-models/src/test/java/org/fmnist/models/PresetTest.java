package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PresetTest {

    /** The components, other than the name, in which {@code spec} differs from the baseline. */
    private static List<String> differencesFromBaseline(ModelSpec spec) throws ReflectiveOperationException {
        List<String> differences = new ArrayList<>();
        for (RecordComponent component : ModelSpec.class.getRecordComponents()) {
            Object mine = component.getAccessor().invoke(spec);
            Object base = component.getAccessor().invoke(Preset.BASELINE.spec());
            if (!component.getName().equals("name") && !Objects.equals(mine, base)) {
                differences.add(component.getName());
            }
        }
        return differences;
    }

    @Test
    void idsAreTheStudysNames() {
        assertEquals("baseline, l1, l2, dropout, batchnorm, early-stopping, augmented, "
                + "rotate, shift, scale, hflip, noise, all-augmentations, regularized, best",
                Preset.ids());
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void ofFindsEachPresetAndItsSpecCarriesTheId(Preset preset) {
        assertSame(preset, Preset.of(preset.id()));
        assertEquals(preset.id(), preset.spec().name());
    }

    @Test
    void unknownPresetIsRejectedListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preset.of("Baseline"));
        assertEquals("unknown preset 'Baseline'; valid presets: baseline, l1, l2, dropout, batchnorm, "
                + "early-stopping, augmented, rotate, shift, scale, hflip, noise, all-augmentations, regularized, best",
                e.getMessage());
    }

    @Test
    void eachSingleTechniquePresetDiffersFromTheBaselineInOneSettingOnly() throws ReflectiveOperationException {
        assertEquals(List.of(), differencesFromBaseline(Preset.BASELINE.spec()));
        assertEquals(List.of("l1"), differencesFromBaseline(Preset.L1.spec()));
        assertEquals(List.of("l2"), differencesFromBaseline(Preset.L2.spec()));
        assertEquals(List.of("dropout"), differencesFromBaseline(Preset.DROPOUT.spec()));
        assertEquals(List.of("batchNorm"), differencesFromBaseline(Preset.BATCHNORM.spec()));
        assertEquals(List.of("patience"), differencesFromBaseline(Preset.EARLY_STOPPING.spec()));
        assertEquals(List.of("augmentation"), differencesFromBaseline(Preset.AUGMENTED.spec()));
        for (Preset one : List.of(Preset.ROTATE, Preset.SHIFT, Preset.SCALE, Preset.HFLIP, Preset.NOISE,
                Preset.ALL_AUGMENTATIONS)) {
            assertEquals(List.of("augmentation"), differencesFromBaseline(one.spec()), one.id());
        }
    }

    @Test
    void theAugmentationStudysPresetsAreThePartsOfTheAugmentedOnesPlusNoise() {
        assertEquals(Preset.AUGMENTED.spec().augmentation(), String.join(",", Preset.ROTATE.spec().augmentation(),
                Preset.SHIFT.spec().augmentation(), Preset.SCALE.spec().augmentation(),
                Preset.HFLIP.spec().augmentation()));
        assertEquals(Preset.AUGMENTED.spec().augmentation() + "," + Preset.NOISE.spec().augmentation(),
                Preset.ALL_AUGMENTATIONS.spec().augmentation());
    }

    @Test
    void regularizedCombinesTheTechniquesOfItsPyTorchTwin() {
        ModelSpec spec = Preset.REGULARIZED.spec();
        assertEquals(Preset.BASELINE.spec().convBlocks(), spec.convBlocks());
        assertEquals(Preset.BASELINE.spec().denseUnits(), spec.denseUnits());
        assertTrue(spec.batchNorm());
        assertEquals(0.1, spec.dropout());
        assertEquals(1e-4, spec.l2());
        assertTrue(spec.earlyStopping());
        assertEquals(Preset.HFLIP.spec().augmentation(), spec.augmentation());
        assertEquals(1.0, spec.lrDecay());
    }

    @Test
    void everyRegularizationSwitchIsOffInTheBaseline() {
        ModelSpec baseline = Preset.BASELINE.spec();
        assertEquals(List.of(0.0, 0.0, 0.0), List.of(baseline.l1(), baseline.l2(), baseline.dropout()));
        assertEquals(0, baseline.patience());
        assertEquals("", baseline.augmentation());
        assertEquals(false, baseline.batchNorm());
        assertEquals(1.0, baseline.lrDecay());
    }

    @Test
    void descriptionsAreDistinct() {
        assertEquals(Preset.values().length,
                Arrays.stream(Preset.values()).map(Preset::description).distinct().count());
        assertNotEquals(Preset.AUGMENTED.spec().augmentation(), Preset.BEST.spec().augmentation());
        assertEquals(0.0, Preset.BEST.spec().dropout());
    }
}
