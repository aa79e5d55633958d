package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DenormalFlushTest {

    /** Subnormal, the smallest normal float, a small normal value, zero, ordinary values. */
    private static final float[] PROBES = {1e-40f, -1e-40f, Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        1e-37f, 0f, 0.5f, -3f};
    private static final float[] FLUSHED = {0f, 0f, 0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-37f, 0f, 0.5f, -3f};

    @Test
    void zeroesSubnormalParametersAndUpdaterStateOnly() {
        MultiLayerNetwork network = trainedOneStep();
        INDArray params = network.params();
        INDArray state = network.getUpdater().getStateViewArray();
        for (int i = 0; i < PROBES.length; i++) {
            params.putScalar(i, PROBES[i]);
            state.putScalar(i, PROBES[i]);
        }
        INDArray untouchedParams = params.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(PROBES.length,
                params.length())).dup();

        DenormalFlush.flush(network);

        for (int i = 0; i < PROBES.length; i++) {
            assertEquals(FLUSHED[i], params.getFloat(i), "parameter " + PROBES[i]);
            assertEquals(FLUSHED[i], state.getFloat(i), "updater state " + PROBES[i]);
        }
        assertEquals(untouchedParams, params.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(PROBES.length,
                params.length())));
    }

    @Test
    void flushesEveryIntervalIterations() {
        MultiLayerNetwork network = trainedOneStep();
        DenormalFlush listener = new DenormalFlush(5);

        network.params().putScalar(0, 1e-40f);
        listener.iterationDone(network, 4, 0);
        assertEquals(1e-40f, network.params().getFloat(0), "not yet at iteration 4");
        listener.iterationDone(network, 5, 0);
        assertEquals(0f, network.params().getFloat(0), "flushed at iteration 5");
    }

    @Test
    void builtNetworksCarryOne() {
        MultiLayerNetwork network = NetworkBuilder.network(Preset.BASELINE.spec());

        assertTrue(network.getListeners().stream().anyMatch(DenormalFlush.class::isInstance));
    }

    @Test
    void rejectsANonPositiveInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DenormalFlush(0));
        assertEquals("interval must be at least 1, was 0", e.getMessage());
    }

    private static MultiLayerNetwork trainedOneStep() {
        MultiLayerNetwork network = NetworkBuilder.network(Preset.BASELINE.spec());
        network.fit(TestImages.batch(8, 0));
        return network;
    }
}
