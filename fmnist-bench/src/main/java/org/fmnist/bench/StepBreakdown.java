package org.fmnist.bench;

import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a training step of an fmnist network goes, layer by layer: each layer's forward pass and backward pass
 * timed on its own, in the order {@link MultiLayerNetwork#fit} runs them, and what the whole step costs beyond
 * them (the updater, the score, workspace handling). Every array of a timed step lives in one workspace that is
 * sized by the first step and reused by the next, as DL4J's own training workspaces are: outside a workspace each
 * step would allocate fresh memory and fault its pages in, which costs more than some layers' arithmetic.
 */
final class StepBreakdown {

    /** Untimed passes first: the first ones allocate the arrays that later passes reuse. */
    private static final int WARMUP = 3;

    private static final String WORKSPACE = "FMNIST_STEP_BREAKDOWN";

    /** Learns its size in the first step, then serves every later step from the same memory. */
    private static final WorkspaceConfiguration STEP_MEMORY = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.05)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .build();

    private StepBreakdown() {
    }

    /**
     * Times {@code steps} forward and backward passes layer by layer, then {@code steps} whole training steps,
     * and prints {@code step_ms fmnist <preset> <index>:<layer> forward|backward <ms per step>} lines and one
     * {@code step_ms fmnist <preset> rest update <ms>} line for the remainder of a step.
     *
     * @param preset the preset's id, for the printed lines
     * @param net    an initialized, warmed-up network
     * @param data   the batch
     * @param steps  timed repetitions
     */
    static void print(String preset, MultiLayerNetwork net, DataSet data, int steps) {
        int n = net.getnLayers();
        long[] forward = new long[n];
        long[] backward = new long[n];
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE, STEP_MEMORY).build();
        int batch = (int) data.getFeatures().size(0);
        for (int s = -WARMUP; s < steps; s++) {
            if (s == 0) {
                Arrays.fill(forward, 0);
                Arrays.fill(backward, 0);
            }
            try (MemoryWorkspace step = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_MEMORY, WORKSPACE)) {
                INDArray activation = data.getFeatures();
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                    if (pre != null) {
                        activation = pre.preProcess(activation, batch, mgr);
                    }
                    Layer layer = net.getLayer(i);
                    if (layer instanceof IOutputLayer output) {
                        output.setLabels(data.getLabels());
                    }
                    activation = layer.activate(activation, true, mgr);
                    forward[i] += System.nanoTime() - start;
                }
                INDArray epsilon = null;
                for (int i = n - 1; i >= 0; i--) {
                    long start = System.nanoTime();
                    epsilon = net.getLayer(i).backpropGradient(epsilon, mgr).getSecond();
                    InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                    if (pre != null && epsilon != null) {
                        epsilon = pre.backprop(epsilon, batch, mgr);
                    }
                    backward[i] += System.nanoTime() - start;
                }
                net.clear();
            }
        }
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            net.fit(data);
        }
        double stepMs = (System.nanoTime() - start) / 1e6 / steps;
        double layersMs = (Arrays.stream(forward).sum() + Arrays.stream(backward).sum()) / 1e6 / steps;
        for (int i = 0; i < n; i++) {
            String name = i + ":" + net.getLayer(i).conf().getLayer().getLayerName();
            System.out.printf(Locale.ROOT, "step_ms fmnist %s %s forward %.3f%n", preset, name, forward[i] / 1e6 / steps);
            System.out.printf(Locale.ROOT, "step_ms fmnist %s %s backward %.3f%n", preset, name,
                    backward[i] / 1e6 / steps);
        }
        System.out.printf(Locale.ROOT, "step_ms fmnist %s rest update %.3f%n", preset, stepMs - layersMs);
        System.out.printf(Locale.ROOT, "step_ms fmnist %s total step %.3f%n", preset, stepMs);
    }
}
