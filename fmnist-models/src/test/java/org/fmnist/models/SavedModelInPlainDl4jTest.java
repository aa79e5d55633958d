package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.data.testing.RealData;
import org.fmnist.models.layers.NativeConvolutionLayer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model that fmnist saved opens in a program of DL4J alone, in a JVM whose class path has no class of fmnist's,
 * and classifies the real test images as the fmnist-loaded network does.
 */
@Tag("real-data")
class SavedModelInPlainDl4jTest {

    /**
     * Largest difference of a class probability between DL4J's standard layers and the native twins, both float32.
     * Measured: at most 4.2e-7 on the 10,000 test images, with AVX-512 and with AVX2 kernels.
     */
    private static final double PROBABILITY_TOLERANCE = 1e-5;

    @Test
    void plainDl4jRestoresTheModelAndScoresTheTestSplitAsFmnistDoes(@TempDir Path dir)
            throws IOException, InterruptedException, URISyntaxException {
        FashionMnist data = RealData.load();
        // Batch norm, dropout and L2: every layer kind the presets use.
        ModelSpec spec = Preset.REGULARIZED.spec();
        MultiLayerNetwork trained = NetworkBuilder.network(spec);
        trained.fit(FashionMnistIterator.builder(data, Split.TRAIN).optBatchSize(64).optSubset(4096)
                .optSeed(spec.training().seed()).build());
        Path model = dir.resolve("model.zip");
        new SavedModel(spec, trained).save(model, false);

        DataSet test = FashionMnistIterator.builder(data, Split.TEST).optBatchSize(10_000).build().next();
        Path images = dir.resolve("images.bin");
        Path plainOutputs = dir.resolve("outputs.bin");
        Nd4j.saveBinary(test.getFeatures(), images.toFile());
        List<String> printed = runPlainDl4j(dir, model, images, plainOutputs);

        List<String> layers = printed.stream().filter(line -> line.startsWith("layer ")).toList();
        assertEquals(trained.getnLayers(), layers.size(), String.join("\n", printed));
        assertTrue(layers.stream().allMatch(line -> line.startsWith("layer org.deeplearning4j.nn.conf.layers.")),
                () -> "plain DL4J's layers: " + layers);

        MultiLayerNetwork loaded = SavedModel.load(model).network();
        assertTrue(loaded.getLayerWiseConfigurations().getConf(0).getLayer() instanceof NativeConvolutionLayer,
                "fmnist loads the model with its native layers");
        INDArray expected = loaded.output(test.getFeatures(), false);
        INDArray actual = Nd4j.readBinary(plainOutputs.toFile());
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()));
        double largest = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(largest <= PROBABILITY_TOLERANCE, "largest difference of a class probability " + largest);

        INDArray labels = test.getLabels().argMax(1);
        long fmnistCorrect = expected.argMax(1).eq(labels).castTo(org.nd4j.linalg.api.buffer.DataType.INT)
                .sumNumber().longValue();
        long plainCorrect = actual.argMax(1).eq(labels).castTo(org.nd4j.linalg.api.buffer.DataType.INT)
                .sumNumber().longValue();
        assertEquals(fmnistCorrect, plainCorrect, "test images classified correctly, fmnist against plain DL4J");
        assertTrue(fmnistCorrect > 5_000, "a trained network: " + fmnistCorrect + " of 10,000 correct");
    }

    /**
     * Runs {@code PlainDl4jRestore.java} as a single-file program in a new JVM, on this test's class path less
     * every fmnist module, and returns what it printed.
     */
    private static List<String> runPlainDl4j(Path dir, Path model, Path images, Path outputs)
            throws IOException, InterruptedException, URISyntaxException {
        Path program = Path.of(SavedModelInPlainDl4jTest.class.getResource("/plain-dl4j/PlainDl4jRestore.java").toURI());
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isFmnist(entry))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-cp", classPath));
        String extension = System.getProperty("javacpp.platform.extension");
        if (extension != null) {
            command.add("-Djavacpp.platform.extension=" + extension);
        }
        command.addAll(List.of(program.toString(), model.toString(), images.toString(), outputs.toString()));
        Path log = dir.resolve("plain-dl4j.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        List<String> printed = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertTrue(finished && process.exitValue() == 0,
                () -> "the plain DL4J program failed:\n" + String.join("\n", printed));
        return printed;
    }

    /** A class-path entry of this project's: a module's classes or jar, in its build tree or a Maven repository. */
    private static boolean isFmnist(String entry) {
        String path = entry.replace(File.separatorChar, '/');
        return path.contains("/org/fmnist/") || path.matches(".*/fmnist-[a-z]+/target/.*");
    }
}
