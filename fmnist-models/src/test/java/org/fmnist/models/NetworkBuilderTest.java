package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class NetworkBuilderTest {

    private static final String LAYERS = "org.deeplearning4j.nn.conf.layers.";
    private static final String NATIVE_LAYERS = "org.fmnist.models.layers.Native";
    private static final List<String> WEIGHT_LAYERS =
            List.of(LAYERS + "ConvolutionLayer", LAYERS + "DenseLayer", LAYERS + "OutputLayer");

    /**
     * The DL4J layer class a JSON layer stands for: the builder emits the native-op twins
     * ({@code org.fmnist.models.layers.NativeConvolutionLayer} for {@code ConvolutionLayer}, ...), whose settings
     * are DL4J's own.
     */
    private static String kind(JsonNode layer) {
        String name = layer.get("@class").asText();
        return name.startsWith(NATIVE_LAYERS) ? LAYERS + name.substring(NATIVE_LAYERS.length()) : name;
    }

    /** The layers of the configuration as DL4J writes them to JSON, one node per layer. */
    private static List<JsonNode> jsonLayers(ModelSpec spec) throws Exception {
        JsonNode root = new ObjectMapper().readTree(NetworkBuilder.configuration(spec).toJson());
        List<JsonNode> layers = new ArrayList<>();
        root.get("confs").forEach(conf -> layers.add(conf.get("layer")));
        return layers;
    }

    private static List<String> layerNames(ModelSpec spec) {
        return NetworkBuilder.configuration(spec).getConfs().stream().map(c -> c.getLayer().getLayerName()).toList();
    }

    /** Coefficients by regularization class name, as found in a layer's JSON. */
    private static Map<String, Double> regularization(JsonNode layer, String field) {
        Map<String, Double> found = new HashMap<>();
        JsonNode list = layer.get(field);
        if (list != null) {
            for (JsonNode r : list) {
                String kind = r.get("@class").asText().replace("org.nd4j.linalg.learning.regularization.", "");
                JsonNode schedule = kind.equals("L1Regularization") ? r.get("l1") : r.get("l2");
                found.put(kind, schedule.get("value").asDouble());
            }
        }
        return found;
    }

    private static INDArray images(int n, long seed) {
        return TestImages.images(n, seed);
    }

    @Test
    void theNetworkAndItsReplacedListenersKeepOneDenormalFlush() {
        MultiLayerNetwork network = NetworkBuilder.network(Preset.of("baseline").spec());
        assertEquals(1, network.getListeners().stream().filter(DenormalFlush.class::isInstance).count());

        ScoreIterationListener own = new ScoreIterationListener(100);
        NetworkBuilder.setListeners(network, List.of(own));
        assertEquals(2, network.getListeners().size());
        assertEquals(own, network.getListeners().iterator().next(), "the given listeners first, in order");
        assertEquals(1, network.getListeners().stream().filter(DenormalFlush.class::isInstance).count());

        DenormalFlush given = new DenormalFlush(5);
        NetworkBuilder.setListeners(network, List.of(given, own));
        assertEquals(List.of(given, own), new ArrayList<>(network.getListeners()), "one given is kept, none added");
    }

    @Test
    void baselineHasExactlyTheNotebooksParameterCount() {
        // conv1 1*32*9+32 = 320, conv2 32*64*9+64 = 18,496, dense 64*12*12*128+128 = 1,179,776, output 1,290.
        assertEquals(1_199_882, NetworkBuilder.network(Preset.BASELINE.spec()).numParams());
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetBuildsInitializesAndHasItsExactParameterCount(Preset preset) {
        long expected = switch (preset) {
            // Batch norm adds gamma, beta, running mean and running log-std per channel: 4 * (32 + 64).
            case BATCHNORM, REGULARIZED -> 1_199_882 + 4 * (32 + 64);
            // conv 640 + 36,928 + 73,856 + 147,584, batch norm 4 * 384, dense 6272*256+256, output 2,570.
            case BEST -> 640 + 36_928 + 73_856 + 147_584 + 4 * (64 + 64 + 128 + 128) + 1_605_888 + 2_570;
            default -> 1_199_882;
        };
        MultiLayerNetwork network = NetworkBuilder.network(preset.spec());
        assertEquals(expected, network.numParams());
        INDArray probabilities = network.output(images(3, 1));
        assertArrayEquals(new long[] {3, 10}, probabilities.shape());
        INDArray rowSums = probabilities.sum(1);
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, rowSums.getDouble(i), 1e-5);
        }
    }

    @Test
    void baselineLayersAreThoseOfTheNotebook() {
        assertEquals(List.of("conv1", "conv2", "pool1", "dense1", "output"), layerNames(Preset.BASELINE.spec()));
    }

    @Test
    void regularizedLayersAreInThePyTorchTwinsOrder() {
        // PyTorch: drop(relu(bn1(conv1))); drop(maxpool(relu(bn2(conv2)))); fc2(drop(relu(fc1))).
        assertEquals(List.of("conv1", "bn1", "relu1", "drop1", "conv2", "bn2", "relu2", "pool1", "drop2", "dense1",
                "drop3", "output"), layerNames(Preset.REGULARIZED.spec()));
    }

    @Test
    void bestLayersPoolOncePerBlock() {
        assertEquals(List.of("conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "pool1",
                "conv3", "bn3", "relu3", "conv4", "bn4", "relu4", "pool2", "dense1", "output"),
                layerNames(Preset.BEST.spec()));
    }

    @Test
    void blocksOfTwoConvolutionsDropOncePerBlock() {
        assertEquals(List.of("conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "pool1", "drop1",
                "conv3", "bn3", "relu3", "conv4", "bn4", "relu4", "pool2", "drop2", "dense1", "drop3", "output"),
                layerNames(Preset.BEST.spec().toBuilder().optDropout(0.3).build()));
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void jsonCarriesL1AndL2OnEveryWeightLayerAndNowhereElse(Preset preset) throws Exception {
        ModelSpec spec = preset.spec();
        Map<String, Double> expected = new HashMap<>();
        if (spec.network().l1() > 0) {
            expected.put("L1Regularization", spec.network().l1());
        }
        if (spec.network().l2() > 0) {
            expected.put("L2Regularization", spec.network().l2());
        }
        for (JsonNode layer : jsonLayers(spec)) {
            String where = preset.id() + " " + layer.get("layerName").asText();
            boolean weights = WEIGHT_LAYERS.contains(kind(layer));
            assertEquals(weights ? expected : Map.of(), regularization(layer, "regularization"), where);
            assertEquals(Map.of(), regularization(layer, "regularizationBias"), where);
        }
    }

    @Test
    void l1PresetJsonHoldsItsCoefficientOnAllThreeWeightLayerKinds() throws Exception {
        List<String> penalized = new ArrayList<>();
        for (JsonNode layer : jsonLayers(Preset.L1.spec())) {
            if (regularization(layer, "regularization").equals(Map.of("L1Regularization", 1e-5))) {
                penalized.add(layer.get("layerName").asText());
            }
        }
        assertEquals(List.of("conv1", "conv2", "dense1", "output"), penalized);
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void jsonCarriesDropoutOnlyInDropoutLayersWithTheKeepProbability(Preset preset) throws Exception {
        ModelSpec spec = preset.spec();
        List<String> dropping = new ArrayList<>();
        for (JsonNode layer : jsonLayers(spec)) {
            JsonNode dropout = layer.get("idropout");
            if (dropout != null && !dropout.isNull()) {
                assertEquals(LAYERS + "DropoutLayer", kind(layer));
                assertEquals(1 - spec.network().dropout(), dropout.get("p").asDouble(), 1e-12);
                dropping.add(layer.get("layerName").asText());
            }
        }
        // One after each conv block and one after each dense layer, or none at all.
        NetworkSpec network = spec.network();
        int expected = network.dropout() > 0 ? network.convBlocks().size() + network.denseUnits().size() : 0;
        assertEquals(expected, dropping.size(), dropping.toString());
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void jsonHasABatchNormLayerAfterEachConvolutionExactlyWhenSwitchedOn(Preset preset) throws Exception {
        List<JsonNode> layers = jsonLayers(preset.spec());
        int convolutions = 0;
        int batchNorms = 0;
        for (int i = 0; i < layers.size(); i++) {
            String kind = kind(layers.get(i));
            if (kind.equals(LAYERS + "ConvolutionLayer")) {
                convolutions++;
                if (preset.spec().network().batchNorm()) {
                    assertEquals(LAYERS + "BatchNormalization", kind(layers.get(i + 1)));
                    assertEquals(LAYERS + "ActivationLayer", kind(layers.get(i + 2)));
                }
            } else if (kind.equals(LAYERS + "BatchNormalization")) {
                batchNorms++;
            }
        }
        assertEquals(preset.spec().network().batchNorm() ? convolutions : 0, batchNorms);
    }

    @Test
    void batchNormFeedsAReluThatClipsExactlyItsNegatives() {
        MultiLayerNetwork network = NetworkBuilder.network(Preset.BATCHNORM.spec());
        // Training mode, where batch norm uses the batch's statistics. Index 0 of the list is the input,
        // index i + 1 the output of layer i: conv1, bn1, relu1. (A dropout layer would rescale its input in
        // place, hence the preset without dropout.)
        List<INDArray> activations = network.feedForward(images(4, 2), true);
        INDArray conv1 = activations.get(1);
        INDArray bn1 = activations.get(2);
        INDArray relu1 = activations.get(3);
        assertTrue(conv1.minNumber().doubleValue() < 0, "the convolution must not apply a ReLU of its own");
        assertTrue(bn1.minNumber().doubleValue() < 0, "batch norm must not apply an activation of its own");
        assertEquals(Transforms.relu(bn1, true), relu1);
    }

    @Test
    void dropoutAddsNoParametersAndIsTheIdentityAtInference() {
        ModelSpec withDropout = Preset.REGULARIZED.spec();
        ModelSpec without = withDropout.toBuilder().optDropout(0).build();
        MultiLayerNetwork dropping = NetworkBuilder.network(withDropout);
        MultiLayerNetwork plain = NetworkBuilder.network(without);
        assertEquals(plain.params(), dropping.params());
        INDArray input = images(4, 5);
        assertEquals(plain.output(input, false), dropping.output(input, false));
        assertNotEquals(plain.output(input, true), dropping.output(input, true));
    }

    @Test
    void withoutBatchNormTheConvolutionAppliesItsRelu() {
        List<INDArray> activations = NetworkBuilder.network(Preset.BASELINE.spec()).feedForward(images(4, 3), false);
        assertEquals(0.0, activations.get(1).minNumber().doubleValue());
    }

    @Test
    void sameSeedGivesSameInitialWeightsAndAnotherSeedDoesNot() {
        ModelSpec spec = Preset.BASELINE.spec();
        INDArray first = NetworkBuilder.network(spec).params();
        INDArray second = NetworkBuilder.network(spec).params();
        INDArray reseeded = NetworkBuilder.network(spec.toBuilder().optSeed(spec.training().seed() + 1).build())
                .params();
        assertEquals(first, second);
        assertNotEquals(first, reseeded);
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void configurationRoundTripsThroughDl4jJson(Preset preset) {
        MultiLayerConfiguration conf = NetworkBuilder.configuration(preset.spec());
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
    }

    private static IUpdater updaterOf(ModelSpec spec) {
        BaseLayer first = (BaseLayer) NetworkBuilder.configuration(spec).getConf(0).getLayer();
        return first.getIUpdater();
    }

    @Test
    void updaterAndScheduleFollowTheSpecification() {
        ModelSpec base = Preset.BASELINE.spec();
        assertEquals(new Adam(1e-3), updaterOf(base));
        assertEquals(new Sgd(0.05), updaterOf(base.toBuilder().optUpdater(UpdaterType.SGD).optLearningRate(0.05).build()));
        Nesterovs nesterovs = assertInstanceOf(Nesterovs.class,
                updaterOf(base.toBuilder().optUpdater(UpdaterType.NESTEROVS).optMomentum(0.95).build()));
        assertEquals(1e-3, nesterovs.getLearningRate());
        assertEquals(0.95, nesterovs.getMomentum());

        Adam decaying = assertInstanceOf(Adam.class, updaterOf(base.toBuilder().optLrDecay(0.5, 3).build()));
        assertEquals(new StepSchedule(ScheduleType.EPOCH, 1e-3, 0.5, 3), decaying.getLearningRateSchedule());
        // Epochs 0-2 at the initial rate, 3-5 at half of it.
        assertEquals(1e-3, decaying.getLearningRate(0, 2), 1e-15);
        assertEquals(5e-4, decaying.getLearningRate(0, 3), 1e-15);
        assertFalse(updaterOf(base) instanceof Nesterovs);
    }
}
