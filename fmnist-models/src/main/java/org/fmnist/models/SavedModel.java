package org.fmnist.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.fmnist.data.io.AtomicFiles;
import org.fmnist.models.layers.NativeLayers;
import org.fmnist.models.layers.StandardTwin;

/**
 * A trained network together with the specification it was built from, stored as one DL4J
 * {@code ModelSerializer} zip that also holds the specification's JSON as the entry {@value #SPEC_ENTRY}.
 *
 * <p>The file is an ordinary DL4J model of DL4J's own layer classes: the network's {@link StandardTwin}, all
 * NCHW, with the same parameters and updater state. Plain DL4J, without this library on the class path, restores it
 * with {@code ModelSerializer.restoreMultiLayerNetwork} (ignoring the extra entry) and computes the same outputs up
 * to float32 rounding; {@code unzip -p model.zip fmnist-spec.json} shows how the model was made. {@link #load} puts
 * the native-op twins back in for speed. Files that hold the native twins themselves, as earlier versions wrote
 * them, load as they were saved.
 *
 * @param spec    the specification the network was built from
 * @param network the network
 */
public record SavedModel(ModelSpec spec, MultiLayerNetwork network) {

    /** Name of the zip entry holding the specification JSON. */
    public static final String SPEC_ENTRY = "fmnist-spec.json";

    /**
     * Checks that neither part is null and that the specification describes the network: the network's
     * configuration must be the one {@link NetworkBuilder} makes from {@code spec}, apart from the epoch and
     * iteration counters that training advances and the parameter names that initialization records. Settings that only steer training and are not part of a
     * DL4J configuration (batch size, epochs, patience, augmentation, the name) are taken as given.
     *
     * @throws IllegalArgumentException if the configurations differ; the message names the first layer that
     *                                  differs
     */
    public SavedModel {
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(network, "network must not be null");
        List<NeuralNetConfiguration> expected = NetworkBuilder.configuration(spec).getConfs();
        List<NeuralNetConfiguration> actual = network.getLayerWiseConfigurations().getConfs();
        if (expected.size() != actual.size()) {
            throw new IllegalArgumentException("spec '" + spec.name() + "' describes " + expected.size()
                    + " layers but the network has " + actual.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            NeuralNetConfiguration untrained = untrained(actual.get(i));
            if (!sameLayer(expected.get(i), untrained)) {
                throw new IllegalArgumentException("spec '" + spec.name() + "' does not describe the network: layer "
                        + i + " (" + untrained.getLayer().getLayerName() + ") differs");
            }
        }
    }

    /**
     * Whether two layer configurations are the same layer: equal, or equal once the native-op twins are read as
     * DL4J's standard layers and channels-last layers as NCHW ones. Models saved by earlier versions of
     * {@link NetworkBuilder}, before it emitted those forms, keep loading and run as they were saved.
     */
    private static boolean sameLayer(NeuralNetConfiguration expected, NeuralNetConfiguration actual) {
        return expected.equals(actual) || canonical(expected).equals(canonical(actual));
    }

    /**
     * Whether {@code actual}, as training and initialization left it, has the layers and pre-processors of
     * {@code expected}.
     */
    private static boolean sameNetwork(MultiLayerConfiguration expected, MultiLayerConfiguration actual) {
        List<NeuralNetConfiguration> layers = actual.getConfs();
        if (layers.size() != expected.getConfs().size()
                || !expected.getInputPreProcessors().equals(actual.getInputPreProcessors())) {
            return false;
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!expected.getConf(i).equals(untrained(layers.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** A copy without the epoch and iteration counters and the parameter names that training and initialization set. */
    private static NeuralNetConfiguration untrained(NeuralNetConfiguration conf) {
        NeuralNetConfiguration copy = conf.clone();
        copy.setEpochCount(0);
        copy.setIterationCount(0);
        copy.clearVariables();
        return copy;
    }

    private static NeuralNetConfiguration canonical(NeuralNetConfiguration conf) {
        NeuralNetConfiguration copy = conf.clone();
        copy.setLayer(NativeLayers.standardNchwOf(copy.getLayer()));
        return copy;
    }

    /**
     * Writes the network and its specification to {@code file}, replacing it atomically
     * ({@link AtomicFiles}), so a reader (or an interrupted run) never sees a half-written model.
     *
     * @param file        the zip to write; its directory is created if missing
     * @param saveUpdater whether to store the updater state too (needed to resume training; about twice the
     *                    size of the weights for Adam)
     * @throws IOException if the file cannot be written
     */
    public void save(Path file, boolean saveUpdater) throws IOException {
        Objects.requireNonNull(file, "file must not be null");
        MultiLayerNetwork standard = StandardTwin.of(network);
        AtomicFiles.write(file, temporary -> {
            ModelSerializer.writeModel(standard, temporary.toFile(), saveUpdater);
            try (FileSystem zip = FileSystems.newFileSystem(temporary)) {
                Files.writeString(zip.getPath(SPEC_ENTRY), spec.toJson(), StandardCharsets.UTF_8);
            }
        });
    }

    /**
     * Reads a model written by {@link #save}, with its updater state when the file has one. A file of DL4J's
     * standard layers that is the twin of the specification's network comes back as the network
     * {@link NetworkBuilder} makes, native-op layers and all, holding the file's parameters and updater state.
     *
     * @param file the zip
     * @return the specification and the restored network
     * @throws IOException if the file cannot be read, is not a DL4J model, or holds no specification
     */
    public static SavedModel load(Path file) throws IOException {
        ModelSpec spec = readSpec(file);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        MultiLayerConfiguration fast = NetworkBuilder.configuration(spec);
        MultiLayerNetwork network = sameNetwork(NativeLayers.standardNchwIn(fast), restored.getLayerWiseConfigurations())
                ? StandardTwin.restore(restored, fast)
                : restored;
        try {
            NativeLayers.checkReluPairs(network.getLayerWiseConfigurations());
            return new SavedModel(spec, network);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the specification of a model written by {@link #save}, without loading the weights.
     *
     * @param file the zip
     * @return the specification
     * @throws IOException if the file cannot be read, has no {@value #SPEC_ENTRY} entry, or that entry is not
     *                     a valid specification
     */
    public static ModelSpec readSpec(Path file) throws IOException {
        Objects.requireNonNull(file, "file must not be null");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(SPEC_ENTRY);
            if (entry == null) {
                throw new IOException(file + " has no " + SPEC_ENTRY + " entry: not a model saved by fmnist-models");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return ModelSpec.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }
}
