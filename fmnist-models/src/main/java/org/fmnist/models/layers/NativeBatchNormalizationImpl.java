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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The implementation behind {@link NativeBatchNormalization} for rank 4 input: {@code batchnorm} forward,
 * {@code batchnorm_bp} backward (the full derivative through the batch mean and variance), and DL4J's
 * running-statistic updates, which DL4J applies as "gradients" of the {@code mean} and {@code var} or
 * {@code log10stdev} parameters through a no-op updater.
 */
final class NativeBatchNormalizationImpl extends BatchNormalization {

    /** 1 / (2 ln 10): turns ln(variance) into log10(standard deviation). */
    private static final double HALF_LOG10_E = 1.0 / (2.0 * Math.log(10.0));

    /** Batch mean and variance (biased, without epsilon) of the last training-mode forward pass, shape [C]. */
    private INDArray batchMean;
    private INDArray batchVar;
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
        INDArray x = input.dataType() == dataType ? input : input.castTo(dataType);
        int[] reduce = reductionDims();
        INDArray mean;
        INDArray var;
        if (training) {
            // Kept for backpropagation, so they must live as long as this layer's activations.
            mean = workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, x.mean(reduce));
            var = workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, x.var(false, reduce));
            batchMean = mean;
            batchVar = var;
            statsInput = input;
        } else {
            mean = vector(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            var = globalVariance();
            batchMean = null;
            batchVar = null;
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
        INDArray x = input.dataType() == dataType ? input : input.castTo(dataType);
        INDArray eps = epsilon.dataType() == dataType ? epsilon : epsilon.castTo(dataType);
        if (statsInput != input) {
            int[] reduce = reductionDims();
            batchMean = x.mean(reduce);
            batchVar = x.var(false, reduce);
        }
        INDArray mean = batchMean;
        INDArray var = batchVar;
        batchMean = null;
        batchVar = null;
        statsInput = null;

        long channels = mean.length();
        INDArray gammaGrad = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
        INDArray betaGrad = gradientViews.get(BatchNormalizationParamInitializer.BETA);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        INDArray meanGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, channels);
        INDArray varGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, channels);
        Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp")
                .addInputs(x, mean, var, vector(BatchNormalizationParamInitializer.GAMMA),
                        vector(BatchNormalizationParamInitializer.BETA), eps)
                .addOutputs(epsOut, meanGrad, varGrad, gammaGrad.reshape(channels), betaGrad.reshape(channels))
                .addIntegerArguments(1, 1, channelAxis())
                .addFloatingPointArguments(layerConf().getEps())
                .build());

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, gammaGrad);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, betaGrad);
        runningStatisticGradients(gradient, mean, var);
        return new Pair<>(gradient, epsOut);
    }

    /**
     * DL4J's running averages: the updater subtracts these "gradients", so global = decay * global
     * + (1 - decay) * batch for the mean and for the variance (through log10 of the standard deviation where the
     * layer stores that).
     */
    private void runningStatisticGradients(Gradient gradient, INDArray batchMean, INDArray batchVar) {
        double decay = layerConf().getDecay();
        INDArray meanGrad = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray globalMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        meanGrad.assign(globalMean.reshape(batchMean.length()).sub(batchMean).muli(1.0 - decay).reshape(meanGrad.shape()));
        gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN, meanGrad);
        if (layerConf().isUseLogStd()) {
            INDArray logStdGrad = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            INDArray globalVar = globalVariance();
            INDArray newVar = globalVar.mul(decay).addi(batchVar.mul(1.0 - decay));
            INDArray ratio = Transforms.log(globalVar.divi(newVar), false).muli(HALF_LOG10_E);
            logStdGrad.assign(ratio.reshape(logStdGrad.shape()));
            gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_LOG_STD, logStdGrad);
        } else {
            INDArray varGrad = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_VAR);
            INDArray globalVar = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
            varGrad.assign(globalVar.reshape(batchVar.length()).sub(batchVar).muli(1.0 - decay).reshape(varGrad.shape()));
            gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_VAR, varGrad);
        }
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
