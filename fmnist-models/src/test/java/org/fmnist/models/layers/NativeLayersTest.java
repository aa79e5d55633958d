package org.fmnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/** Configuration copying, persistence and training-loop compatibility of the native layers. */
class NativeLayersTest {

    private static final long SEED = 7L;

    @Test
    void convolutionCopyCarriesEverySetting() {
        ConvolutionLayer standard = new ConvolutionLayer.Builder(5, 3)
                .nIn(3).nOut(7).stride(2, 1).padding(1, 2).dilation(1, 2)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NHWC).hasBias(false)
                .activation(Activation.TANH).weightInit(WeightInit.XAVIER_UNIFORM).biasInit(0.3)
                .l2(1e-3).updater(new Adam(2e-3)).dropOut(new Dropout(0.8)).weightNoise(new DropConnect(0.9))
                .name("features").build();

        org.deeplearning4j.nn.conf.layers.Layer copy = NativeLayers.of(standard);

        assertInstanceOf(NativeConvolutionLayer.class, copy);
        assertTrue(((NativeConvolutionLayer) copy).isInputGradient(), "the twin's own setting, on by default");
        assertFalse(((NativeConvolutionLayer) copy).isReluGradientByNextLayer(), "set by replaceIn only");
        assertEquals(new NativeDropout(0.8), copy.getIDropout());
        assertEquals(settingsJsonWithoutDropout(standard), settingsJsonWithoutDropout(copy));
        assertEquals(new Dropout(0.8), standard.getIDropout(), "the input keeps DL4J's dropout");
    }

    @Test
    void fixedDropoutBecomesNativeDropoutOnAnyLayer() {
        DenseLayer dense = new DenseLayer.Builder().nIn(4).nOut(3).dropOut(new Dropout(0.6)).build();
        DropoutLayer dropoutLayer = new DropoutLayer.Builder(new Dropout(0.75)).build();
        OutputLayer scheduled = new OutputLayer.Builder().nIn(4).nOut(3)
                .dropOut(new Dropout(new MapSchedule(ScheduleType.EPOCH, Map.of(0, 0.5, 3, 0.8)))).build();

        org.deeplearning4j.nn.conf.layers.Layer denseCopy = NativeLayers.of(dense);
        org.deeplearning4j.nn.conf.layers.Layer dropoutCopy = NativeLayers.of(dropoutLayer);

        assertEquals(new NativeDropout(0.6), denseCopy.getIDropout());
        assertEquals(new NativeDropout(0.75), dropoutCopy.getIDropout());
        assertEquals(settingsJsonWithoutDropout(dense), settingsJsonWithoutDropout(denseCopy));
        assertEquals(new Dropout(0.6), dense.getIDropout(), "the input keeps DL4J's dropout");
        assertSame(scheduled, NativeLayers.of(scheduled), "a scheduled probability stays with DL4J's Dropout");
    }

    @Test
    void batchNormalizationCopyCarriesEverySetting() {
        BatchNormalization standard = new BatchNormalization.Builder()
                .nIn(5).nOut(5).decay(0.8).eps(1e-3).useLogStd(false).dataFormat(CNN2DFormat.NHWC)
                .updater(new Adam(1e-3)).name("bn").build();

        org.deeplearning4j.nn.conf.layers.Layer copy = NativeLayers.of(standard);

        assertInstanceOf(NativeBatchNormalization.class, copy);
        assertEquals(settingsJson(standard), settingsJson(copy));
    }

    @Test
    void denseCopyCarriesEverySetting() {
        DenseLayer standard = new DenseLayer.Builder().nIn(9).nOut(4).hasBias(false).hasLayerNorm(true)
                .activation(Activation.TANH).weightInit(WeightInit.XAVIER_UNIFORM).biasInit(0.2).l1(1e-4)
                .updater(new Adam(2e-3)).weightNoise(new DropConnect(0.9)).name("hidden").build();

        org.deeplearning4j.nn.conf.layers.Layer copy = NativeLayers.of(standard);

        assertInstanceOf(NativeDenseLayer.class, copy);
        assertEquals(settingsJson(standard), settingsJson(copy));
    }

    @Test
    void layersWithoutTwinAreReturnedUnchanged() {
        OutputLayer output = new OutputLayer.Builder().nIn(4).nOut(3).build();
        DepthwiseConvolution2D depthwise = new DepthwiseConvolution2D.Builder(3, 3).nIn(2).nOut(4).build();

        assertSame(output, NativeLayers.of(output));
        assertSame(depthwise, NativeLayers.of(depthwise), "subclasses of ConvolutionLayer keep their own kernels");
    }

    @Test
    void replaceInLeavesTheInputConfigurationAlone() {
        MultiLayerConfiguration standard = TestNetworks.cnn(true, PoolingType.MAX, CNN2DFormat.NCHW, SEED);
        String before = standard.toJson();

        MultiLayerConfiguration fast = NativeLayers.replaceIn(standard);

        assertEquals(before, standard.toJson());
        assertNotSame(standard, fast);
        assertInstanceOf(NativeConvolutionLayer.class, fast.getConf(0).getLayer());
        assertInstanceOf(NativeBatchNormalization.class, fast.getConf(1).getLayer());
        assertInstanceOf(NativeActivationLayer.class, fast.getConf(2).getLayer());
        assertEquals(settingsJson(standard.getConf(2).getLayer()), settingsJson(fast.getConf(2).getLayer()));
        assertInstanceOf(ConvolutionLayer.class, standard.getConf(0).getLayer());
        assertEquals(ConvolutionLayer.class, standard.getConf(0).getLayer().getClass());
    }

    @Test
    void standardInUndoesReplaceInOnTheRegularizedPreset() {
        MultiLayerConfiguration built = NetworkBuilder.configuration(Preset.REGULARIZED.spec());
        MultiLayerConfiguration standard = NativeLayers.standardIn(built);

        MultiLayerConfiguration fast = NativeLayers.replaceIn(standard);
        assertEquals(built, fast);
        assertTrue(standard.getConfs().stream().noneMatch(c -> c.getLayer().getClass().getPackageName()
                .equals(NativeLayers.class.getPackageName())));
        MultiLayerConfiguration back = NativeLayers.standardIn(fast);

        assertTrue(fast.getConfs().stream().anyMatch(c -> c.getLayer().getIDropout() instanceof NativeDropout));
        assertTrue(fast.getConfs().stream().anyMatch(c -> c.getLayer() instanceof NativeActivationLayer));
        assertEquals(standard.toJson(), back.toJson());
        assertEquals(standard, back);
    }

    @Test
    void jsonRoundTripKeepsNativeLayers() {
        MultiLayerConfiguration fast = NativeLayers.replaceIn(
                TestNetworks.cnn(true, PoolingType.MAX, CNN2DFormat.NHWC, SEED));

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(fast.toJson());

        assertEquals(fast, restored);
        assertEquals(NativeConvolutionLayer.class, restored.getConf(0).getLayer().getClass());
        assertEquals(NativeBatchNormalization.class, restored.getConf(1).getLayer().getClass());
        assertEquals(fast.toJson(), restored.toJson());
    }

    @Test
    void modelSerializerRestoresNativeLayersAndOutputs(@TempDir Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(SEED);
        MultiLayerNetwork net = new MultiLayerNetwork(NativeLayers.replaceIn(
                TestNetworks.cnn(true, PoolingType.MAX, CNN2DFormat.NCHW, SEED)));
        net.init();
        INDArray x = TestNetworks.images(4, CNN2DFormat.NCHW, rng.split());
        net.fit(new DataSet(x, TestNetworks.labels(4, rng.split())));
        File file = dir.resolve("cnn.zip").toFile();

        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertInstanceOf(NativeConvolutionImpl.class, restored.getLayer(0));
        assertInstanceOf(NativeBatchNormalizationImpl.class, restored.getLayer(1));
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertEquals(net.output(x, false), restored.output(x, false));
    }

    @Test
    void earlyStoppingTrainerTrainsANativeNetwork() {
        SplittableRandom rng = new SplittableRandom(SEED);
        List<DataSet> batches = List.of(
                new DataSet(TestNetworks.images(8, CNN2DFormat.NCHW, rng.split()), TestNetworks.labels(8, rng.split())),
                new DataSet(TestNetworks.images(8, CNN2DFormat.NCHW, rng.split()),
                        TestNetworks.labels(8, rng.split())));
        DataSet all = DataSet.merge(batches);
        EarlyStoppingConfiguration<MultiLayerNetwork> config =
                new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                        .epochTerminationConditions(new MaxEpochsTerminationCondition(2))
                        .scoreCalculator(new DataSetLossCalculator(new ListDataSetIterator<>(List.of(all), 16), true))
                        .modelSaver(new InMemoryModelSaver<>())
                        .build();
        MultiLayerConfiguration conf = NativeLayers.replaceIn(
                TestNetworks.cnn(false, PoolingType.MAX, CNN2DFormat.NCHW, SEED));

        EarlyStoppingResult<MultiLayerNetwork> result =
                new EarlyStoppingTrainer(config, conf, new ListDataSetIterator<>(batches, 8)).fit();

        assertEquals(2, result.getTotalEpochs());
        assertTrue(Double.isFinite(result.getBestModelScore()));
        Layer first = result.getBestModel().getLayer(0);
        assertInstanceOf(NativeConvolutionImpl.class, first);
    }

    /** A layer's JSON form without its class name and the twins' own settings: what DL4J's layer carries too. */
    private static String settingsJson(org.deeplearning4j.nn.conf.layers.Layer layer) {
        ObjectNode tree = NeuralNetConfiguration.mapper().valueToTree(layer);
        tree.remove("@class");
        tree.remove(NativeLayers.TWIN_SETTINGS);
        return tree.toString();
    }

    /** As {@link #settingsJson}, without the dropout setting. */
    private static String settingsJsonWithoutDropout(org.deeplearning4j.nn.conf.layers.Layer layer) {
        ObjectNode tree = NeuralNetConfiguration.mapper().valueToTree(layer);
        tree.remove("@class");
        tree.remove("idropout");
        tree.remove("iDropout");
        tree.remove(NativeLayers.TWIN_SETTINGS);
        return tree.toString();
    }
}
