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

import org.fmnist.augment.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PresetTest {

    /** The settings of the three parts in which {@code spec} differs from the baseline. */
    private static List<String> differencesFromBaseline(ModelSpec spec) throws ReflectiveOperationException {
        List<String> differences = new ArrayList<>();
        ModelSpec baseline = Preset.BASELINE.spec();
        addDifferences(spec.network(), baseline.network(), differences);
        addDifferences(spec.optimizer(), baseline.optimizer(), differences);
        addDifferences(spec.training(), baseline.training(), differences);
        return differences;
    }

    private static void addDifferences(Record mine, Record base, List<String> differences)
            throws ReflectiveOperationException {
        for (RecordComponent component : mine.getClass().getRecordComponents()) {
            if (!Objects.equals(component.getAccessor().invoke(mine), component.getAccessor().invoke(base))) {
                differences.add(component.getName());
            }
        }
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
        assertEquals(steps(Preset.AUGMENTED), steps(Preset.ROTATE, Preset.SHIFT, Preset.SCALE, Preset.HFLIP));
        assertEquals(steps(Preset.ALL_AUGMENTATIONS), steps(Preset.AUGMENTED, Preset.NOISE));
        assertEquals("rotate=10,shift=2,scale=0.9:1.1,hflip=0.5,noise=0.05",
                Preset.ALL_AUGMENTATIONS.spec().training().augmentationText());
    }

    @Test
    void theAugmentingPresetsAreTheOnesTheStudyNames() {
        assertEquals(List.of(Preset.AUGMENTED, Preset.ROTATE, Preset.SHIFT, Preset.SCALE, Preset.HFLIP, Preset.NOISE,
                Preset.ALL_AUGMENTATIONS, Preset.REGULARIZED, Preset.BEST),
                Arrays.stream(Preset.values()).filter(p -> p.spec().training().augmented()).toList());
    }

    /** The augmentation steps of the presets, one after the other. */
    private static List<Pipeline.Step> steps(Preset... presets) {
        List<Pipeline.Step> steps = new ArrayList<>();
        for (Preset preset : presets) {
            steps.addAll(preset.spec().training().augmentation().steps());
        }
        return steps;
    }

    @Test
    void regularizedCombinesTheTechniquesOfItsPyTorchTwin() {
        ModelSpec spec = Preset.REGULARIZED.spec();
        assertEquals(Preset.BASELINE.spec().network().convBlocks(), spec.network().convBlocks());
        assertEquals(Preset.BASELINE.spec().network().denseUnits(), spec.network().denseUnits());
        assertTrue(spec.network().batchNorm());
        assertEquals(0.1, spec.network().dropout());
        assertEquals(1e-4, spec.network().l2());
        assertTrue(spec.training().earlyStopping());
        assertEquals(Preset.HFLIP.spec().training().augmentationText(), spec.training().augmentationText());
        assertEquals(1.0, spec.optimizer().lrDecay());
    }

    @Test
    void everyRegularizationSwitchIsOffInTheBaseline() {
        ModelSpec baseline = Preset.BASELINE.spec();
        NetworkSpec network = baseline.network();
        assertEquals(List.of(0.0, 0.0, 0.0), List.of(network.l1(), network.l2(), network.dropout()));
        assertEquals(0, baseline.training().patience());
        assertEquals(Pipeline.EMPTY, baseline.training().augmentation());
        assertEquals(false, network.batchNorm());
        assertEquals(1.0, baseline.optimizer().lrDecay());
    }

    @Test
    void descriptionsAreDistinct() {
        assertEquals(Preset.values().length,
                Arrays.stream(Preset.values()).map(Preset::description).distinct().count());
        assertNotEquals(Preset.AUGMENTED.spec().training().augmentation(),
                Preset.BEST.spec().training().augmentation());
        assertEquals(0.0, Preset.BEST.spec().network().dropout());
    }
}
