package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;

import org.deeplearning4j.nn.weights.WeightInit;
import org.fmnist.augment.Pipeline;
import org.fmnist.augment.Rotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelSpecTest {

    private static final ModelSpec BASELINE = Preset.BASELINE.spec();

    /** Asserts that changing the baseline with {@code change} fails, naming the setting and the value. */
    private static void assertRejected(UnaryOperator<ModelSpec.Builder> change, String setting, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(BASELINE.toBuilder()).build());
        assertTrue(e.getMessage().startsWith(setting + " "), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void builderDefaultsAreTheBaselineUnderAnotherName() {
        assertEquals(BASELINE, ModelSpec.builder().optName("baseline").build());
        assertEquals("custom", ModelSpec.builder().build().name());
    }

    @Test
    void toBuilderReproducesEverySpecification() {
        for (Preset preset : Preset.values()) {
            assertEquals(preset.spec(), preset.spec().toBuilder().build(), preset.id());
        }
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void presetRoundTripsThroughJson(Preset preset) {
        String json = preset.spec().toJson();
        assertEquals(preset.spec(), ModelSpec.fromJson(json));
        assertTrue(json.contains("\"name\" : \"" + preset.id() + "\""), json);
    }

    @Test
    void unusualValuesRoundTripExactly() {
        ModelSpec spec = BASELINE.toBuilder()
                .optName("odd \"quoted\" name")
                .optConvBlocks(List.of(ConvBlock.pooled(7), ConvBlock.unpooled(3, 5), ConvBlock.pooled(11)))
                .optKernelSize(5)
                .optSamePadding(true)
                .optDenseUnits(List.of())
                .optDropout(0.1 + 0.2)
                .optL1(1.0 / 3)
                .optL2(Double.MIN_VALUE)
                .optPatience(7)
                .optAugmentation(Pipeline.parse("rotate=12.5,noise=0.05"))
                .optUpdater(UpdaterType.NESTEROVS)
                .optLearningRate(3e-4)
                .optMomentum(0.95)
                .optLrDecay(0.5, 3)
                .optWeightInit(WeightInit.XAVIER_UNIFORM)
                .optBatchSize(1)
                .optEpochs(1000)
                .optSeed(Long.MIN_VALUE)
                .build();
        assertEquals(spec, ModelSpec.fromJson(spec.toJson()));
    }

    @Test
    void jsonMissingASettingIsRejectedNamingIt() {
        String json = BASELINE.toJson().replaceAll("(?m)^\\s*\"l2\" : .*\\R", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromJson(json));
        assertTrue(e.getMessage().contains("'l2'"), e.getMessage());
    }

    @Test
    void jsonWithAnUnknownSettingIsRejectedNamingIt() {
        String json = BASELINE.toJson().replace("\"l2\" :", "\"l3\" : 0.5, \"l2\" :");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromJson(json));
        assertTrue(e.getMessage().contains("\"l3\""), e.getMessage());
    }

    @Test
    void jsonWithAnInvalidValueIsRejectedLikeTheBuilder() {
        String json = BASELINE.toJson().replace("\"dropout\" : 0.0", "\"dropout\" : 1.2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromJson(json));
        assertTrue(e.getMessage().contains("dropout must be in [0, 1), was 1.2"), e.getMessage());
    }

    @Test
    void notJsonIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromJson("{ not json"));
    }

    @Test
    void dropoutOfOneIsRejected() {
        assertRejected(b -> b.optDropout(1.0), "dropout", "was 1.0");
    }

    @Test
    void negativeDropoutIsRejected() {
        assertRejected(b -> b.optDropout(-0.1), "dropout", "was -0.1");
    }

    @Test
    void nanDropoutIsRejected() {
        assertRejected(b -> b.optDropout(Double.NaN), "dropout", "was NaN");
    }

    @Test
    void negativeL1IsRejected() {
        assertRejected(b -> b.optL1(-1e-5), "l1", "was -1.0E-5");
    }

    @Test
    void negativeL2IsRejected() {
        assertRejected(b -> b.optL2(-1e-4), "l2", "was -1.0E-4");
    }

    @Test
    void infiniteL2IsRejected() {
        assertRejected(b -> b.optL2(Double.POSITIVE_INFINITY), "l2", "was Infinity");
    }

    @Test
    void zeroFiltersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvBlock.pooled(32, 0));
        assertEquals("filters must each be >= 1, was [32, 0]", e.getMessage());
    }

    @Test
    void aBlockWithoutConvolutionsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConvBlock(List.of(), true));
        assertTrue(e.getMessage().startsWith("filters "), e.getMessage());
    }

    @Test
    void noBlocksAreRejected() {
        assertRejected(b -> b.optConvBlocks(List.of()), "convBlocks", "was []");
    }

    @Test
    void zeroDenseUnitsAreRejected() {
        assertRejected(b -> b.optDenseUnits(List.of(128, 0)), "denseUnits", "was [128, 0]");
    }

    @Test
    void zeroKernelSizeIsRejected() {
        assertRejected(b -> b.optKernelSize(0), "kernelSize", "was 0");
    }

    @Test
    void kernelsThatConsumeTheWholeImageAreRejected() {
        // Two valid 15x15 convolutions: 28 -> 14 -> 0 pixels.
        assertRejected(b -> b.optKernelSize(15), "kernelSize", "convolution 1 of block 2");
    }

    @Test
    void poolingAOnePixelMapIsRejected() {
        List<ConvBlock> fivePools = List.of(ConvBlock.pooled(8), ConvBlock.pooled(8), ConvBlock.pooled(8),
                ConvBlock.pooled(8), ConvBlock.pooled(8));
        // Same padding: 28 -> 14 -> 7 -> 3 -> 1, and a fifth pool has nothing to pool.
        assertRejected(b -> b.optSamePadding(true).optConvBlocks(fivePools), "convBlocks", "pool of block 5");
    }

    @Test
    void negativePatienceIsRejected() {
        assertRejected(b -> b.optPatience(-1), "patience", "was -1");
    }

    @Test
    void zeroLearningRateIsRejected() {
        assertRejected(b -> b.optLearningRate(0), "learningRate", "was 0.0");
    }

    @Test
    void momentumOfOneIsRejected() {
        assertRejected(b -> b.optMomentum(1), "momentum", "was 1.0");
    }

    @Test
    void zeroDecayIsRejected() {
        assertRejected(b -> b.optLrDecay(0, 1), "lrDecay", "was 0.0");
    }

    @Test
    void growingDecayIsRejected() {
        assertRejected(b -> b.optLrDecay(1.5, 1), "lrDecay", "was 1.5");
    }

    @Test
    void zeroDecayEpochsAreRejected() {
        assertRejected(b -> b.optLrDecay(0.5, 0), "lrDecayEpochs", "was 0");
    }

    @Test
    void distributionWeightInitIsRejected() {
        assertRejected(b -> b.optWeightInit(WeightInit.DISTRIBUTION), "weightInit", "was DISTRIBUTION");
    }

    @Test
    void zeroBatchSizeIsRejected() {
        assertRejected(b -> b.optBatchSize(0), "batchSize", "was 0");
    }

    @Test
    void zeroEpochsAreRejected() {
        assertRejected(b -> b.optEpochs(0), "epochs", "was 0");
    }

    @Test
    void blankNameIsRejected() {
        assertRejected(b -> b.optName(" "), "name", "was ' '");
    }

    @Test
    void nullAugmentationIsRejected() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> BASELINE.toBuilder().optAugmentation(null).build());
        assertTrue(e.getMessage().startsWith("augmentation "), e.getMessage());
    }

    @Test
    void augmentationWithoutATextFormIsRejected() {
        // A fixed rotation cannot be written to the saved specification, so it is refused where it is built.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BASELINE.toBuilder().optAugmentation(Pipeline.of(new Rotation(10))).build());
        assertTrue(e.getMessage().startsWith("augmentation must be made of steps with a text form: "),
                e.getMessage());
    }

    @Test
    void badAugmentationTextInJsonIsRejectedNamingTheStep() {
        String json = Preset.HFLIP.spec().toJson().replace("\"hflip=0.5\"", "\"hflip=2\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromJson(json));
        assertTrue(e.getMessage().startsWith("invalid model specification: augmentation step 'hflip=2': "),
                e.getMessage());
    }

    @Test
    void jsonIsOneFlatObjectOfEverySettingInTheSavedOrder() {
        assertEquals(List.of("name", "convBlocks", "kernelSize", "samePadding", "denseUnits", "batchNorm",
                "dropout", "l1", "l2", "patience", "augmentation", "updater", "learningRate", "momentum", "lrDecay",
                "lrDecayEpochs", "weightInit", "batchSize", "epochs", "seed"),
                topLevelNames(Preset.BEST.spec().toJson()));
        assertTrue(Preset.AUGMENTED.spec().toJson().contains(
                "\"augmentation\" : \"rotate=10,shift=2,scale=0.9:1.1,hflip=0.5\""));
    }

    @Test
    void specificationsSavedByTheEarlierFlatReleaseStillRead() {
        // fmnist-spec.json of a model saved before the specification had parts, byte for byte.
        String saved = String.join("\n",
                "{",
                "  \"name\" : \"dropout\",",
                "  \"convBlocks\" : [ {",
                "    \"filters\" : [ 32 ],",
                "    \"pool\" : false",
                "  }, {",
                "    \"filters\" : [ 64 ],",
                "    \"pool\" : true",
                "  } ],",
                "  \"kernelSize\" : 3,",
                "  \"samePadding\" : false,",
                "  \"denseUnits\" : [ 128 ],",
                "  \"batchNorm\" : false,",
                "  \"dropout\" : 0.25,",
                "  \"l1\" : 0.0,",
                "  \"l2\" : 0.0,",
                "  \"patience\" : 0,",
                "  \"augmentation\" : \"\",",
                "  \"updater\" : \"ADAM\",",
                "  \"learningRate\" : 0.001,",
                "  \"momentum\" : 0.9,",
                "  \"lrDecay\" : 1.0,",
                "  \"lrDecayEpochs\" : 1,",
                "  \"weightInit\" : \"RELU\",",
                "  \"batchSize\" : 64,",
                "  \"epochs\" : 3,",
                "  \"seed\" : 2",
                "}");
        ModelSpec spec = ModelSpec.fromJson(saved);
        assertEquals(Preset.DROPOUT.spec().toBuilder().optEpochs(3).optSeed(2).build(), spec);
        // And what is written now is what that release wrote, so it reads these files too.
        assertEquals(saved, spec.toJson().replace("\r\n", "\n"));
    }

    private static List<String> topLevelNames(String json) {
        List<String> names = new java.util.ArrayList<>();
        try {
            new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(json).fieldNames()
                    .forEachRemaining(names::add);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    @Test
    void featureMapSizeFollowsPaddingAndPooling() {
        assertEquals(12, BASELINE.network().featureMapSize()); // 28 -> 26 -> 24 -> pool 12
        assertEquals(7, Preset.BEST.spec().network().featureMapSize()); // same padding: 28 -> pool 14 -> pool 7
    }

    @Test
    void switchesReadFromTheirComponents() {
        assertFalse(BASELINE.training().earlyStopping());
        assertFalse(BASELINE.training().augmented());
        assertTrue(Preset.EARLY_STOPPING.spec().training().earlyStopping());
        assertTrue(Preset.AUGMENTED.spec().training().augmented());
        assertFalse(BASELINE.toBuilder().optAugmentation(Pipeline.parse("  ")).build().training().augmented());
        assertEquals("", BASELINE.training().augmentationText());
        assertTrue(Preset.BEST.spec().optimizer().decays());
        assertFalse(BASELINE.optimizer().decays());
    }
}
