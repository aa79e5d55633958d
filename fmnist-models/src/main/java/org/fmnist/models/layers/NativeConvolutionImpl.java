package org.fmnist.models.layers;

import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The implementation behind {@link NativeConvolutionLayer}: forward pass with {@code conv2d}, backward pass
 * with {@code conv2d_bp}, weight and bias gradients written straight into the network's gradient view. A layer
 * set to compute no input gradient ({@link NativeConvolutionLayer#setInputGradient}) takes its weight gradient
 * as one forward convolution instead, where stride and dilation are 1.
 */
final class NativeConvolutionImpl extends ConvolutionLayer {

    /** Weight layout code of the native ops for [out, in, kH, kW], DL4J's own layout: no reordering. */
    private static final int WEIGHTS_OIHW = 1;
    /** Weight layout code of the native ops for [kH, kW, in, out]. */
    private static final int WEIGHTS_HWIO = 0;

    /** The training-mode output of the last forward pass, kept while it is still this layer's output. */
    private INDArray trainingOutput;
    /** The input that {@link #trainingOutput} was computed from (after dropout). */
    private INDArray trainingInput;

    NativeConvolutionImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = castedInput();
        Geometry g = geometry(x);
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray out = preActivation(x, weights, g, training, ArrayType.ACTIVATIONS, workspaceMgr);
        IActivation activation = layerConf().getActivationFn();
        INDArray result = activation.getActivation(out, training);
        if (training && Activations.derivableFromOutput(activation)) {
            trainingOutput = result;
            trainingInput = input;
        } else {
            trainingOutput = null;
            trainingInput = null;
        }
        return result;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = castedInput();
        Geometry g = geometry(x);
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        IActivation activation = layerConf().getActivationFn();
        INDArray delta;
        if (reluGradientByNextLayer()) {
            // The max-pooling layer after this one has applied the ReLU's gradient (see NativeSubsamplingLayer).
            delta = epsilon.castTo(dataType);
        } else if (trainingOutput != null && trainingInput == input) {
            delta = Activations.backpropFromOutput(activation, trainingOutput, epsilon, ArrayType.BP_WORKING_MEM,
                    workspaceMgr);
        } else {
            // No usable forward output (an inference-mode or foreign forward pass): recompute it, as DL4J does.
            INDArray z = preActivation(x, weights, g, true, ArrayType.BP_WORKING_MEM, workspaceMgr);
            delta = activation.backprop(z, epsilon.castTo(dataType)).getFirst();
        }
        trainingOutput = null;
        trainingInput = null;

        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        Gradient gradient = new DefaultGradient();
        INDArray epsOut = null;
        if (inputGradientWanted()) {
            epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
            nativeBackward(x, weights, delta, weightGrad, epsOut, g, gradient, workspaceMgr);
        } else if (g.unitStrideAndDilation() && !g.same()
                && layerConf().getConvolutionMode() != ConvolutionMode.Causal) {
            parameterGradients(x, delta, weightGrad, g, gradient, workspaceMgr);
        } else {
            // The full backward pass; its input gradient is dropped.
            INDArray unused = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, x.shape(), 'c');
            nativeBackward(x, weights, delta, weightGrad, unused, g, gradient, workspaceMgr);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsOut == null ? null : backpropDropOutIfPresent(epsOut));
    }

    /** The convolution plus bias, before the activation, into a new array of {@code arrayType}. */
    private INDArray preActivation(INDArray x, INDArray weights, Geometry g, boolean training, ArrayType arrayType,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.createUninitialized(arrayType, dataType, g.outputShape(x.size(0)), 'c');
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d").addIntegerArguments(g.intArgs());
        if (layerConf().hasBias()) {
            INDArray bias = getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr);
            op.addInputs(x, weights, bias.reshape(bias.length()));
        } else {
            op.addInputs(x, weights);
        }
        Nd4j.exec(op.addOutputs(out).build());
        return out;
    }

    private boolean reluGradientByNextLayer() {
        return conf.getLayer() instanceof ReluBeforeMaxPool layer && layer.isReluGradientByNextLayer();
    }

    private boolean inputGradientWanted() {
        return !(conf.getLayer() instanceof NativeConvolutionLayer layer) || layer.isInputGradient();
    }

    /**
     * The weight and bias gradients alone. dL/dW[o, c, i, j] is the sum over n, y, x of
     * delta[n, y, x, o] * in[n, y + i, x + j, c]: a convolution of the input images, with the batch as their
     * channels, [C, H, W, N], by the output gradient as the kernel, [OH, OW, N, O], which gives [C, kH, kW, O].
     * One {@code conv2d}, cheaper than {@code conv2d_bp}, whose backward-data pass and reorders this leaves out.
     */
    private void parameterGradients(INDArray x, INDArray delta, INDArray weightGrad, Geometry g, Gradient gradient,
            LayerWorkspaceMgr workspaceMgr) {
        boolean nhwc = g.nhwc();
        INDArray images = nhwc ? x.permute(3, 1, 2, 0) : x.permute(1, 2, 3, 0);
        images = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, images, 'c');
        INDArray kernel = nhwc ? delta.permute(1, 2, 0, 3) : delta.permute(2, 3, 0, 1);
        int[] k = g.kernel();
        INDArray products = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[] {images.size(0), k[0], k[1], g.outChannels()}, 'c');
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(images, kernel).addOutputs(products)
                .addIntegerArguments(g.outSize()[0], g.outSize()[1], 1, 1, g.pad()[0], g.pad()[1], 1, 1, 0, 1,
                        WEIGHTS_HWIO)
                .build());
        weightGrad.assign(products.permute(3, 0, 1, 2));
        if (layerConf().hasBias()) {
            INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            if (nhwc) {
                INDArray rows = ChannelSums.rows(delta);
                ChannelSums.columnSums(ChannelSums.onesRow(rows.size(0), dataType, ArrayType.BP_WORKING_MEM,
                        workspaceMgr), rows, biasGrad.reshape('c', 1, g.outChannels()));
            } else {
                biasGrad.assign(delta.sum(0, 2, 3).reshape(biasGrad.shape()));
            }
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
    }

    /** All gradients in one {@code conv2d_bp}: oneDNN's backward-data and backward-weights primitives. */
    private void nativeBackward(INDArray x, INDArray weights, INDArray delta, INDArray weightGrad, INDArray epsOut,
            Geometry g, Gradient gradient, LayerWorkspaceMgr workspaceMgr) {
        DynamicCustomOp.DynamicCustomOpsBuilder op =
                DynamicCustomOp.builder("conv2d_bp").addIntegerArguments(g.intArgs());
        if (layerConf().hasBias()) {
            INDArray bias = getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, true, workspaceMgr);
            INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            op.addInputs(x, weights, bias.reshape(bias.length()), delta)
                    .addOutputs(epsOut, weightGrad, biasGrad.reshape(biasGrad.length()));
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        } else {
            op.addInputs(x, weights, delta).addOutputs(epsOut, weightGrad);
        }
        Nd4j.exec(op.build());
    }

    private INDArray castedInput() {
        INDArray x = input.castTo(dataType);
        if (x.rank() != 4) {
            throw new DL4JInvalidInputException("NativeConvolutionLayer " + layerId() + " expects rank 4 input "
                    + layerConf().getCnn2dDataFormat().dimensionNames() + ", was shape " + Arrays.toString(x.shape()));
        }
        return x;
    }

    private Geometry geometry(INDArray x) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        CNN2DFormat format = c.getCnn2dDataFormat();
        boolean nhwc = format == CNN2DFormat.NHWC;
        long channels = x.size(nhwc ? 3 : 1);
        if (channels != c.getNIn()) {
            throw new DL4JInvalidInputException("NativeConvolutionLayer " + layerId() + " expects " + c.getNIn()
                    + " input channels in format " + format + ", input shape was " + Arrays.toString(x.shape()));
        }
        int[] kernel = c.getKernelSize();
        int[] stride = c.getStride();
        int[] dilation = c.getDilation();
        ConvolutionMode mode = c.getConvolutionMode();
        int[] pad;
        int[] outSize;
        if (mode == ConvolutionMode.Same) {
            outSize = ConvolutionUtils.getOutputSize(x, kernel, stride, null, mode, dilation, format);
            int[] inSize = nhwc ? new int[] {(int) x.size(1), (int) x.size(2)}
                    : new int[] {(int) x.size(2), (int) x.size(3)};
            pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, stride, dilation);
        } else {
            pad = c.getPadding();
            outSize = ConvolutionUtils.getOutputSize(x, kernel, stride, pad, mode, dilation, format);
        }
        return new Geometry(kernel, stride, pad, dilation, mode == ConvolutionMode.Same, nhwc, outSize, c.getNOut());
    }

    /** Everything the native ops need to know about the convolution's shape. */
    private record Geometry(int[] kernel, int[] stride, int[] pad, int[] dilation, boolean same, boolean nhwc,
            int[] outSize, long outChannels) {

        int[] intArgs() {
            return new int[] {kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1],
                same ? 1 : 0, nhwc ? 1 : 0, WEIGHTS_OIHW};
        }

        boolean unitStrideAndDilation() {
            return stride[0] == 1 && stride[1] == 1 && dilation[0] == 1 && dilation[1] == 1;
        }

        long[] outputShape(long batch) {
            return nhwc ? new long[] {batch, outSize[0], outSize[1], outChannels}
                    : new long[] {batch, outChannels, outSize[0], outSize[1]};
        }
    }
}
