package org.fmnist.models;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.fmnist.models.layers.ChannelsLastPreProcessor;
import org.fmnist.models.layers.NativeLayers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Turns a {@link ModelSpec} into a DL4J {@link MultiLayerConfiguration} (or an initialized
 * {@link MultiLayerNetwork}) that DL4J's trainers, early stopping, evaluation, UI and
 * {@code ModelSerializer} accept.
 *
 * <p>Input is {@code [N, 1, 28, 28]} (NCHW, {@code InputType.convolutional(28, 28, 1)}); output is
 * {@code [N, 10]} class probabilities. Layers are named by kind and position, so that the DL4J UI and the
 * configuration JSON are easy to read: the baseline is {@code conv1, conv2, pool1, dense1, output}; the
 * {@code regularized} preset is
 * {@code conv1, bn1, relu1, drop1, conv2, bn2, relu2, pool1, drop2, dense1, drop3, output}.
 *
 * <p>With batch normalization and dropout the layer order is exactly that of the PyTorch reference
 * network ({@code bench/pytorch_reference.py}): convolution, batch norm, ReLU, [max-pool], dropout
 * for each block; dense, ReLU, dropout; output. Batch norm's running statistics use decay 0.9 and epsilon
 * 1e-5, PyTorch's momentum 0.1 and eps 1e-5.
 *
 * <p>Inside, the convolutional layers (convolution, batch normalization, pooling) work channels-last (NHWC), the
 * layout oneDNN's CPU convolutions compute in: a {@link ChannelsLastPreProcessor} in front of the first layer
 * turns the NCHW input into NHWC without a copy (one channel). DL4J flattens the pooled NHWC activation in
 * (height, width, channel) order, so the first dense layer's weight rows come in that order, not in the (channel,
 * height, width) order of an NCHW network or of PyTorch; everything else, parameter shapes included, is as in
 * NCHW.
 *
 * <p>Every layer is made by one method per layer kind. Convolution, batch normalization, activation, dense and
 * pooling layers and dropout are then swapped for their native-op twins ({@link NativeLayers#replaceIn}): the same
 * settings, parameters and numbers, computed by ND4J's oneDNN-backed ops instead of DL4J's generic implementation,
 * with the gradient of the ReLU before each max pool applied on the pooled side.
 * {@link NativeLayers#standardIn} gives the configuration with DL4J's own layers back.
 */
public final class NetworkBuilder {

    private static final int POOL = 2;
    /** Layout of the convolutional layers' activations; the network's input is NCHW all the same. */
    private static final CNN2DFormat FORMAT = CNN2DFormat.NHWC;

    private final NetworkSpec network;
    private final OptimizerSpec optimizer;
    private final long seed;
    private int convolutions;
    private int pools;
    private int dropouts;
    private int denses;

    private NetworkBuilder(ModelSpec spec) {
        this.network = spec.network();
        this.optimizer = spec.optimizer();
        this.seed = spec.training().seed();
    }

    /**
     * The DL4J configuration of the network that {@code spec} describes.
     *
     * @param spec the specification
     * @return a new configuration; the same specification always gives an equal configuration
     */
    public static MultiLayerConfiguration configuration(ModelSpec spec) {
        Objects.requireNonNull(spec, "spec must not be null");
        return new NetworkBuilder(spec).build();
    }

    /**
     * The network that {@code spec} describes, initialized: its weights are drawn from the specification's
     * weight initialization with its seed, so the same specification gives the same initial weights. It listens
     * to itself with a {@link DenormalFlush}, which keeps long float32 runs on the CPU at speed; replace its
     * listeners with {@link #setListeners}, which keeps it (DL4J's own {@code setListeners} drops it).
     *
     * @param spec the specification
     * @return a new, initialized network
     */
    public static MultiLayerNetwork network(ModelSpec spec) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(spec));
        network.init();
        network.addListeners(new DenormalFlush());
        return network;
    }

    /**
     * Replaces a network's listeners with the given ones and the {@link DenormalFlush} every training run needs:
     * one is added unless the list holds one already.
     *
     * @param network   the network
     * @param listeners its new listeners, in order
     */
    public static void setListeners(MultiLayerNetwork network, Collection<? extends TrainingListener> listeners) {
        List<TrainingListener> all = new ArrayList<>(listeners);
        if (all.stream().noneMatch(DenormalFlush.class::isInstance)) {
            all.add(new DenormalFlush());
        }
        network.setListeners(all);
    }

    private MultiLayerConfiguration build() {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(network.weightInit())
                .updater(updater())
                .list();
        for (ConvBlock block : network.convBlocks()) {
            for (int filters : block.filters()) {
                convolutions++;
                layers.layer(convolution(filters));
                if (network.batchNorm()) {
                    layers.layer(batchNormalization());
                    layers.layer(relu());
                }
            }
            if (block.pool()) {
                layers.layer(maxPool());
            }
            if (network.dropout() > 0) {
                layers.layer(dropout());
            }
        }
        for (int units : network.denseUnits()) {
            layers.layer(dense(units));
            if (network.dropout() > 0) {
                layers.layer(dropout());
            }
        }
        layers.layer(output());
        // The convolutional layers work channels-last, oneDNN's own layout; the network still takes NCHW images.
        layers.inputPreProcessor(0, new ChannelsLastPreProcessor());
        // The native-op twins compute the same numbers as DL4J's layers several times faster on the CPU
        // (see org.fmnist.models.layers and bench/vs-pytorch); training has no use for the gradient with respect
        // to the images, so the first convolution skips it.
        return NativeLayers.withoutInputGradient(NativeLayers.replaceIn(
                layers.setInputType(InputType.convolutional(NetworkSpec.IMAGE_SIZE, NetworkSpec.IMAGE_SIZE, 1))
                        .build()));
    }

    private IUpdater updater() {
        ISchedule schedule = optimizer.decays()
                ? new StepSchedule(ScheduleType.EPOCH, optimizer.learningRate(), optimizer.lrDecay(),
                        optimizer.lrDecayEpochs())
                : null;
        return switch (optimizer.updater()) {
            case SGD -> schedule == null ? new Sgd(optimizer.learningRate()) : new Sgd(schedule);
            case NESTEROVS -> schedule == null
                    ? new Nesterovs(optimizer.learningRate(), optimizer.momentum())
                    : new Nesterovs(schedule, optimizer.momentum());
            case ADAM -> schedule == null ? new Adam(optimizer.learningRate()) : new Adam(schedule);
        };
    }

    /** A convolution; its ReLU is fused in unless batch normalization has to come between them. */
    private Layer convolution(int filters) {
        ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(network.kernelSize(), network.kernelSize())
                .name("conv" + convolutions)
                .nOut(filters)
                .stride(1, 1)
                .dataFormat(FORMAT)
                .convolutionMode(network.samePadding() ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .activation(network.batchNorm() ? Activation.IDENTITY : Activation.RELU);
        return regularized(conv).build();
    }

    private Layer batchNormalization() {
        // Neither L1 nor L2 on gamma and beta: they scale and shift, they do not fit the data.
        // Identity stated explicitly: the layer would otherwise inherit DL4J's default (sigmoid) in its JSON.
        return new BatchNormalization.Builder()
                .name("bn" + convolutions)
                .dataFormat(FORMAT)
                .activation(Activation.IDENTITY)
                .decay(0.9)
                .eps(1e-5)
                .build();
    }

    /** A separate ReLU after batch normalization: DL4J's batch-norm layer applies no activation itself. */
    private Layer relu() {
        return new ActivationLayer.Builder().name("relu" + convolutions).activation(Activation.RELU).build();
    }

    private Layer maxPool() {
        pools++;
        // Always "truncate" (no padding): with same-padded convolutions a 7x7 map pools to 3x3, as in PyTorch.
        return new SubsamplingLayer.Builder(PoolingType.MAX)
                .name("pool" + pools)
                .dataFormat(FORMAT)
                .kernelSize(POOL, POOL)
                .stride(POOL, POOL)
                .convolutionMode(ConvolutionMode.Truncate)
                .build();
    }

    private Layer dropout() {
        dropouts++;
        // DL4J's Dropout takes the probability of keeping an activation; the specification holds the rate.
        return new DropoutLayer.Builder(new Dropout(1 - network.dropout()))
                .name("drop" + dropouts)
                .activation(Activation.IDENTITY)
                .build();
    }

    private Layer dense(int units) {
        denses++;
        DenseLayer.Builder dense = new DenseLayer.Builder()
                .name("dense" + denses)
                .nOut(units)
                .activation(Activation.RELU);
        return regularized(dense).build();
    }

    private Layer output() {
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .name("output")
                .nOut(NetworkSpec.CLASSES)
                .activation(Activation.SOFTMAX);
        return regularized(output).build();
    }

    /** L1 and L2 on the weights of a layer that has them; biases stay unpenalized, as is usual. */
    private <B extends BaseLayer.Builder<B>> B regularized(B layer) {
        if (network.l1() > 0) {
            layer.l1(network.l1());
        }
        if (network.l2() > 0) {
            layer.l2(network.l2());
        }
        return layer;
    }
}
