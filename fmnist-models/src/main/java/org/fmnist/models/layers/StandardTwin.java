package org.fmnist.models.layers;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network of native, channels-last layers and its twin of DL4J's standard, all-NCHW layers
 * ({@link NativeLayers#standardNchwIn}), with the same parameters and optimizer state, in both directions.
 *
 * <p>The twin is what a saved model holds: plain DL4J restores it without this library's classes. The only values
 * that move are the rows of a dense layer's weights after a flattened convolutional activation, since DL4J flattens
 * an NHWC activation in (height, width, channel) order and an NCHW one in (channel, height, width) order; the
 * updater's state (Adam's moments, Nesterov's velocity) moves with the weights it belongs to. Parameter and state
 * values are copied, never recomputed, so a network taken there and back is equal to the bit.
 */
public final class StandardTwin {

    /**
     * Flat indices are carried through a network's parameters, exact up to 2^24 in float32. Values are copied through
     * float64, which holds every float32 exactly.
     */
    private static final long MAX_PARAMETERS = 1L << 24;

    private StandardTwin() {
    }

    /**
     * The standard-layer, all-NCHW twin of a network.
     *
     * @param network a network whose configuration {@link NativeLayers#standardNchwIn} can take; not modified
     * @return a new, initialized network of DL4J's standard layers with copies of the parameters and, where the
     *     network has one, of the updater state; epoch and iteration counts as in {@code network}
     */
    public static MultiLayerNetwork of(MultiLayerNetwork network) {
        Objects.requireNonNull(network, "network must not be null");
        MultiLayerConfiguration fast = network.getLayerWiseConfigurations();
        return copy(network, NativeLayers.standardNchwIn(fast), permutation(fast), true);
    }

    /**
     * The inverse of {@link #of}: a network of {@code configuration} with the parameters and updater state of its
     * standard twin.
     *
     * @param standard      a network of {@code NativeLayers.standardNchwIn(configuration)}, for example as plain
     *                      DL4J restored it from a file; not modified
     * @param configuration the native, channels-last configuration to restore; not modified
     * @return a new, initialized network of {@code configuration}, with the epoch and iteration counts of
     *     {@code standard}
     * @throws IllegalArgumentException if {@code standard} is not a network of that configuration's twin
     */
    public static MultiLayerNetwork restore(MultiLayerNetwork standard, MultiLayerConfiguration configuration) {
        Objects.requireNonNull(standard, "standard must not be null");
        Objects.requireNonNull(configuration, "configuration must not be null");
        int[] forward = permutation(configuration);
        if (standard.numParams() != forward.length) {
            throw new IllegalArgumentException("the standard network has " + standard.numParams()
                    + " parameters, its native configuration " + forward.length);
        }
        int[] inverse = new int[forward.length];
        for (int i = 0; i < forward.length; i++) {
            inverse[forward[i]] = i;
        }
        return copy(standard, configuration.clone(), inverse, false);
    }

    /**
     * A network of {@code target} holding {@code source}'s parameters and updater state, where the value at flat
     * index {@code i} of the result is {@code source}'s value at {@code order[i]}.
     */
    private static MultiLayerNetwork copy(MultiLayerNetwork source, MultiLayerConfiguration target, int[] order,
            boolean toStandard) {
        copyCounters(source.getLayerWiseConfigurations(), target);
        MultiLayerNetwork result = new MultiLayerNetwork(target);
        result.init(permuted(source.params(), order), false);
        Updater updater = source.getUpdater(false);
        INDArray state = updater == null ? null : updater.getStateViewArray();
        if (state != null && state.length() > 0) {
            BaseMultiLayerUpdater<?> resultUpdater = (BaseMultiLayerUpdater<?>) result.getUpdater(true);
            List<UpdaterBlock> blocks = ((BaseMultiLayerUpdater<?>) updater).getUpdaterBlocks();
            checkSameBlocks(blocks, resultUpdater.getUpdaterBlocks(), toStandard);
            resultUpdater.setStateViewArray(result, permutedState(state, blocks, order), false);
        }
        return result;
    }

    /**
     * The training progress that learning-rate schedules read: the network's epoch and iteration counts, and
     * each layer's.
     */
    private static void copyCounters(MultiLayerConfiguration from, MultiLayerConfiguration to) {
        to.setEpochCount(from.getEpochCount());
        to.setIterationCount(from.getIterationCount());
        for (int i = 0; i < to.getConfs().size(); i++) {
            NeuralNetConfiguration layer = from.getConf(i);
            to.getConf(i).setEpochCount(layer.getEpochCount());
            to.getConf(i).setIterationCount(layer.getIterationCount());
        }
    }

    /**
     * For each flat parameter index of the twin, the flat index of the same value in the network of
     * {@code configuration}: a network of the configuration holding its own flat indices as parameters, with the
     * dense rows reordered as the twin has them.
     */
    static int[] permutation(MultiLayerConfiguration configuration) {
        MultiLayerNetwork indices = new MultiLayerNetwork(configuration.clone());
        indices.init();
        long count = indices.numParams();
        if (count >= MAX_PARAMETERS) {
            throw new IllegalArgumentException("networks of up to " + MAX_PARAMETERS + " parameters, was " + count);
        }
        indices.setParams(Nd4j.arange(0, count).castTo(configuration.getDataType()).reshape(1, count));
        configuration.getInputPreProcessors().forEach((index, p) -> {
            if (p instanceof CnnToFeedForwardPreProcessor flatten && flatten.getFormat() == CNN2DFormat.NHWC) {
                org.deeplearning4j.nn.api.Layer dense = indices.getLayer(index);
                dense.setParam("W", nchwRows(dense.getParam("W"), flatten));
            }
        });
        return indices.params().toIntVector();
    }

    /** Weight rows in (channel, height, width) order, from (height, width, channel). */
    static INDArray nchwRows(INDArray weights, CnnToFeedForwardPreProcessor flatten) {
        long h = flatten.getInputHeight();
        long w = flatten.getInputWidth();
        long c = flatten.getNumChannels();
        long out = weights.size(1);
        return weights.dup('c').reshape('c', h, w, c, out).permute(2, 0, 1, 3).dup('c').reshape('c', h * w * c, out);
    }

    private static INDArray permuted(INDArray values, int[] order) {
        double[] from = values.toDoubleVector();
        double[] to = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            to[i] = from[order[i]];
        }
        return Nd4j.createFromArray(to).castTo(values.dataType()).reshape(1, to.length);
    }

    /**
     * The updater state in the other network's order. Each updater block holds its parameters' state as whole
     * copies of the block's parameter layout, one after the other (Adam: first moments, then second moments); the
     * reordered rows never leave their block.
     */
    private static INDArray permutedState(INDArray state, List<UpdaterBlock> blocks, int[] order) {
        double[] from = state.toDoubleVector();
        double[] to = from.clone();
        for (UpdaterBlock block : blocks) {
            int start = block.getParamOffsetStart();
            int size = block.getParamOffsetEnd() - start;
            int stateStart = block.getUpdaterViewOffsetStart();
            int stateSize = block.getUpdaterViewOffsetEnd() - stateStart;
            if (size == 0 || stateSize == 0) {
                continue;
            }
            if (stateSize % size != 0) {
                throw new IllegalStateException("an updater block of " + size + " parameters has " + stateSize
                        + " state values, not a whole number per parameter");
            }
            for (int t = 0; t < size; t++) {
                int source = order[start + t] - start;
                if (source < 0 || source >= size) {
                    throw new IllegalStateException("parameter " + (start + t) + " moves out of its updater block ["
                            + start + ", " + (start + size) + ")");
                }
                for (int copy = stateStart; copy < stateStart + stateSize; copy += size) {
                    to[copy + t] = from[copy + source];
                }
            }
        }
        return Nd4j.createFromArray(to).castTo(state.dataType()).reshape(1, to.length);
    }

    private static void checkSameBlocks(List<UpdaterBlock> source, List<UpdaterBlock> target, boolean toStandard) {
        boolean same = source.size() == target.size();
        for (int i = 0; same && i < source.size(); i++) {
            UpdaterBlock a = source.get(i);
            UpdaterBlock b = target.get(i);
            same = a.getParamOffsetStart() == b.getParamOffsetStart() && a.getParamOffsetEnd() == b.getParamOffsetEnd()
                    && a.getUpdaterViewOffsetStart() == b.getUpdaterViewOffsetStart()
                    && a.getUpdaterViewOffsetEnd() == b.getUpdaterViewOffsetEnd();
        }
        if (!same) {
            throw new IllegalArgumentException("the " + (toStandard ? "standard twin" : "native network")
                    + " groups its parameters into other updater blocks than the network it is made from");
        }
    }
}
