package org.fmnist.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.fmnist.models.ConvBlock;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NetworkSpec;
import org.fmnist.models.UpdaterType;

/**
 * The DJL twin of an fmnist network: the same layers in the same order as fmnist-models' {@code NetworkBuilder}
 * builds from a {@link ModelSpec}, run by DJL's PyTorch engine on libtorch.
 *
 * <p>For each convolution: conv (valid or same padding), then, with batch norm, batch norm (momentum 0.9,
 * epsilon 1e-5) and ReLU; a 2x2 max-pool after a pooled block; dropout after each block. Then each dense
 * layer, ReLU, dropout; a dense output layer whose logits the softmax cross-entropy loss takes. Weights are
 * He-normal, biases zero. The optimizer is Adam at the specification's learning rate, with its L2 penalty as
 * Adam's weight decay, added to the gradient as DL4J's L2 is (DJL decays every parameter, DL4J the weights only:
 * a few thousand more multiply-adds a step). Learning-rate decay and early stopping are left out: they change
 * no step's work.
 */
public final class LibtorchTwin {

    private LibtorchTwin() {
    }

    /**
     * The twin network of a specification.
     *
     * @param spec the fmnist specification; its updater must be Adam, the presets' own
     * @return the block, not yet initialized
     * @throws IllegalArgumentException if the specification uses another updater or an L1 penalty, which the
     *                                  twin does not reproduce
     */
    public static SequentialBlock network(ModelSpec spec) {
        if (spec.optimizer().updater() != UpdaterType.ADAM) {
            throw new IllegalArgumentException("the libtorch twin trains with Adam only, "
                    + spec.name() + " uses " + spec.optimizer().updater());
        }
        if (spec.network().l1() > 0) {
            throw new IllegalArgumentException("the libtorch twin has no L1 penalty, " + spec.name()
                    + " has l1 " + spec.network().l1());
        }
        int padding = spec.network().samePadding() ? (spec.network().kernelSize() - 1) / 2 : 0;
        SequentialBlock net = new SequentialBlock();
        for (ConvBlock block : spec.network().convBlocks()) {
            for (int filters : block.filters()) {
                net.add(Conv2d.builder()
                        .setKernelShape(new Shape(spec.network().kernelSize(), spec.network().kernelSize()))
                        .optPadding(new Shape(padding, padding))
                        .setFilters(filters)
                        .build());
                if (spec.network().batchNorm()) {
                    net.add(BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build());
                }
                net.add(Activation.reluBlock());
            }
            if (block.pool()) {
                net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            addDropout(net, spec);
        }
        net.add(Blocks.batchFlattenBlock());
        for (int units : spec.network().denseUnits()) {
            net.add(Linear.builder().setUnits(units).build());
            net.add(Activation.reluBlock());
            addDropout(net, spec);
        }
        net.add(Linear.builder().setUnits(NetworkSpec.CLASSES).build());
        net.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
        return net;
    }

    private static void addDropout(SequentialBlock net, ModelSpec spec) {
        if (spec.network().dropout() > 0) {
            net.add(Dropout.builder().optRate((float) spec.network().dropout()).build());
        }
    }

    /**
     * How the twin trains: softmax cross-entropy on the logits and Adam at the specification's learning rate,
     * its L2 penalty as weight decay.
     *
     * @param spec the specification
     * @return the configuration for {@code Model.newTrainer}
     */
    public static DefaultTrainingConfig trainingConfig(ModelSpec spec) {
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) spec.optimizer().learningRate()))
                .optWeightDecays((float) spec.network().l2())
                .build();
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(adam);
    }

    /**
     * All parameters of an initialized block, the trained ones and batch norm's running mean and variance,
     * counted as DL4J's {@code numParams()} counts them.
     *
     * @param block an initialized block
     * @return the number of values
     */
    public static long parameters(Block block) {
        long n = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            n += parameter.getValue().getArray().size();
        }
        return n;
    }
}
