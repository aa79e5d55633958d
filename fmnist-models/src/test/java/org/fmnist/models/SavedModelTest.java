package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.fmnist.augment.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fmnist.models.layers.NativeLayers;
import org.fmnist.models.layers.StandardTwin;
import org.nd4j.linalg.api.ndarray.INDArray;

class SavedModelTest {

    /** Batch norm (running statistics), L2 and a decaying Adam, without dropout so training is deterministic. */
    private static final ModelSpec SPEC = Preset.REGULARIZED.spec().toBuilder().optDropout(0).optName("bn-l2").build();

    private static MultiLayerNetwork trainedFewSteps() {
        MultiLayerNetwork network = NetworkBuilder.network(SPEC);
        for (int step = 0; step < 3; step++) {
            network.fit(TestImages.batch(16, step));
        }
        return network;
    }

    @Test
    void restoredModelGivesIdenticalOutputsAndCarriesItsSpec(@TempDir Path dir) throws IOException {
        MultiLayerNetwork network = trainedFewSteps();
        Path file = dir.resolve("model.zip");
        new SavedModel(SPEC, network).save(file, true);

        SavedModel restored = SavedModel.load(file);
        assertEquals(SPEC, restored.spec());
        INDArray input = TestImages.images(8, 99);
        assertEquals(network.output(input, false), restored.network().output(input, false));
        assertEquals(network.params(), restored.network().params());
    }

    @Test
    void restoredModelContinuesTrainingExactlyLikeTheOriginal(@TempDir Path dir) throws IOException {
        MultiLayerNetwork network = trainedFewSteps();
        network.incrementEpochCount();
        Path file = dir.resolve("model.zip");
        new SavedModel(SPEC, network).save(file, true);
        MultiLayerNetwork restored = SavedModel.load(file).network();
        assertEquals(1, restored.getEpochCount(), "the epoch count, which the learning-rate schedule reads");
        assertEquals(3, restored.getIterationCount());
        assertEquals(network.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());

        network.fit(TestImages.batch(16, 7));
        restored.fit(TestImages.batch(16, 7));
        assertEquals(network.params(), restored.params(), "the updater state must be saved and restored");
    }

    @Test
    void fileIsAPlainDl4jModelOfDl4jsOwnLayersWithTheSpecJsonAsAnEntry(@TempDir Path dir) throws IOException {
        MultiLayerNetwork network = trainedFewSteps();
        Path file = dir.resolve("model.zip");
        new SavedModel(SPEC, network).save(file, false);

        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        String json = plain.getLayerWiseConfigurations().toJson();
        assertFalse(json.contains("org.fmnist"), "no class of fmnist's in the saved configuration");
        assertEquals(StandardTwin.of(network).params(), plain.params());
        INDArray x = TestImages.images(8, 5);
        assertClose(network.output(x, false), plain.output(x, false));
        try (ZipFile zip = new ZipFile(file.toFile());
             InputStream in = zip.getInputStream(zip.getEntry(SavedModel.SPEC_ENTRY))) {
            assertEquals(SPEC.toJson(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(SPEC, SavedModel.readSpec(file));
    }

    @Test
    void savingReplacesAnExistingFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        Files.writeString(file, "an older model");
        MultiLayerNetwork network = NetworkBuilder.network(SPEC);
        new SavedModel(SPEC, network).save(file, false);

        assertEquals(network.params(), SavedModel.load(file).network().params());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aModelWithoutSpecIsRejectedSayingSo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plain.zip");
        ModelSerializer.writeModel(NetworkBuilder.network(SPEC), file.toFile(), false);
        IOException e = assertThrows(IOException.class, () -> SavedModel.load(file));
        assertTrue(e.getMessage().contains("has no " + SavedModel.SPEC_ENTRY + " entry"), e.getMessage());
    }

    @Test
    void aSpecWithOtherLayersIsRejected() {
        MultiLayerNetwork baseline = NetworkBuilder.network(Preset.BASELINE.spec());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SavedModel(Preset.BATCHNORM.spec(), baseline));
        assertEquals("spec 'batchnorm' describes 9 layers but the network has 5", e.getMessage());
    }

    @Test
    void aSpecWithAnotherRegularizerIsRejectedNamingTheLayer() {
        MultiLayerNetwork baseline = NetworkBuilder.network(Preset.BASELINE.spec());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SavedModel(Preset.L2.spec(), baseline));
        assertEquals("spec 'l2' does not describe the network: layer 0 (conv1) differs", e.getMessage());
    }

    @Test
    void aSpecWithAnotherSeedIsRejected() {
        MultiLayerNetwork baseline = NetworkBuilder.network(Preset.BASELINE.spec());
        ModelSpec reseeded = Preset.BASELINE.spec().toBuilder().optSeed(7).build();
        assertThrows(IllegalArgumentException.class, () -> new SavedModel(reseeded, baseline));
    }

    @Test
    void aSpecThatDiffersOnlyInTrainingSettingsIsAccepted() {
        MultiLayerNetwork trained = trainedFewSteps();
        // Epochs, patience, batch size and augmentation steer training but are not part of the network.
        ModelSpec longer = SPEC.toBuilder().optEpochs(99).optPatience(0).optBatchSize(7)
                .optAugmentation(Pipeline.EMPTY).build();
        assertEquals(longer, new SavedModel(longer, trained).spec());
    }

    @Test
    void aModelSavedWithStandardNchwLayersLoadsWithNativeLayers(@TempDir Path dir) throws IOException {
        // What NetworkBuilder made before it emitted native twins and channels-last layers: the saved form.
        MultiLayerConfiguration earlier = NativeLayers.standardNchwIn(NetworkBuilder.configuration(SPEC));
        MultiLayerNetwork network = new MultiLayerNetwork(earlier);
        network.init();
        Path file = dir.resolve("earlier.zip");
        new SavedModel(SPEC, network).save(file, false);

        MultiLayerNetwork restored = SavedModel.load(file).network();

        assertEquals(NetworkBuilder.configuration(SPEC).getConfs(), untrainedLayers(restored));
        assertEquals(network.params(), StandardTwin.of(restored).params());
        INDArray x = TestImages.images(3, 11);
        assertClose(network.output(x, false), restored.output(x, false));
        assertThrows(IllegalArgumentException.class, () -> new SavedModel(Preset.L2.spec(), network),
                "an earlier model of another specification is still rejected");
    }

    @Test
    void aModelSavedWithNativeLayersStillLoadsAsItWasSaved(@TempDir Path dir) throws IOException {
        // What the previous release wrote: the native twins themselves in the configuration.
        MultiLayerNetwork network = trainedFewSteps();
        Path file = dir.resolve("native.zip");
        ModelSerializer.writeModel(network, file.toFile(), true);
        try (FileSystem zip = FileSystems.newFileSystem(file)) {
            Files.writeString(zip.getPath(SavedModel.SPEC_ENTRY), SPEC.toJson(), StandardCharsets.UTF_8);
        }

        MultiLayerNetwork restored = SavedModel.load(file).network();

        assertEquals(network.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(network.params(), restored.params());
        INDArray x = TestImages.images(4, 3);
        assertEquals(network.output(x, false), restored.output(x, false));
    }

    /** The layer configurations without what training and initialization set. */
    private static List<NeuralNetConfiguration> untrainedLayers(MultiLayerNetwork network) {
        return network.getLayerWiseConfigurations().getConfs().stream().map(conf -> {
            NeuralNetConfiguration copy = conf.clone();
            copy.setEpochCount(0);
            copy.setIterationCount(0);
            copy.clearVariables();
            return copy;
        }).toList();
    }

    /**
     * Class probabilities of DL4J's standard layers against the native twins', both float32: measured at most 4.2e-7
     * apart on these inputs.
     */
    private static void assertClose(INDArray expected, INDArray actual) {
        double largest = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(largest <= 1e-5, "largest difference of a class probability " + largest);
    }
}
