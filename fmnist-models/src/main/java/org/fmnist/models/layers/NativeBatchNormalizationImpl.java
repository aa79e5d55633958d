package org.fmnist.models.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The implementation behind {@link NativeBatchNormalization} for rank 4 input: {@code moments} and
 * {@code batchnorm} forward, a backward pass over the centred input that the forward pass keeps (the full
 * derivative through the batch mean and variance), and DL4J's running-statistic updates, which DL4J applies as
 * "gradients" of the {@code mean} and {@code var} or {@code log10stdev} parameters through a no-op updater.
 */
final class NativeBatchNormalizationImpl extends BatchNormalization {

    /** 1 / (2 ln 10): turns ln(variance) into log10(standard deviation). */
    private static final double HALF_LOG10_E = 1.0 / (2.0 * Math.log(10.0));

    /** Batch mean and variance (biased, without epsilon) of the last training-mode forward pass, shape [C]. */
    private INDArray batchMean;
    private INDArray batchVar;
    /** The input minus the batch mean, where the forward pass computed it (channels-last input), or null. */
    private INDArray batchCentered;
    /** The input those statistics belong to. */
    private INDArray statsInput;

    NativeBatchNormalizationImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean nativePath(INDArray x) {
        return x.rank() == 4 && !layerConf().isLockGammaBeta();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (!nativePath(input)) {
            return super.activate(training, workspaceMgr);
        }
        INDArray x = input.castTo(dataType);
        INDArray mean;
        INDArray var;
        if (training) {
            // Kept for backpropagation, so they must live as long as this layer's activations.
            INDArray[] moments = moments(x, ArrayType.ACTIVATIONS, workspaceMgr);
            mean = moments[0];
            var = moments[1];
            batchMean = mean;
            batchVar = var;
            batchCentered = moments[2];
            statsInput = input;
        } else {
            mean = vector(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            var = globalVariance();
            batchMean = null;
            batchVar = null;
            batchCentered = null;
            statsInput = null;
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(x, mean, var, vector(BatchNormalizationParamInitializer.GAMMA),
                        vector(BatchNormalizationParamInitializer.BETA))
                .addOutputs(out)
                .addIntegerArguments(1, 1, channelAxis())
                .addFloatingPointArguments(layerConf().getEps())
                .build());
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!nativePath(input)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray x = input.castTo(dataType);
        INDArray eps = epsilon.castTo(dataType);
        if (statsInput != input) {
            INDArray[] moments = moments(x, ArrayType.BP_WORKING_MEM, workspaceMgr);
            batchMean = moments[0];
            batchVar = moments[1];
            batchCentered = moments[2];
        }
        INDArray mean = batchMean;
        INDArray var = batchVar;
        INDArray centered = batchCentered;
        batchMean = null;
        batchVar = null;
        batchCentered = null;
        statsInput = null;

        int channels = (int) mean.length();
        int[] reduce = reductionDims();
        double perChannel = (double) x.length() / channels;
        // The gradients need two data-sized reductions per channel: sum(dL/dy) and sum(dL/dy * (x - mean)). The
        // second is taken over the centred input, never as sum(dL/dy * x) - mean * sum(dL/dy): that is a small
        // difference of two large float32 sums, and its rounding depends on the order in which the CPU's kernels
        // accumulate (off by 2e-3 of the scale gradient with AVX2 kernels in NativeLayersEquivalenceTest).
        if (centered == null) {
            centered = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, x.shape(), 'c');
            Nd4j.exec(new BroadcastSubOp(x, mean, centered, channelAxis()));
        }
        double[] sumDy;
        double[] sumDyCentered;
        if (channelsLastRows(x) && channelsLastRows(eps)) {
            INDArray rows = ChannelSums.rows(eps);
            INDArray centeredRows = ChannelSums.rows(centered);
            INDArray ones = onesRow(rows.size(0), ArrayType.BP_WORKING_MEM, workspaceMgr);
            sumDy = columnSums(ones, rows, ArrayType.BP_WORKING_MEM, workspaceMgr).toDoubleVector();
            INDArray product = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, rows.shape(), 'c');
            Nd4j.exec(new MulOp(rows, centeredRows, product));
            sumDyCentered = columnSums(ones, product, ArrayType.BP_WORKING_MEM, workspaceMgr).toDoubleVector();
        } else {
            sumDy = eps.sum(reduce).toDoubleVector();
            INDArray dot = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, channels);
            Nd4j.exec(new Dot(eps, centered, dot, reduce));
            sumDyCentered = dot.toDoubleVector();
        }
        double[] variance = var.toDoubleVector();
        double[] gamma = vector(BatchNormalizationParamInitializer.GAMMA).toDoubleVector();
        double[] dGamma = new double[channels];
        double[] dyScale = new double[channels];
        double[] centeredScale = new double[channels];
        double[] shift = new double[channels];
        for (int c = 0; c < channels; c++) {
            double invStd = 1.0 / Math.sqrt(variance[c] + layerConf().getEps());
            // sum of dL/dy * xHat, with xHat = (x - mean) * invStd
            double dg = invStd * sumDyCentered[c];
            double a = gamma[c] * invStd;
            // dL/dx = a * (dy - sum(dy) / M - xHat * dg / M), regrouped as dyScale * dy + centeredScale * (x - mean)
            // + shift; on the centred input, so that no term cancels a large one
            double k2 = -a * invStd * dg / perChannel;
            dGamma[c] = dg;
            dyScale[c] = a;
            centeredScale[c] = k2;
            shift[c] = (-a * sumDy[c] / perChannel);
        }
        INDArray gammaGrad = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
        INDArray betaGrad = gradientViews.get(BatchNormalizationParamInitializer.BETA);
        gammaGrad.assign(channelVector(dGamma).reshape(gammaGrad.shape()));
        betaGrad.assign(channelVector(sumDy).reshape(betaGrad.shape()));

        // libnd4j's batchnorm_bp takes about ten passes over the data (oneDNN's backward with fixed statistics,
        // then the batch-statistic terms one by one); after the two sums this takes three:
        // centeredScale * (x - mean) + shift and dyScale * dy through the batchnorm op used as a per-channel affine
        // map (mean 0, variance 1, epsilon 0), then their sum.
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(centered, Nd4j.zeros(dataType, channels), Nd4j.ones(dataType, channels),
                        channelVector(centeredScale), channelVector(shift))
                .addOutputs(epsOut)
                .addIntegerArguments(1, 1, channelAxis())
                .addFloatingPointArguments(0.0)
                .build());
        INDArray scaledDy = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, x.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(eps, Nd4j.zeros(dataType, channels), Nd4j.ones(dataType, channels),
                        channelVector(dyScale), Nd4j.zeros(dataType, channels))
                .addOutputs(scaledDy)
                .addIntegerArguments(1, 1, channelAxis())
                .addFloatingPointArguments(0.0)
                .build());
        epsOut.addi(scaledDy);

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, gammaGrad);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, betaGrad);
        runningStatisticGradients(gradient, mean.toDoubleVector(), variance);
        return new Pair<>(gradient, epsOut);
    }

    /**
     * DL4J's running averages: the updater subtracts these "gradients", so global = decay * global
     * + (1 - decay) * batch for the mean and for the variance (through log10 of the standard deviation where the
     * layer stores that). A few dozen numbers: computed here rather than in a dozen small ops.
     */
    private void runningStatisticGradients(Gradient gradient, double[] batchMean, double[] batchVar) {
        double decay = layerConf().getDecay();
        int channels = batchMean.length;
        double[] globalMean = vector(BatchNormalizationParamInitializer.GLOBAL_MEAN).toDoubleVector();
        double[] meanStep = new double[channels];
        for (int c = 0; c < channels; c++) {
            meanStep[c] = ((globalMean[c] - batchMean[c]) * (1.0 - decay));
        }
        assignTo(BatchNormalizationParamInitializer.GLOBAL_MEAN, meanStep, gradient);
        boolean logStd = layerConf().isUseLogStd();
        String key = logStd ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                : BatchNormalizationParamInitializer.GLOBAL_VAR;
        double[] global = vector(key).toDoubleVector();
        double[] step = new double[channels];
        for (int c = 0; c < channels; c++) {
            if (logStd) {
                double globalVar = Math.pow(10.0, 2.0 * global[c]);
                double newVar = decay * globalVar + (1.0 - decay) * batchVar[c];
                step[c] = (Math.log(globalVar / newVar) * HALF_LOG10_E);
            } else {
                step[c] = ((global[c] - batchVar[c]) * (1.0 - decay));
            }
        }
        assignTo(key, step, gradient);
    }

    /**
     * A [C] array of this layer's data type. The per-channel arithmetic is done in double: a few dozen numbers,
     * rounded once at the end.
     */
    private INDArray channelVector(double[] values) {
        return Nd4j.createFromArray(values).castTo(dataType);
    }

    private void assignTo(String key, double[] values, Gradient gradient) {
        INDArray view = gradientViews.get(key);
        view.assign(channelVector(values).reshape(view.shape()));
        gradient.setGradientFor(key, view);
    }

    /**
     * Batch mean and biased variance per channel, shape [C], and the input minus the mean where that is computed
     * on the way (channels-last input; null otherwise), all three in {@code arrayType}. Other layouts take one
     * pass of the {@code moments} op (DL4J's mean then var takes two, and its variance pass over the
     * non-contiguous axes is the slowest part).
     */
    private INDArray[] moments(INDArray x, ArrayType arrayType, LayerWorkspaceMgr workspaceMgr) {
        if (channelsLastRows(x)) {
            return channelsLastMoments(x, arrayType, workspaceMgr);
        }
        long channels = x.size(channelAxis());
        INDArray mean = workspaceMgr.createUninitialized(arrayType, dataType, channels);
        INDArray var = workspaceMgr.createUninitialized(arrayType, dataType, channels);
        Nd4j.exec(DynamicCustomOp.builder("moments").addInputs(x).addOutputs(mean, var)
                .addIntegerArguments(reductionDims()).build());
        return new INDArray[] {mean, var, null};
    }

    /**
     * Channels-last moments as products with a row of ones ({@link ChannelSums}). The variance is the mean square
     * about the mean (two passes), not mean(x^2) - mean^2, which loses precision; the centred input is kept for
     * the backward pass, which needs it too.
     */
    private INDArray[] channelsLastMoments(INDArray x, ArrayType arrayType, LayerWorkspaceMgr workspaceMgr) {
        INDArray rows = ChannelSums.rows(x);
        long count = rows.size(0);
        INDArray ones = onesRow(count, ArrayType.FF_WORKING_MEM, workspaceMgr);
        INDArray mean = columnSums(ones, rows, arrayType, workspaceMgr).divi(count);
        INDArray centered = workspaceMgr.createUninitialized(arrayType, dataType, x.shape(), 'c');
        INDArray centeredRows = ChannelSums.rows(centered);
        Nd4j.exec(new BroadcastSubOp(rows, mean, centeredRows, 1));
        INDArray squares = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, rows.shape(), 'c');
        Nd4j.exec(new MulOp(centeredRows, centeredRows, squares));
        INDArray var = columnSums(ones, squares, arrayType, workspaceMgr).divi(count);
        return new INDArray[] {mean, var, centered};
    }

    /** True for a row-major, contiguous NHWC array, which {@link ChannelSums#rows} views as [N * H * W, C]. */
    private boolean channelsLastRows(INDArray array) {
        return nhwc() && array.ordering() == 'c' && array.elementWiseStride() == 1;
    }

    private INDArray onesRow(long length, ArrayType arrayType, LayerWorkspaceMgr workspaceMgr) {
        return ChannelSums.onesRow(length, dataType, arrayType, workspaceMgr);
    }

    /** The per-column sums of {@code rows}, shape [C]. */
    private INDArray columnSums(INDArray ones, INDArray rows, ArrayType arrayType, LayerWorkspaceMgr workspaceMgr) {
        INDArray sums = workspaceMgr.createUninitialized(arrayType, dataType, new long[] {1, rows.size(1)}, 'c');
        return ChannelSums.columnSums(ones, rows, sums).reshape(rows.size(1));
    }

    /** The running variance as a fresh [C] array, whichever way the layer stores it. */
    private INDArray globalVariance() {
        if (layerConf().isUseLogStd()) {
            INDArray log10Std = vector(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(log10Std.shape(), 10.0, dataType), log10Std, false);
            return std.muli(std);
        }
        return vector(BatchNormalizationParamInitializer.GLOBAL_VAR).dup();
    }

    private INDArray vector(String key) {
        INDArray p = getParam(key);
        return p.reshape(p.length());
    }

    private boolean nhwc() {
        return layerConf().getCnn2DFormat() == CNN2DFormat.NHWC;
    }

    private int channelAxis() {
        return nhwc() ? 3 : 1;
    }

    private int[] reductionDims() {
        return nhwc() ? new int[] {0, 1, 2} : new int[] {0, 2, 3};
    }
}
