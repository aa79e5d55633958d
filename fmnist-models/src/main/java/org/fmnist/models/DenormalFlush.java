package org.fmnist.models;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Sets subnormal ("denormal") parameters and updater state to zero every few iterations, so that a long float32
 * training run on the CPU keeps its speed.
 *
 * <p>Arithmetic on subnormal floats (magnitudes below 1.2e-38) takes x86 processors many times longer than on
 * normal ones, and ND4J cannot switch the processor to flush them (the FTZ/DAZ modes that other frameworks turn
 * on). Adam's second moment of a gradient below about 1e-19 underflows into that range, and so do weights that
 * weight decay drives towards zero: on the full training split the {@code l2} preset had 503,017 of its
 * 1,199,882 parameters and 518,000 of its 2,399,764 Adam values subnormal after 12 epochs, and trained at a fifth
 * of its first epoch's speed. Zero instead of a subnormal changes a value by less than 1.2e-38.
 *
 * <p>{@link NetworkBuilder#network} adds one to the networks it makes, and {@link NetworkBuilder#setListeners}
 * keeps one when it replaces their listeners.
 */
public final class DenormalFlush extends BaseTrainingListener {

    /** Iterations between two flushes, unless set otherwise. */
    public static final int DEFAULT_INTERVAL = 20;

    private final int interval;

    /** Flushes every {@value #DEFAULT_INTERVAL} iterations. */
    public DenormalFlush() {
        this(DEFAULT_INTERVAL);
    }

    /**
     * @param interval iterations between two flushes, at least 1
     */
    public DenormalFlush(int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be at least 1, was " + interval);
        }
        this.interval = interval;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (iteration % interval == 0) {
            flush(model);
        }
    }

    /**
     * Sets every subnormal parameter of {@code model} and, for a network, every subnormal value of its updater
     * state to zero, in place.
     *
     * @param model the model
     */
    public static void flush(Model model) {
        flush(model.params());
        if (model instanceof MultiLayerNetwork network) {
            Updater updater = network.getUpdater(false);
            if (updater != null && updater.getStateViewArray() != null) {
                flush(updater.getStateViewArray());
            }
        }
    }

    /** In place; float32 and float64 arrays, each with its own smallest normal magnitude. */
    private static void flush(INDArray values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        if (values.dataType() == DataType.FLOAT) {
            Nd4j.exec(new CompareAndSet(values, 0.0, Conditions.absLessThan(Float.MIN_NORMAL)));
        } else if (values.dataType() == DataType.DOUBLE) {
            Nd4j.exec(new CompareAndSet(values, 0.0, Conditions.absLessThan(Double.MIN_NORMAL)));
        }
    }
}
