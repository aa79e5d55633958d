package org.fmnist.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.NetworkSpec;
import org.fmnist.models.Preset;
import org.fmnist.models.UpdaterType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LibtorchTwinTest {

    private static final Shape IMAGES = new Shape(8, 1, NetworkSpec.IMAGE_SIZE, NetworkSpec.IMAGE_SIZE);

    @Test
    void theBenchmarkedTwinsHaveTheStudysParameterCounts() {
        // The seed study's CNN; batch norm adds gamma, beta, running mean and variance for 32 + 64 channels.
        assertEquals(1_199_882L, twinParameters(Preset.BASELINE.spec()));
        assertEquals(1_199_882L + 4 * (32 + 64), twinParameters(Preset.REGULARIZED.spec()));
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"BASELINE", "DROPOUT", "BATCHNORM", "REGULARIZED", "BEST"})
    void aTwinHasItsNetworksParametersBatchNormsAndDropouts(Preset preset) {
        MultiLayerNetwork dl4j = NetworkBuilder.network(preset.spec());
        assertEquals(dl4j.numParams(), twinParameters(preset.spec()));

        List<Block> twin = LibtorchTwin.network(preset.spec()).getChildren().values();
        assertEquals(count(dl4j.getLayerWiseConfigurations(), BatchNormalization.class),
                twin.stream().filter(BatchNorm.class::isInstance).count());
        assertEquals(count(dl4j.getLayerWiseConfigurations(), DropoutLayer.class),
                twin.stream().filter(Dropout.class::isInstance).count());
    }

    @Test
    void theTwinLearnsAFixedBatch() {
        ModelSpec spec = Preset.REGULARIZED.spec();
        try (Model model = Model.newInstance("twin", "PyTorch")) {
            model.setBlock(LibtorchTwin.network(spec));
            try (Trainer trainer = model.newTrainer(LibtorchTwin.trainingConfig(spec))) {
                trainer.initialize(IMAGES);
                NDManager manager = trainer.getManager();
                NDArray x = manager.randomUniform(0, 1, IMAGES);
                NDArray y = manager.create(new long[] {0, 1, 2, 3, 4, 5, 6, 7});
                float first = 0;
                float last = 0;
                for (int step = 0; step < 30; step++) {
                    try (NDManager scope = manager.newSubManager(); GradientCollector collector =
                            trainer.newGradientCollector()) {
                        NDList input = new NDList(x.duplicate());
                        input.attach(scope);
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), trainer.forward(input));
                        collector.backward(loss);
                        last = loss.getFloat();
                        first = step == 0 ? last : first;
                    }
                    trainer.step();
                }
                assertTrue(last < first / 2, "loss " + first + " then " + last);
            }
        }
    }

    @Test
    void whatTheTwinDoesNotReproduceIsRefused() {
        ModelSpec sgd = Preset.BASELINE.spec().toBuilder().optUpdater(UpdaterType.SGD).build();
        assertEquals("the libtorch twin trains with Adam only, baseline uses SGD",
                assertThrows(IllegalArgumentException.class, () -> LibtorchTwin.network(sgd)).getMessage());
        assertEquals("the libtorch twin has no L1 penalty, l1 has l1 1.0E-5",
                assertThrows(IllegalArgumentException.class, () -> LibtorchTwin.network(Preset.L1.spec()))
                        .getMessage());
    }

    private static long twinParameters(ModelSpec spec) {
        try (Model model = Model.newInstance(spec.name(), "PyTorch")) {
            model.setBlock(LibtorchTwin.network(spec));
            model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, IMAGES);
            return LibtorchTwin.parameters(model.getBlock());
        }
    }

    private static long count(MultiLayerConfiguration conf, Class<?> layer) {
        return conf.getConfs().stream().filter(c -> layer.isInstance(c.getLayer())).count();
    }
}
